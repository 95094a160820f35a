"""Spreadsheets and separated values: XLSX, ODS, CSV, and the open-data layout of records."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import reportparse
from reportparse import CorruptFileError, LimitExceededError, Limits, UnsupportedFormatError

HERE = Path(__file__).parent / "fixtures" / "sheets"
DATA_SET = [
    "di-services-2020.csv",
    "di-services-2020-1257.csv",
    "di-services-2020.xlsx",
    "di-services-2020.ods",
    "di-services-2020.xls",
]


def _expected(name: str) -> set[tuple[str, str, str, Decimal, str]]:
    with (HERE / name).open(encoding="utf-8") as f:
        return {
            (r["indicator"], r["measure"], r["period"], Decimal(r["value"]), r["territory"])
            for r in csv.DictReader(f)
        }


def _got(report: reportparse.Report) -> set[tuple[str, str, str, Decimal, str]]:
    return {
        (
            o.indicator or "",
            o.measure or "",
            o.period or "",
            Decimal(o.value),
            o.territory.code if o.territory and o.territory.code else "",
        )
        for o in report.observations
        if o.value is not None
    }


@pytest.mark.parametrize("name", DATA_SET)
def test_the_open_data_set_gives_a_number_per_cell_with_its_month_and_territory(name: str) -> None:
    report = reportparse.parse(HERE / name)
    expected = _expected("di-services-2020.expected.csv")
    assert len(report.observations) == len(expected) == 12 * 10 * 4
    assert _got(report) == expected
    assert {o.period_source for o in report.observations} == {"row"}
    assert report.warnings == []


@pytest.mark.parametrize("name", ["pabalsti-merged.xlsx", "pabalsti-merged.ods"])
def test_a_municipal_workbook_with_merged_heads_and_section_rows(name: str) -> None:
    report = reportparse.parse(HERE / name)
    assert report.source.format == name.rsplit(".", 1)[1]
    # The head merged over both columns, and the one down two rows, head each column.
    assert report.tables[0].header == [
        ["Pabalsta veids", "2023. gads", "2023. gads"],
        ["Pabalsta veids", "Personas", "Summa, EUR"],
    ]
    assert _got(report) == _expected("pabalsti-merged.expected.csv")
    amounts = {o.value for o in report.observations if o.unit == "EUR"}
    assert Decimal("6020.25") in amounts


def test_a_workbook_cell_keeps_the_number_as_stored() -> None:
    report = reportparse.parse(HERE / "di-services-2020.xlsx")
    first = report.tables[0]
    assert first.header[0][:4] == ["PP gads", "PP mēnesis", "ATVK kods", "Pilsēta, novads"]
    assert first.rows[0][:4] == ["2020", "1", "0010000", "Rīga"]


def _xlsx(sheet_xml: str, *, hidden: bool = False, styles: str | None = None) -> bytes:
    """A minimal workbook of one sheet (and a hidden second one, if asked)."""
    sheets = '<sheet name="Dati" sheetId="1" r:id="rId1"/>'
    rels = '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    if hidden:
        sheets += '<sheet name="Slēpta" sheetId="2" state="hidden" r:id="rId2"/>'
        rels += '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook {ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{sheets}</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0"?><worksheet {ns}><sheetData>{sheet_xml}</sheetData></worksheet>',
        )
        z.writestr(
            "xl/worksheets/sheet2.xml",
            f'<?xml version="1.0"?><worksheet {ns}><sheetData>{sheet_xml}</sheetData></worksheet>',
        )
        if styles is not None:
            z.writestr(
                "xl/styles.xml", f'<?xml version="1.0"?><styleSheet {ns}>{styles}</styleSheet>'
            )
    return buffer.getvalue()


ROWS = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Rādītājs</t></is></c><c r="B1"><v>2023</v></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>GMI</t></is></c><c r="B2"><v>40.5</v></c></row>'
)


def test_a_hidden_sheet_is_read_and_noted() -> None:
    report = reportparse.parse(_xlsx(ROWS, hidden=True), format="xlsx")
    assert [o.value for o in report.observations] == [Decimal("40.5"), Decimal("40.5")]
    assert [w.code for w in report.warnings] == ["hidden_sheet"]


def test_a_sheet_reaching_past_the_cell_limit_fails_on_the_limit() -> None:
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    with pytest.raises(LimitExceededError, match="cells"):
        reportparse.parse(_xlsx(ROWS + far), format="xlsx", limits=Limits(max_cells=100_000))


def test_a_broken_workbook_is_a_clear_error() -> None:
    data = _xlsx(ROWS)
    broken = data[: len(data) // 2]
    with pytest.raises((CorruptFileError, UnsupportedFormatError)):
        reportparse.parse(broken, name="dati.xlsx")


def test_a_renamed_workbook_is_named_by_its_content() -> None:
    with pytest.raises(UnsupportedFormatError, match="Excel workbook"):
        reportparse.parse(_xlsx(ROWS), name="dati.pdf")


def test_a_csv_by_its_content_needs_no_extension() -> None:
    text = "PP gads,ATVK kods,Personas\n" + "".join(f"2020,0001000,{n}\n" for n in range(5))
    report = reportparse.parse(text.encode())
    assert report.source.format == "csv"
    assert [o.value for o in report.observations] == list(range(5))


def test_a_batch_converts_workbooks_with_their_territories(tmp_path: Path) -> None:
    from reportparse._cli import main

    out = tmp_path / "out"
    code = main(
        [
            "batch",
            str(HERE / "di-services-2020.xlsx"),
            str(HERE / "pabalsti-merged.xlsx"),
            "-o",
            str(out),
            "--quiet",
        ]
    )
    assert code == 0
    with (out / "observations.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 480 + 8
    assert {r["territory_code"] for r in rows} >= {"0010000", "0600202", "0032000", "0037000"}
    assert {r["format"] for r in rows} == {"xlsx"}


DESCRIPTION = HERE / "di-services-description.txt"


def test_a_description_page_gives_its_fields_and_its_column_dictionary() -> None:
    report = reportparse.parse(DESCRIPTION)
    fields = {f.label: f.typed or f.value for f in report.fields}
    assert fields["Datu izdošanas datums"] == "2020-09-14"
    assert fields["Atjaunošanas biežums"] == "reizi gadā"
    assert fields["Valoda"] == "Latviešu"
    assert report.report.publisher == "Labklājības ministrija ITD"
    names = [c.name for c in report.columns]
    assert names[:4] == ["PP gads", "PP mēnesis", "ATVK kods", "Pilsēta, novads"]
    assert {c.unit for c in report.columns[4:]} == {"person"}
    assert report.columns[0].description == "pārskata gads, līdz kuram sagatavota informācija"


@pytest.mark.parametrize("name", ["di-services-2020.csv", "di-services-2020.xlsx"])
def test_a_described_data_set_takes_the_units_of_its_columns(name: str) -> None:
    plain = reportparse.parse(HERE / name)
    described = reportparse.parse(HERE / name, describe=DESCRIPTION)
    assert {o.unit for o in plain.observations} == {None}
    assert {o.unit for o in described.observations} == {"person"}
    assert [o.value for o in described.observations] == [o.value for o in plain.observations]
    assert len(described.columns) == 13


def test_the_command_line_takes_a_description(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from reportparse._cli import main

    assert main([str(HERE / "di-services-2020.csv"), "--describe", str(DESCRIPTION)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["observations"][0]["unit"] == "person"
    assert data["columns"][4]["unit"] == "person"


def test_a_workbook_part_that_unpacks_far_past_its_size_fails_on_the_limit() -> None:
    strings = "<si><t>" + "a" * 5_000_000 + "</t></si>"
    data = _xlsx(ROWS)
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            out.writestr(item, source.read(item))
        out.writestr("xl/sharedStrings.xml", strings)
    with pytest.raises(LimitExceededError, match="times its size"):
        reportparse.parse(buffer.getvalue(), format="xlsx")


def test_a_number_formatted_as_a_percentage_reads_as_the_sheet_shows_it() -> None:
    styles = (
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/></cellXfs>'
    )
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Rādītājs</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Īpatsvars</t></is></c><c r="C1" t="inlineStr"><is><t>Skaits</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>GMI</t></is></c><c r="B2" s="1"><v>0.25</v></c><c r="C2"><v>40</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Mājoklis</t></is></c><c r="B3" s="2"><v>0.125</v></c><c r="C3" s="0"><v>12</v></c></row>'
    )
    report = reportparse.parse(_xlsx(rows, styles=styles), format="xlsx")
    assert report.tables[0].rows == [["GMI", "25%", "40"], ["Mājoklis", "12.5%", "12"]]
    got = [(o.indicator, o.measure, o.value, o.unit) for o in report.observations]
    assert ("GMI", "Īpatsvars", 25, "percent") in got
    assert ("Mājoklis", "Īpatsvars", Decimal("12.5"), "percent") in got
    assert ("GMI", "Skaits", 40, None) in got


def test_a_batch_pairs_a_data_set_with_the_description_beside_it(tmp_path: Path) -> None:
    from reportparse._cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dati.xlsx").write_bytes((HERE / "di-services-2020.xlsx").read_bytes())
    (folder / "dati.description.txt").write_bytes(DESCRIPTION.read_bytes())
    (folder / "cits.csv").write_bytes((HERE / "di-services-2020.csv").read_bytes())
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-o", str(out), "--quiet"]) == 0
    with (out / "observations.csv").open(encoding="utf-8") as f:
        units = {(Path(r["source"]).name, r["unit"]) for r in csv.DictReader(f)}
    # The described data set counts persons; the one without a description says nothing.
    assert ("dati.xlsx", "person") in units
    assert ("cits.csv", "") in units and ("cits.csv", "person") not in units


def test_a_number_formatted_as_a_currency_keeps_its_currency() -> None:
    styles = (
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;€&quot;"/>'
        '<numFmt numFmtId="165" formatCode="&quot;Ls&quot;\\ #,##0"/></numFmts>'
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>'
    )
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Rādītājs</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>2023</t></is></c><c r="C1" t="inlineStr"><is><t>2012</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>GMI</t></is></c><c r="B2" s="1"><v>4100.5</v></c><c r="C2" s="2"><v>2880</v></c></row>'
    )
    report = reportparse.parse(_xlsx(rows, styles=styles), format="xlsx")
    got = [(o.period, o.value, o.unit) for o in report.observations]
    assert got == [("2023", Decimal("4100.5"), "EUR"), ("2012", 2880, "LVL")]
