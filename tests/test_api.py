"""The Python API: parse() from a path, bytes or a stream; exact records; a tidy DataFrame."""

from __future__ import annotations

from decimal import Decimal

import pytest

import reportparse
from conftest import SAMPLES, WELFARE

TXT = SAMPLES / f"{WELFARE}.txt"


def test_parse_accepts_path_bytes_and_stream() -> None:
    by_path = reportparse.parse(TXT)
    by_bytes = reportparse.parse(TXT.read_bytes(), name="q3.txt")
    with TXT.open("rb") as stream:
        by_stream = reportparse.parse(stream)
    assert by_bytes.source.path == "q3.txt"
    assert by_stream.source.path == str(TXT)
    assert by_path.observations == by_bytes.observations == by_stream.observations


def test_observation_keeps_value_raw_and_provenance() -> None:
    report = reportparse.parse(TXT)
    gmi_august = next(
        o
        for o in report.observations
        if (o.indicator, o.measure, o.period) == ("GMI pabalsts", "Iesniegumu skaits", "2024-08")
    )
    assert (gmi_august.table, gmi_august.row, gmi_august.column, gmi_august.part) == (1, 4, 2, 0)
    assert (gmi_august.value, gmi_august.unit, gmi_august.raw) == (40, None, "40")
    table = report.tables[0]
    assert (table.header + table.rows)[gmi_august.row][gmi_august.column] == "40"


CASES_COMPOUND = [
    ("121ģim/173pers", "2024-07", [(121, "family"), (173, "person")]),
    ("8613/49582,43", "2024-07", [(8613, None), (Decimal("49582.43"), "EUR")]),
    ("10 pers. (31 dienn.)", "2024-07", [(10, "person"), (31, "day")]),
    ("par 179 ģimenēm", "2024-09", [(179, "family")]),
    ("3 24", "2024-07", [(3, None), (24, None)]),
    ("23 4 dienas", "2024-07", [(23, None), (4, "day")]),
    ("4323.20 EUR", "2024-09", [(Decimal("4323.20"), "EUR")]),
    (
        "25 pers./32 reizes 6 pers./7 reizes",
        "2024-07",
        [(25, "person"), (32, "time"), (6, "person"), (7, "time")],
    ),
]


@pytest.mark.parametrize(("raw", "period", "expected"), CASES_COMPOUND)
def test_compound_cells_give_one_observation_per_number(
    raw: str, period: str, expected: list[tuple[object, str | None]]
) -> None:
    report = reportparse.parse(TXT)
    parts = [o for o in report.observations if o.raw == raw and o.period == period]
    parts = [o for o in parts if o.row == parts[0].row]
    assert [(o.value, o.unit) for o in parts] == expected
    assert [o.part for o in parts] == list(range(len(expected)))


def test_components_name_the_parts_the_label_names() -> None:
    report = reportparse.parse(TXT)
    parts = [o for o in report.observations if o.raw == "8613/49582,43"]
    assert [o.component for o in parts] == [
        "pārbaudītais nostrādāto asistentu stundu skaits",
        "piesaistītā valsts finansējuma summa (EUR)",
    ]


def test_placeholders_are_null_observations() -> None:
    report = reportparse.parse(TXT)
    phone = [o for o in report.observations if o.indicator == "pa tālruni"]
    assert [(o.period, o.value, o.raw) for o in phone] == [
        ("2024-07", None, "-"),
        ("2024-08", 1, "1"),
        ("2024-09", None, "-"),
    ]


def test_a_placeholder_part_keeps_the_other_parts_on_their_components() -> None:
    text = (
        "Pakalpojums\tSkaits\n"
        "Asistenta pakalpojums (ģimenes/personas)\t-/8\n"
        "Aprūpe mājās (ģimenes/personas)\t3/x\n"
    )
    report = reportparse.parse(text.encode(), name="parts.txt")
    got = [(o.indicator, o.part, o.component, o.value, o.raw) for o in report.observations]
    assistant, care = "Asistenta pakalpojums (ģimenes/personas)", "Aprūpe mājās (ģimenes/personas)"
    assert got == [
        (assistant, 0, "ģimenes", None, "-/8"),
        (assistant, 1, "personas", 8, "-/8"),
        (care, 0, "ģimenes", 3, "3/x"),
        (care, 1, "personas", None, "3/x"),
    ]


def test_frame_is_tidy_and_exact() -> None:
    report = reportparse.parse(TXT)
    frame = report.to_frame()
    assert len(frame) == len(report.observations)
    assert frame["value"].dtype == object
    assert Decimal("49582.43") in set(frame["value"].dropna())
    assert set(frame["source"]) == {str(TXT)}
    assert frame["sha256"].iloc[0] == report.source.sha256
    assert frame["document_id"].isna().all()  # only a batch gives documents ids


def test_to_dict_is_json_ready_but_exact() -> None:
    data = reportparse.parse(TXT).to_dict()
    assert data["report"]["period"] == {"start": "2024-07-01", "end": "2024-09-30"}
    values = {o["raw"]: o["value"] for o in data["observations"]}
    assert values["4256,00 EUR"] == Decimal("4256.00")


def test_windows_1257_report_reads_like_utf8() -> None:
    text = TXT.read_text("utf-8")
    report = reportparse.parse(text.encode("cp1257"), name="old.txt")
    assert report.observations == reportparse.parse(TXT).observations
    assert report.title is not None and "Labklājības" in report.title
