"""Which documents are reports (`status`, `not_a_report`), and how long a sentence may be."""

from __future__ import annotations

import pytest

import reportparse
from reportparse._lang._language import is_latvian
from reportparse._lang._sentences import MAX_SENTENCE

README = b"""# reportparse

Install it with pip in 2 commands, then run the 2418 tests.
The parser reads 96 pages in 3.5 seconds and writes 4 tables for each of the 12 months.
"""

# (text, is Latvian)
CASES_LANGUAGE = [
    ("Pakalpojumu saņēma 120 personas, un 40 no tām ir bērni.", True),
    ("Sociālā dienesta darbinieki 2024. gadā apmeklēja 310 ģimenes.", True),
    ("Klienti: 25 pers.; ģimenes: 12", True),  # labels only: the letters say it
    ("Run the tests with pytest, and the example with 2 commands.", False),
    ("Die Zahl der Empfänger ist mit 120 gestiegen, und das ist viel.", False),
    ("Число получателей выросло на 120, и это много.", False),
    ("12 345 678", False),
    ("", False),
]

# (document text, status): one row per kind of document a batch meets.
CASES_STATUS = [
    (README, "not_a_report"),
    (
        b"Changelog\n\n- Fixed 3 bugs in the reader of 2 formats.\n- Added 12 tests.\n",
        "not_a_report",
    ),
    (b"Rindkopa bez neviena skaitla, tikai teksts par pakalpojumiem.\n", "not_a_report"),
    ("Rādītājs\t2024\nGMI saņēmēji\t40\n".encode(), "ok"),  # a table with a figure
    (b"a\tb\n1\t2\n3\t4\n", "ok"),  # a table of numbers is data, whatever its language
    ("Pārskats\n\n2024. gadā pabalstu saņēma 120 ģimenes (310 personas).\n".encode(), "ok"),
    ("Datu kopa\n\nAtjaunošanas biežums: reizi mēnesī\nValoda: latviešu\n".encode(), "ok"),
]


@pytest.mark.parametrize(("text", "latvian"), CASES_LANGUAGE)
def test_is_latvian(text: str, latvian: bool) -> None:
    assert is_latvian(text) is latvian


@pytest.mark.parametrize(("data", "status"), CASES_STATUS)
def test_status(data: bytes, status: str) -> None:
    report = reportparse.parse(data, format="text")
    assert report.status == status
    codes = [w.code for w in report.warnings]
    assert ("not_a_report" in codes) is (status == "not_a_report")
    assert report.to_dict()["status"] == status


def test_a_document_that_is_not_a_report_keeps_what_was_read() -> None:
    report = reportparse.parse(README, format="text")
    assert report.facts  # set aside by its status, not dropped
    warning = next(w for w in report.warnings if w.code == "not_a_report")
    assert warning.message == "0 tables and no figure read from one; the text is not Latvian"


def test_a_paragraph_without_full_stops_is_no_sentence() -> None:
    line = "Pakalpojumu saņēma 12 personas un 3 ģimenes, un tas notika novadā"
    text = ("Pārskats\n\n" + "\n".join([line] * 30) + ".\n").encode()
    facts = reportparse.parse(text, format="text").facts
    assert len(facts) == 60
    assert max(len(f.sentence) for f in facts) <= MAX_SENTENCE
    assert all(f.sentence[f.start : f.end] == f.text for f in facts)
    assert all(f.sentence.endswith((",", ".")) for f in facts)  # cut after a clause
