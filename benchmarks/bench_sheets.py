"""Time open data: cells per second of ``reportparse.parse`` on a 100 000-row CSV and XLSX.

    .venv/bin/python benchmarks/bench_sheets.py [--rows N] [--repeat N]

Writes (once, into a temporary folder) the data set of
``tests/fixtures/sheets/di-services-2020.csv`` grown to ``N`` rows (the
default 100 000: years × months × territories over again, 8 columns), as a
``;``-separated CSV, and as an XLSX written by hand in the OOXML the office
suites write (shared strings, numbers as ``<v>``). Each is parsed ``N`` times
in this process with the cell limit raised to fit. Prints the best and median
wall time and the cells read per second by the best time; the issue's bar is
50 000 cells/s.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

import reportparse
from reportparse import Limits

HEAD = [
    "PP gads", "PP mēnesis", "ATVK kods", "Pilsēta, novads",
    "Sociālās rehabilitācijas pakalpojumi", "Atelpas brīža pakalpojumi",
    "Grupu dzīvokļa pakalpojumi", "Sociālais mentors",
]  # fmt: skip
TERRITORIES = [("0001000", "Rīga"), ("0032000", "Krāslavas novads"), ("0029000", "Gulbenes novads")]


def _rows(n: int) -> list[list[str]]:
    rows = []
    for k in range(n):
        year, month = 2000 + (k // 36) % 25, (k // 3) % 12 + 1
        code, name = TERRITORIES[k % 3]
        rows.append(
            [str(year), str(month), code, name, *(str((k * 7 + s) % 997) for s in range(4))]
        )
    return rows


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows([HEAD, *rows])


def _write_xlsx(path: Path, rows: list[list[str]]) -> None:
    strings = {
        s: i for i, s in enumerate(dict.fromkeys([*HEAD, *(r[c] for r in rows for c in (2, 3))]))
    }

    def cell(ref: str, text: str, numeric: bool) -> str:
        return (
            f'<c r="{ref}"><v>{text}</v></c>'
            if numeric
            else f'<c r="{ref}" t="s"><v>{strings[text]}</v></c>'
        )

    letters = "ABCDEFGH"
    body = [
        '<row r="1">'
        + "".join(cell(f"{letters[c]}1", h, False) for c, h in enumerate(HEAD))
        + "</row>"
    ]
    for r, row in enumerate(rows, start=2):
        body.append(
            f'<row r="{r}">'
            + "".join(cell(f"{letters[c]}{r}", v, c not in (2, 3)) for c, v in enumerate(row))
            + "</row>"
        )
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            (
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/></Types>'
            ),
        )
        z.writestr(
            "_rels/.rels",
            (
                '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ),
        )
        z.writestr(
            "xl/workbook.xml",
            (
                f'<?xml version="1.0"?><workbook {ns} xmlns:r="{rel}">'
                '<sheets><sheet name="Dati" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ),
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            (
                '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
            ),
        )
        z.writestr(
            "xl/sharedStrings.xml",
            (
                f'<?xml version="1.0"?><sst {ns}>'
                + "".join(f"<si><t>{s}</t></si>" for s in strings)
                + "</sst>"
            ),
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            (
                f'<?xml version="1.0"?><worksheet {ns}><sheetData>'
                + "".join(body)
                + "</sheetData></worksheet>"
            ),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = _rows(args.rows)
    cells = (len(rows) + 1) * len(HEAD)
    limits = Limits(max_cells=cells + 1)
    with tempfile.TemporaryDirectory() as tmp:
        files = [Path(tmp) / "data.csv", Path(tmp) / "data.xlsx"]
        _write_csv(files[0], rows)
        _write_xlsx(files[1], rows)
        print(f"{args.rows} rows, {cells} cells")
        for path in files:
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                report = reportparse.parse(path, limits=limits)
                times.append(time.perf_counter() - start)
            print(
                f"{path.suffix:6s} best {min(times):6.2f}s median {statistics.median(times):6.2f}s"
                f"  {cells / min(times):9.0f} cells/s  {len(report.observations)} observations"
            )


if __name__ == "__main__":
    main()
