"""Enumerate batch inputs (files, folders, zip and tar members) with archive safety checks."""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from reportparse._limits import Limits

__all__ = [
    "ARCHIVE_SUFFIXES",
    "InputItem",
    "Problem",
    "description_beside",
    "document_id",
    "is_archive",
    "plan_inputs",
    "read_inputs",
]

# A data set and its portal's description page side by side: ``dati.xlsx`` and
# ``dati.description.txt`` (or ``dati.apraksts.html``). The page's columns give
# the data set's observations their units (docs/batch.md).
DATA_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls", ".ods")
DESCRIPTION_NAMES = (".description", ".apraksts")
DESCRIPTION_SUFFIXES = (".txt", ".html", ".htm")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
# An archive that expands to less than this cannot hurt whatever its ratio, and
# small repetitive text legitimately compresses very well (as in the DOCX reader).
_RATIO_FLOOR = 1024 * 1024
# Characters kept in a document id; everything else (separators included) becomes "_".
_ID_UNSAFE = re.compile(r"[^\w.!+=@-]+")
_ID_STEM_CHARS = 100

_Reader = Callable[[int], bytes]
# An archive file by path, or a nested archive's bytes.
_ArchiveSource = str | IO[bytes]


@dataclass(frozen=True, slots=True)
class Problem:
    """Why an input is refused before any parse: the error class name and the reason."""

    error: str
    reason: str


# One level of nesting bounds what one input may unpack in memory.
_TOO_DEEP = Problem(
    "UnsupportedFormatError", "archive inside an archive inside an archive (not opened)"
)


@dataclass(frozen=True, slots=True)
class InputItem:
    """One input of a batch: a file, or one member of an archive.

    ``source`` is the file as given or found in a folder (printable text);
    ``member`` the path inside the archive (``inner.zip!q3.pdf`` for a member
    of an archive inside it); ``occurrence`` counts earlier members of the same
    archive with the same name, so that duplicates stay apart. ``index`` is
    the position in the batch, the order of every output.
    """

    index: int
    source: str
    member: str | None = None
    occurrence: int = 0
    size: int | None = None
    problem: Problem | None = None
    #: The path to open (may hold undecodable bytes that ``source`` shows as U+FFFD).
    path: str = ""
    #: Position of the member among the archive's entries, to find it again.
    position: int = -1
    #: Position inside the archive at ``position`` (an archive in the archive), else -1.
    inner: int = -1
    #: ``source``, or ``source!member`` for an archive member.
    name: str = field(init=False)
    #: The unique, deterministic name of this input's document (without ``.json``).
    id: str = field(init=False)

    def __post_init__(self) -> None:
        # Computed once: the batch looks both up for every input, many times.
        name = self.source if self.member is None else f"{self.source}!{self.member}"
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "id", document_id(name, self.occurrence))


def document_id(name: str, occurrence: int = 0) -> str:
    """The input's name flattened to one file name, plus a hash of name and occurrence.

    >>> document_id("reports/2024/q3.pdf")
    'reports_2024_q3.pdf.7bb9d4e5'
    >>> document_id("all.zip!riga/q3.docx", 1)
    'all.zip!riga_q3.docx.db97f31f'
    """
    digest = hashlib.sha256(f"{name}\0{occurrence}".encode()).hexdigest()[:8]
    # Stripping leading dots keeps documents/ free of hidden files (`../x.pdf`).
    stem = _ID_UNSAFE.sub("_", name).strip("._")[:_ID_STEM_CHARS] or "input"
    return f"{stem}.{digest}"


def is_archive(name: str) -> bool:
    """Whether a file is read as an archive of inputs, by its name."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def plan_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    limits: Limits | None = None,
    exclude: Sequence[str | os.PathLike[str]] = (),
) -> list[InputItem]:
    """Every input in batch order, without reading any content.

    Folders are walked recursively in sorted order, skipping hidden entries
    and the folders in ``exclude`` (the batch's own output); archives are
    listed member by member. Inputs that are refused outright (no such file,
    unsafe member paths, zip bombs, unreadable archives) come back with a
    ``problem``. The same input named twice is listed once.
    """
    limits = limits or Limits()
    excluded = {_real(p) for p in exclude}
    items: list[InputItem] = []
    seen: set[tuple[str, str | None, int]] = set()
    for given in inputs:
        path = os.path.normpath(os.fspath(given))
        for item in _expand(path, limits, excluded):
            key = (item.source, item.member, item.occurrence)
            if key not in seen:
                seen.add(key)
                items.append(_with_index(item, len(items)))
    return items


def read_inputs(
    items: Iterable[InputItem], *, limits: Limits | None = None
) -> Iterator[tuple[InputItem, bytes | Problem]]:
    """Each item with its content or the problem that stops reading it, in order.

    Consecutive members of one archive are read from one open archive, one
    member in memory at a time; nothing is unpacked to disk.
    """
    limits = limits or Limits()
    group: list[InputItem] = []
    for item in items:
        if group and (item.member is None or item.path != group[0].path):
            yield from _read_group(group, limits)
            group = []
        if item.member is None:
            yield item, item.problem or _read_file(item, limits)
        else:
            group.append(item)
    if group:
        yield from _read_group(group, limits)


# --- planning ---------------------------------------------------------------


def _expand(path: str, limits: Limits, excluded: set[str]) -> Iterator[InputItem]:
    source = _printable(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        yield _refused(source, path, "ReportParseError", "no such file")
        return
    except OSError as error:
        yield _refused(source, path, "ReportParseError", f"cannot read: {error.strerror}")
        return
    if stat.S_ISDIR(mode):
        yield from _walk(path, limits, excluded)
    elif not stat.S_ISREG(mode):
        yield _refused(source, path, "ReportParseError", "not a regular file")
    elif is_archive(path):
        yield from _list_archive(path, limits)
    else:
        yield InputItem(index=-1, source=source, path=path, size=os.stat(path).st_size)


def _walk(folder: str, limits: Limits, excluded: set[str]) -> Iterator[InputItem]:
    problems: list[OSError] = []
    if _real(folder) in excluded:
        return
    for root, dirs, files in os.walk(folder, onerror=problems.append):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and _real(os.path.join(root, d)) not in excluded
        )
        for name in sorted(files):
            if not name.startswith("."):
                yield from _expand(os.path.join(root, name), limits, excluded)
    for error in problems:
        where = error.filename if isinstance(error.filename, str) else folder
        yield _refused(
            _printable(where), where, "ReportParseError", f"cannot read folder: {error.strerror}"
        )


def _list_archive(path: str, limits: Limits) -> Iterator[InputItem]:
    source = _printable(path)
    listed = _archive_entries(path, path, os.path.getsize(path), limits)
    if isinstance(listed, Problem):
        yield InputItem(index=-1, source=source, problem=listed, path=path)
        return
    nested = {
        e.position: e.name
        for e in listed
        if e.problem is None and is_archive(e.name) and _fits(e, limits)
    }
    inner = _nested_entries(path, nested, limits) if nested else {}
    counts: dict[str, int] = {}

    def item(entry: _Entry, member: str, position: int, inner_position: int = -1) -> InputItem:
        occurrence = counts.get(member, 0)
        counts[member] = occurrence + 1
        problem = entry.problem
        if problem is None and not _fits(entry, limits):
            problem = Problem(
                "LimitExceededError",
                f"file of {entry.size} bytes is over the limit of {limits.max_file_bytes}",
            )
        return InputItem(
            index=-1,
            source=source,
            member=member,
            occurrence=occurrence,
            size=entry.size,
            problem=problem,
            path=path,
            position=position,
            inner=inner_position,
        )

    for entry in listed:
        found = inner.get(entry.position)
        if found is None:
            yield item(entry, entry.name, entry.position)
        elif isinstance(found, Problem):
            yield item(replace(entry, problem=found), entry.name, entry.position)
        else:
            for member in found:
                name = f"{entry.name}!{member.name}"
                deep = member.problem is None and is_archive(member.name)
                shown = replace(member, problem=_TOO_DEEP) if deep else member
                yield item(shown, name, entry.position, member.position)


def _fits(entry: _Entry, limits: Limits) -> bool:
    return entry.size <= limits.max_file_bytes


def _archive_entries(
    archive: _ArchiveSource, name: str, size: int, limits: Limits
) -> list[_Entry] | Problem:
    """The entries of the archive ``name`` (a path, or a member's name), or why it is refused."""
    try:
        if name.lower().endswith(".zip"):
            entries = _zip_entries(archive)
        else:
            entries = _tar_entries(archive, limits)
    except _BombError as error:
        return Problem("LimitExceededError", f"zip bomb refused: {error.reason}")
    except _ArchiveError as error:
        return Problem("CorruptFileError", error.reason)
    except OSError as error:
        return Problem("ReportParseError", f"cannot read: {error.strerror}")
    reason = _bomb_reason(entries, size, limits)
    if reason is not None:
        return Problem("LimitExceededError", f"zip bomb refused: {reason}")
    return entries


def _nested_entries(
    path: str, names: dict[int, str], limits: Limits
) -> dict[int, list[_Entry] | Problem]:
    """The entries of each archive inside the archive ``path`` (by position: name), one pass."""
    found: dict[int, list[_Entry] | Problem] = {}
    try:
        for position, read in _members(path, path, names.keys()):
            data = _read_member(read, limits)
            found[position] = (
                data
                if isinstance(data, Problem)
                else _archive_entries(io.BytesIO(data), names[position], len(data), limits)
            )
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, ValueError, OSError) as error:
        reason = f"archive could not be read to the end ({error})"
        for position in names:
            found.setdefault(position, Problem("CorruptFileError", reason))
    return found


@dataclass(frozen=True, slots=True)
class _Entry:
    position: int
    name: str
    size: int
    compressed: int
    problem: Problem | None


class _ArchiveError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _BombError(_ArchiveError):
    pass


def _zip_entries(path: _ArchiveSource) -> list[_Entry]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        raise _ArchiveError(f"not a readable zip archive ({error})") from None
    entries = []
    for position, info in enumerate(infos):
        problem = _unsafe(info.filename)
        if info.is_dir() or (problem is None and _skipped_member(info.filename)):
            continue
        if problem is None and _is_zip_link_or_special(info):
            problem = Problem("UnsafePathError", "link or special member refused")
        if problem is None and info.flag_bits & 0x1:
            problem = Problem("EncryptedFileError", "encrypted archive member")
        entries.append(
            _Entry(position, _printable(info.filename), info.file_size, info.compress_size, problem)
        )
    return entries


def _is_zip_link_or_special(info: zipfile.ZipInfo) -> bool:
    # Unix zip tools keep st_mode in the high half of external_attr; a zero
    # file type (archives made on Windows, or by Python without a mode) is a
    # plain file.
    if info.create_system != 3:  # 3: made on Unix
        return False
    kind = stat.S_IFMT(info.external_attr >> 16)
    return kind not in (0, stat.S_IFREG, stat.S_IFDIR)


def _tar_entries(path: _ArchiveSource, limits: Limits) -> list[_Entry]:
    # Stream mode reads the archive front to back once, decompressing only as
    # far as the headers so far declare: a bomb is stopped at the size limit.
    entries = []
    total = 0
    try:
        with _open_tar(path) as archive:
            for position, info in enumerate(archive):
                problem = _unsafe(info.name)
                if info.isdir() or (problem is None and _skipped_member(info.name)):
                    continue
                if problem is None and not info.isreg():
                    problem = Problem("UnsafePathError", "link or special member refused")
                size = info.size if info.isreg() else 0
                total += size
                if total > limits.max_unzipped_bytes:
                    raise _BombError(_size_reason(total, limits))
                entries.append(_Entry(position, _printable(info.name), size, size, problem))
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        if isinstance(error, OSError) and error.errno is not None:
            raise
        raise _ArchiveError(f"not a readable tar archive ({error})") from None
    return entries


def _bomb_reason(entries: list[_Entry], archive_size: int, limits: Limits) -> str | None:
    total = sum(entry.size for entry in entries)
    if total > limits.max_unzipped_bytes:
        return _size_reason(total, limits)
    # Against the archive's own size, so members that share compressed data
    # (overlapping zip bombs) are caught as well as one very compressed member.
    if total > _RATIO_FLOOR and total > limits.max_zip_ratio * max(archive_size, 1):
        ratio = total // max(archive_size, 1)
        return f"expands {ratio} times, over the limit of {limits.max_zip_ratio}"
    for entry in entries:
        if entry.size > _RATIO_FLOOR and entry.size > limits.max_zip_ratio * max(
            entry.compressed, 1
        ):
            return f"member {entry.name} expands more than {limits.max_zip_ratio} times"
    return None


def _size_reason(total: int, limits: Limits) -> str:
    return f"expands to {total} bytes or more, over the limit of {limits.max_unzipped_bytes}"


def _unsafe(name: str) -> Problem | None:
    parts = re.split(r"[/\\]", name)
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts:
        return Problem("UnsafePathError", "unsafe member path refused (absolute or with '..')")
    return None


def _skipped_member(name: str) -> bool:
    # Finder's resource forks and hidden files are not documents of the archive.
    parts = [p for p in re.split(r"[/\\]", name) if p not in ("", ".", "..")]
    return not parts or parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts)


# --- reading ----------------------------------------------------------------


def _read_file(item: InputItem, limits: Limits) -> bytes | Problem:
    try:
        size = os.stat(item.path).st_size
        if size > limits.max_file_bytes:
            return Problem(
                "LimitExceededError",
                f"file of {size} bytes is over the limit of {limits.max_file_bytes}",
            )
        return Path(item.path).read_bytes()
    except FileNotFoundError:
        return Problem("ReportParseError", "no such file")
    except OSError as error:
        return Problem("ReportParseError", f"cannot read: {error.strerror}")


def _read_group(
    group: list[InputItem], limits: Limits
) -> Iterator[tuple[InputItem, bytes | Problem]]:
    """The members of one archive, read in one pass (an archive inside it read once too)."""
    wanted: dict[int, list[InputItem]] = {}
    for item in group:
        wanted.setdefault(item.position, []).append(item)
    done: set[int] = set()
    path = group[0].path
    try:
        for position, read in _members(path, path, wanted.keys()):
            items = wanted[position]
            if items[0].inner < 0:
                done.add(items[0].index)
                yield items[0], items[0].problem or _read_member(read, limits)
                continue
            readable = [i for i in items if i.problem is None]
            data = _read_member(read, limits) if readable else b""
            if isinstance(data, Problem):
                for item in items:
                    done.add(item.index)
                    yield item, item.problem or data
                continue
            yield from _read_nested(items, data, limits, done)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, ValueError, OSError) as error:
        reason = f"archive could not be read to the end ({error})"
        for item in group:
            if item.index not in done:
                done.add(item.index)
                yield item, item.problem or Problem("CorruptFileError", reason)
    for item in group:
        if item.index not in done:
            yield item, Problem("ReportParseError", "archive changed while reading")


def _read_nested(
    items: list[InputItem], data: bytes, limits: Limits, done: set[int]
) -> Iterator[tuple[InputItem, bytes | Problem]]:
    by_inner = {item.inner: item for item in items}
    # The nested archive's name is the member name up to its "!".
    name = items[0].member.rsplit("!", 1)[0] if items[0].member else ""
    for inner, read in _members(io.BytesIO(data), name, by_inner.keys()):
        item = by_inner[inner]
        done.add(item.index)
        yield item, item.problem or _read_member(read, limits)


def _members(
    archive: _ArchiveSource, name: str, positions: Iterable[int]
) -> Iterator[tuple[int, _Reader]]:
    members = _zip_members if name.lower().endswith(".zip") else _tar_members
    return members(archive, positions)


def _read_member(read: _Reader, limits: Limits) -> bytes | Problem:
    try:
        return read(limits.max_file_bytes)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, ValueError, OSError) as error:
        return Problem("CorruptFileError", f"damaged archive member ({error})")


def _zip_members(path: _ArchiveSource, positions: Iterable[int]) -> Iterator[tuple[int, _Reader]]:
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        for position in sorted(positions):
            if position >= len(infos):
                return
            info = infos[position]

            def read(limit: int, info: zipfile.ZipInfo = info) -> bytes:
                with archive.open(info) as stream:
                    return _read_capped(stream, limit)

            yield position, read


def _open_tar(source: _ArchiveSource) -> tarfile.TarFile:
    if isinstance(source, str):
        return tarfile.open(source, mode="r|*")
    return tarfile.open(fileobj=source, mode="r|*")


def _tar_members(path: _ArchiveSource, positions: Iterable[int]) -> Iterator[tuple[int, _Reader]]:
    wanted = set(positions)
    with _open_tar(path) as archive:
        for position, info in enumerate(archive):
            if position not in wanted:
                continue
            if not info.isreg():
                # Only problem items sit on such entries; they are never read.
                yield position, _never_read
                continue

            def read(limit: int, info: tarfile.TarInfo = info) -> bytes:
                stream = archive.extractfile(info)
                if stream is None:
                    raise tarfile.TarError("member has no data")
                return _read_capped(stream, limit)

            yield position, read


def _never_read(limit: int) -> bytes:  # pragma: no cover - guarded by item.problem
    raise tarfile.TarError("not a regular member")


def _read_capped(stream: IO[bytes], limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"member is over the limit of {limit} bytes")
    return data


# --- helpers ----------------------------------------------------------------


def _refused(source: str, path: str, error: str, reason: str) -> InputItem:
    return InputItem(index=-1, source=source, problem=Problem(error, reason), path=path)


def _with_index(item: InputItem, index: int) -> InputItem:
    return replace(item, index=index)


def _printable(text: str) -> str:
    # Undecodable bytes in file names (surrogate escapes) cannot go into UTF-8
    # JSON or CSV; U+FFFD shows where they were.
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _real(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.fspath(path))


def description_beside(item: InputItem) -> bytes | None:
    """The bytes of the description page beside a data set given as a plain file, if any."""
    if item.member is not None:
        return None
    path = Path(item.source)
    if path.suffix.lower() not in DATA_SUFFIXES:
        return None
    for name in DESCRIPTION_NAMES:
        for suffix in DESCRIPTION_SUFFIXES:
            beside = path.with_name(path.stem + name + suffix)
            if beside.is_file():
                try:
                    return beside.read_bytes()
                except OSError:
                    return None
    return None
