"""Batch inputs: folders in order, archive members streamed, unsafe members and bombs refused."""

from __future__ import annotations

import io
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import SAMPLES, WELFARE
from reportparse import Limits
from reportparse._batch._inputs import Problem, document_id, plan_inputs, read_inputs

TXT = SAMPLES / f"{WELFARE}.txt"


def _contents(items: list, limits: Limits | None = None) -> dict[str, bytes | Problem]:
    return {item.name: content for item, content in read_inputs(items, limits=limits)}


def _zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


def test_folders_are_walked_recursively_in_sorted_order_without_hidden_files(
    tmp_path: Path,
) -> None:
    for name in ("b/z.txt", "b/a.txt", "a.txt", ".hidden/x.txt", "c/.x.txt", "out/r.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    items = plan_inputs([tmp_path], exclude=[tmp_path / "out"])
    names = [os.path.relpath(item.name, tmp_path) for item in items]
    assert names == ["a.txt", "b/a.txt", "b/z.txt"]
    assert [item.index for item in items] == [0, 1, 2]
    assert _contents(items)[str(tmp_path / "b" / "z.txt")] == b"b/z.txt"


def test_the_same_input_twice_is_listed_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    items = plan_inputs([tmp_path, tmp_path / "a.txt", f"{tmp_path}/./a.txt"])
    assert len(items) == 1


def test_missing_and_special_inputs_come_back_with_a_problem(tmp_path: Path) -> None:
    items = plan_inputs([tmp_path / "nope.pdf"])
    assert items[0].problem == Problem("ReportParseError", "no such file")
    assert _contents(items) == {str(tmp_path / "nope.pdf"): items[0].problem}


def test_zip_members_are_read_in_order_and_duplicates_stay_apart(tmp_path: Path) -> None:
    archive = tmp_path / "all.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("riga/q1.txt", b"first")
        zf.writestr("riga/", b"")
        zf.writestr("__MACOSX/riga/._q1.txt", b"fork")
        with pytest.warns(UserWarning, match="Duplicate name"):
            zf.writestr("riga/q1.txt", b"second")
        zf.writestr("ogre/q2.txt", b"third")
    items = plan_inputs([archive])
    assert [(i.member, i.occurrence) for i in items] == [
        ("riga/q1.txt", 0),
        ("riga/q1.txt", 1),
        ("ogre/q2.txt", 0),
    ]
    assert len({item.id for item in items}) == 3
    assert [content for _, content in read_inputs(items)] == [b"first", b"second", b"third"]
    assert items[0].name == f"{archive}!riga/q1.txt"


@pytest.mark.parametrize("member", ["../evil.txt", "/etc/passwd", "a/../../b.txt", "C:\\x.txt"])
def test_unsafe_member_paths_are_refused_and_reported(tmp_path: Path, member: str) -> None:
    archive = _zip(tmp_path / "a.zip", [("ok.txt", b"fine"), (member, b"evil")])
    items = plan_inputs([archive])
    contents = _contents(items)
    assert contents[f"{archive}!ok.txt"] == b"fine"
    problem = contents[f"{archive}!{member}"]
    assert isinstance(problem, Problem)
    assert problem.error == "UnsafePathError"
    assert "unsafe member path" in problem.reason


def test_a_zip_that_expands_past_the_size_limit_is_refused_as_a_bomb(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "big.zip", [("a.txt", b"a" * 60_000), ("b.txt", b"b" * 60_000)])
    items = plan_inputs([archive], limits=Limits(max_unzipped_bytes=100_000))
    assert len(items) == 1
    assert items[0].member is None
    assert items[0].problem is not None
    assert items[0].problem.error == "LimitExceededError"
    assert items[0].problem.reason.startswith("zip bomb refused: expands to")
    assert len(plan_inputs([archive])) == 2  # the default limit admits it


def test_a_zip_that_expands_past_the_ratio_is_refused_as_a_bomb(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "zeros.zip", [("zeros.txt", bytes(5 * 1024 * 1024))])
    (item,) = plan_inputs([archive])
    assert item.problem is not None
    assert "zip bomb refused" in item.problem.reason
    assert "over the limit of 200" in item.problem.reason
    relaxed = plan_inputs([archive], limits=Limits(max_zip_ratio=10_000))
    assert relaxed[0].problem is None


def test_tar_and_tar_gz_members_are_streamed(tmp_path: Path) -> None:
    for name, mode in (("r.tar", "w"), ("r.tar.gz", "w:gz")):
        path = tmp_path / name
        with tarfile.open(path, mode) as archive:
            for member, data in (("a/x.txt", b"x"), ("a/y.txt", b"yy")):
                info = tarfile.TarInfo(member)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
            link = tarfile.TarInfo("a/link.txt")
            link.type = tarfile.SYMTYPE
            link.linkname = "/etc/passwd"
            archive.addfile(link)
        items = plan_inputs([path])
        contents = _contents(items)
        assert contents[f"{path}!a/x.txt"] == b"x"
        assert contents[f"{path}!a/y.txt"] == b"yy"
        problem = contents[f"{path}!a/link.txt"]
        assert isinstance(problem, Problem)
        assert problem.error == "UnsafePathError"


def test_a_tar_gz_bomb_is_stopped_at_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for n in range(3):
            info = tarfile.TarInfo(f"zeros-{n}.txt")
            info.size = 2 * 1024 * 1024
            archive.addfile(info, io.BytesIO(bytes(info.size)))
    (item,) = plan_inputs([path], limits=Limits(max_unzipped_bytes=3 * 1024 * 1024))
    assert item.problem is not None
    assert item.problem.reason.startswith("zip bomb refused")


def test_a_damaged_archive_is_one_corrupt_input(tmp_path: Path) -> None:
    for name in ("bad.zip", "bad.tar.gz"):
        (tmp_path / name).write_bytes(b"PK\x03\x04 this is no archive")
        (item,) = plan_inputs([tmp_path / name])
        assert item.problem is not None
        assert item.problem.error == "CorruptFileError"


def test_members_over_the_file_limit_are_refused_without_reading(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", [("big.txt", b"x" * 5000), ("small.txt", b"ok")])
    items = plan_inputs([archive], limits=Limits(max_file_bytes=1000))
    assert items[0].problem is not None
    assert items[0].problem.error == "LimitExceededError"
    assert items[1].problem is None


def _zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _tar_gz_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.mark.parametrize("outer", ["all.zip", "all.tar.gz"])
def test_archives_inside_an_archive_are_opened_one_level_deep(tmp_path: Path, outer: str) -> None:
    inner_zip = _zip_bytes([("q1.txt", b"one"), ("q2.txt", b"two"), ("more.zip", b"PK")])
    inner_tar = _tar_gz_bytes([("q3.txt", b"three")])
    members = [("a.txt", b"a"), ("2023/riga.zip", inner_zip), ("ogre.tar.gz", inner_tar),
               ("z.txt", b"z")]  # fmt: skip
    path = tmp_path / outer
    if outer.endswith(".zip"):
        _zip(path, members)
    else:
        path.write_bytes(_tar_gz_bytes(members))
    items = plan_inputs([path])
    assert [item.member for item in items] == [
        "a.txt", "2023/riga.zip!q1.txt", "2023/riga.zip!q2.txt", "2023/riga.zip!more.zip",
        "ogre.tar.gz!q3.txt", "z.txt",
    ]  # fmt: skip
    assert [item.index for item in items] == list(range(6))
    contents = _contents(items)
    assert contents[f"{path}!2023/riga.zip!q2.txt"] == b"two"
    assert contents[f"{path}!ogre.tar.gz!q3.txt"] == b"three"
    assert contents[f"{path}!z.txt"] == b"z"
    too_deep = contents[f"{path}!2023/riga.zip!more.zip"]
    assert too_deep == Problem(
        "UnsupportedFormatError", "archive inside an archive inside an archive (not opened)"
    )
    assert len({item.id for item in items}) == 6


def test_an_archive_inside_an_archive_is_checked_like_one(tmp_path: Path) -> None:
    evil = _zip_bytes([("ok.txt", b"fine"), ("../evil.txt", b"evil")])
    bomb = _zip_bytes([("zeros.txt", bytes(5 * 1024 * 1024))])
    path = _zip(tmp_path / "all.zip", [("evil.zip", evil), ("bomb.zip", bomb),
                                       ("broken.zip", b"PK\x03\x04 no archive")])  # fmt: skip
    contents = _contents(plan_inputs([path]))
    assert contents[f"{path}!evil.zip!ok.txt"] == b"fine"
    unsafe = contents[f"{path}!evil.zip!../evil.txt"]
    assert isinstance(unsafe, Problem) and unsafe.error == "UnsafePathError"
    refused = contents[f"{path}!bomb.zip"]
    assert isinstance(refused, Problem) and refused.reason.startswith("zip bomb refused")
    broken = contents[f"{path}!broken.zip"]
    assert isinstance(broken, Problem) and broken.error == "CorruptFileError"
    assert len(contents) == 4


def test_document_ids_are_flat_unique_and_deterministic() -> None:
    ids = {
        document_id("a/b_c.pdf"),
        document_id("a_b/c.pdf"),
        document_id("x.zip!a.pdf", 0),
        document_id("x.zip!a.pdf", 1),
    }
    assert len(ids) == 4
    assert document_id("../up/r.pdf").startswith("up_r.pdf.")
    assert all("/" not in i and "\\" not in i and not i.startswith(".") for i in ids)
    assert document_id("Rīga/ģimenes.pdf") == document_id("Rīga/ģimenes.pdf")
    assert document_id("Rīga/ģimenes.pdf").startswith("Rīga_ģimenes.pdf.")
    assert len(document_id("x" * 500 + ".pdf").encode()) < 255
