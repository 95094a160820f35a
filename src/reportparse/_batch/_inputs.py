"""Enumerate batch inputs (files, folders, zip and tar members) with archive safety checks."""

from __future__ import annotations

import hashlib
import io
import json
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
    "BATCH_MARKER",
    "InputItem",
    "PathFilter",
    "Plan",
    "Problem",
    "Skipped",
    "description_beside",
    "document_id",
    "is_archive",
    "is_batch_output",
    "mark_output",
    "plan_batch",
    "plan_inputs",
    "read_inputs",
]

#: The file a batch writes into its output folder as it starts; a folder that
#: holds one is never read as input (docs/batch.md).
BATCH_MARKER = ".reportparse-batch"
# An output folder of a batch from before the marker: its lock, documents and errors.
_OUTPUT_SIGNS = ((".lock", False), ("documents", True), ("errors.jsonl", False))

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


@dataclass(frozen=True, slots=True)
class Skipped:
    """A folder under an input that was not read, and why (``summary.json``'s ``run``)."""

    folder: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"folder": self.folder, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Plan:
    """A batch's inputs in order, the folders skipped, how many paths the patterns left out."""

    items: list[InputItem]
    skipped: list[Skipped]
    filtered: int


def plan_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    limits: Limits | None = None,
    exclude: Sequence[str | os.PathLike[str]] = (),
    patterns: PathFilter | None = None,
) -> list[InputItem]:
    """Every input in batch order, without reading any content.

    Folders are walked recursively in sorted order, skipping hidden entries,
    the folders in ``exclude`` (the batch's own output) and every folder that
    holds a batch's output (:data:`BATCH_MARKER`); archives are listed member
    by member; ``patterns`` (``--include``/``--exclude``) choose among the
    files and members found. Inputs that are refused outright (no such file,
    unsafe member paths, zip bombs, unreadable archives) come back with a
    ``problem``. The same input named twice is listed once.
    """
    return plan_batch(inputs, limits=limits, exclude=exclude, patterns=patterns).items


def plan_batch(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    limits: Limits | None = None,
    exclude: Sequence[str | os.PathLike[str]] = (),
    patterns: PathFilter | None = None,
) -> Plan:
    """:func:`plan_inputs`, with the folders it skipped and the count the patterns left out."""
    planner = _Planner(limits or Limits(), {_real(p) for p in exclude}, patterns or PathFilter())
    items: list[InputItem] = []
    seen: set[tuple[str, str | None, int]] = set()
    for given in inputs:
        path = os.path.normpath(os.fspath(given))
        for item in planner.expand_given(path):
            key = (item.source, item.member, item.occurrence)
            if key not in seen:
                seen.add(key)
                items.append(_with_index(item, len(items)))
    return Plan(items, planner.skipped, planner.filtered)


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


class PathFilter:
    """``--include`` and ``--exclude``: globs matched against a path relative to its input.

    The path is the one below the input folder given (``2019/riga/q3.pdf``),
    the name of a file or archive given itself, and for an archive member the
    archive's path, ``!`` and the member's (``2019/all.zip!riga/q3.pdf``; just
    ``riga/q3.pdf`` in an archive given itself). ``*`` and ``?`` match within
    one name (not ``/`` or ``!``), ``**`` any number of folders, ``[abc]`` one
    of the characters; a pattern without a ``/`` matches a name at any depth
    (``*.pdf`` is ``**/*.pdf``). A pattern that matches a folder or an archive
    matches everything in it. A file or member is read when it matches some
    ``include`` pattern (or there are none) and no ``exclude`` pattern; folders
    and archives that an ``exclude`` pattern matches are not even opened.

    >>> only = PathFilter(include=["**/*.pdf"], exclude=["archive/2019/*"])
    >>> [only.keeps(p) for p in ("q3.pdf", "a/b/q3.pdf", "all.zip!r/q3.pdf", "q3.docx")]
    [True, True, True, False]
    >>> only.keeps("archive/2019/q3.pdf"), only.prunes("archive/2019/old")
    (False, True)
    >>> PathFilter(include=["riga/*"]).keeps("riga/2019/q3.pdf")  # riga/2019 matches
    True
    """

    def __init__(self, include: Iterable[str] = (), exclude: Iterable[str] = ()) -> None:
        self.include = tuple(include)
        self.exclude = tuple(exclude)
        self._include = [glob_regex(p) for p in self.include]
        self._exclude = [glob_regex(p) for p in self.exclude]

    def __bool__(self) -> bool:
        return bool(self.include or self.exclude)

    def prunes(self, path: str) -> bool:
        """Whether an ``exclude`` pattern matches ``path`` itself (a folder, an archive)."""
        return any(pattern.fullmatch(path) for pattern in self._exclude)

    def keeps(self, path: str) -> bool:
        """Whether a file or member at ``path`` is an input."""
        prefixes = _prefixes(path)
        if any(pattern.fullmatch(p) for pattern in self._exclude for p in prefixes):
            return False
        return not self._include or any(
            pattern.fullmatch(p) for pattern in self._include for p in prefixes
        )


def glob_regex(pattern: str) -> re.Pattern[str]:
    """The regular expression of one ``--include``/``--exclude`` glob (see :class:`PathFilter`).

    >>> print(glob_regex("**/*.pdf").pattern)
    (?:.*[/!])?[^/!]*\\.pdf
    """
    text = pattern.strip().replace("\\", "/").removeprefix("./").strip("/")
    if "/" not in text and "!" not in text:
        text = "**/" + text
    out: list[str] = []
    i = 0
    while i < len(text):
        if text.startswith("**/", i):
            out.append("(?:.*[/!])?")
            i += 3
        elif text.startswith("**", i):
            out.append(".*")
            i += 2
        elif text[i] == "*":
            out.append("[^/!]*")
            i += 1
        elif text[i] == "?":
            out.append("[^/!]")
            i += 1
        elif text[i] == "[" and (end := text.find("]", i + 2)) > 0:
            body = text[i + 1 : end]
            negate = body[:1] in ("!", "^")
            body = re.escape(body[1:] if negate else body).replace("\\-", "-")
            # A negated class, like ``*``, stays within one name.
            out.append(f"[^{body}/!]" if negate else f"[{body}]")
            i = end + 1
        else:
            out.append(re.escape(text[i]))
            i += 1
    return re.compile("".join(out), re.DOTALL)


def _prefixes(path: str) -> list[str]:
    """``a/b.zip!c/d.pdf``, and each of its folders and archives: ``a``, ``a/b.zip``, …"""
    cuts = [m.start() for m in re.finditer(r"[/!]", path)]
    return [path[:cut] for cut in cuts if cut] + [path]


def is_batch_output(folder: str | os.PathLike[str]) -> bool:
    """Whether ``folder`` holds a batch's output: the marker, or an older batch's files."""
    folder = os.fspath(folder)
    if os.path.isfile(os.path.join(folder, BATCH_MARKER)):
        return True
    return all(
        (os.path.isdir if is_dir else os.path.isfile)(os.path.join(folder, name))
        for name, is_dir in _OUTPUT_SIGNS
    )


def mark_output(folder: str | os.PathLike[str]) -> None:
    """Write :data:`BATCH_MARKER` into a batch's output folder (whole, or not at all)."""
    from reportparse._version import __version__

    content = json.dumps({"tool": "reportparse", "version": __version__}) + "\n"
    path = os.path.join(os.fspath(folder), BATCH_MARKER)
    try:
        with open(path, encoding="utf-8") as existing:
            if existing.read() == content:
                return
    except OSError:
        pass
    temp = f"{path}.tmp{os.getpid()}"
    with open(temp, "w", encoding="utf-8") as stream:
        stream.write(content)
    os.replace(temp, path)


class _Planner:
    """One walk over a batch's inputs: what is skipped and filtered out is counted here."""

    def __init__(self, limits: Limits, excluded: set[str], patterns: PathFilter) -> None:
        self.limits = limits
        self.excluded = excluded
        self.patterns = patterns
        self.skipped: list[Skipped] = []
        self.filtered = 0

    def expand_given(self, path: str) -> Iterator[InputItem]:
        """An input named by the caller: its patterns' paths start below it."""
        name = os.path.basename(path)
        if os.path.isdir(path):
            if not self._skip_folder(path):
                yield from self._walk(path, path)
            return
        if self._pruned(name):
            return
        yield from self._expand(path, name, archive_prefix="" if is_archive(path) else None)

    def _expand(
        self, path: str, relative: str, archive_prefix: str | None = None
    ) -> Iterator[InputItem]:
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
            yield from self._walk(path, None)
        elif not stat.S_ISREG(mode):
            yield _refused(source, path, "ReportParseError", "not a regular file")
        elif is_archive(path):
            prefix = f"{relative}!" if archive_prefix is None else archive_prefix
            yield from self._members(path, prefix)
        elif self._kept(relative):
            yield InputItem(index=-1, source=source, path=path, size=os.stat(path).st_size)

    def _walk(self, folder: str, root: str | None) -> Iterator[InputItem]:
        root = folder if root is None else root
        problems: list[OSError] = []
        for here, dirs, files in os.walk(folder, onerror=problems.append):
            kept = []
            for name in sorted(dirs):
                sub = os.path.join(here, name)
                if (
                    not name.startswith(".")
                    and not self._skip_folder(sub)
                    and not self._pruned(_relative(sub, root))
                ):
                    kept.append(name)
            dirs[:] = kept
            for name in sorted(files):
                if not name.startswith("."):
                    file = os.path.join(here, name)
                    relative = _relative(file, root)
                    if not (is_archive(name) and self._pruned(relative)):
                        yield from self._expand(file, relative)
        for error in problems:
            where = error.filename if isinstance(error.filename, str) else folder
            reason = f"cannot read folder: {error.strerror}"
            yield _refused(_printable(where), where, "ReportParseError", reason)

    def _members(self, path: str, prefix: str) -> Iterator[InputItem]:
        for item in _list_archive(path, self.limits):
            # The archive's own problem is reported whatever the patterns choose in it.
            if item.member is None or self._kept(prefix + item.member):
                yield item

    def _skip_folder(self, folder: str) -> bool:
        if _real(folder) in self.excluded:
            self.skipped.append(Skipped(_printable(folder), "the output folder of this batch"))
            return True
        if is_batch_output(folder):
            self.skipped.append(Skipped(_printable(folder), "the output of a batch"))
            return True
        return False

    def _pruned(self, relative: str) -> bool:
        if self.patterns.prunes(relative):
            self.filtered += 1
            return True
        return False

    def _kept(self, relative: str) -> bool:
        if self.patterns.keeps(relative):
            return True
        self.filtered += 1
        return False


def _relative(path: str, root: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


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
