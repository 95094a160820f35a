"""Make ``benchmarks/long-report.pdf``: a long report shaped like the welfare sample.

    .venv/bin/python benchmarks/make_long_pdf.py [--quarters N]

Sixty-four quarterly reports (2009–2024) of a welfare department, one after
another, about 150 pages, each with the sample's sections: a seven-column
table with a two-row merged header that runs over pages, a four-column table
with compound cells (``121ģim/173pers``, ``10 pers. (31 dienn.)``), small
tables under third-level headings, footnotes and paragraphs. The numbers come
from a seeded generator, so the file is the same on every run apart from
LibreOffice's timestamps. Needs ``soffice``.
"""

from __future__ import annotations

import argparse
import html
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
OUTPUT = HERE / "long-report.pdf"
STYLE = '<style>body{font-family:"DejaVu Serif";font-size:10pt} td,th{font-size:9pt}</style>'
MONTHS = [
    ("janvāris", "februāris", "marts"),
    ("aprīlis", "maijs", "jūnijs"),
    ("jūlijs", "augusts", "septembris"),
    ("oktobris", "novembris", "decembris"),
]
APPLICATIONS = [
    "Trūcīgas mājsaimniecības statuss",
    "GMI pabalsts",
    "Mājokļa pabalsts",
    "Pabalsts medicīnisko pakalpojumu izdevumu daļējai segšanai trūcīgajām personām",
    "Pabalsts 50% atlaide no maksas PII trūcīgas ģimenes bērnam",
    "Maznodrošinātas mājsaimniecības statuss",
    "Bērna piedzimšanas pabalsts",
    "Pabalsts krīzes situācijā",
    "Iesniegums ģimenes asistenta pakalpojumam",
    "Pabalsts trūcīgas personas apbedīšanai",
    "Iesniegums par SAC pakalpojuma pārtraukšanu",
    "Iesniegums vardarbībā cietušo pilngadīgo personu valsts finansētam soc. reh. pakalpojumam",
    "Iesniegums par bērna rehabilitāciju dzīvesvietā/institūcijā",
    "Atbalsts ārstniecības pakalpojumu saņemšanas izdevumu segšanai",
    "Vienreizējs pabalsts apģērba un mīkstā inventāra iegādei (audžuģimenē ievietotam bērnam)",
    "Iesniegums par ievietošanu SAC",
    "Iesniegums aprūpes mājās pakalpojuma piešķiršanai",
    "Iesniegums valsts finansētā asistenta pakalpojumam",
    "Iesniegums par psihologa konsultācijām",
    "Ikmēneša pabalsts bērna uzturam (audžuģimenē ievietotam bērnam)",
    "GMI Ukrainas iedzīvotājiem",
    "Iesniegums valsts finansēta sociālās rehabilitācijas pakalpojuma saņemšanai "
    "institūcijā personai ar funkcionāliem traucējumiem",
    "Iesniegums mājokļa pabalsta pārrēķinam",
    "pabalsts no vecāku līdzfinansējuma par bērna ēdināšanu vispārizglītojošā "
    "izglītības iestādē trūcīgas ģimenes bērnam",
    "iesniegums higiēnas pakalpojumam",
    "iesniegums pašvaldības transporta pakalpojumam",
    "iesniegums specializētā transporta pakalpojumam",
    "iesniegums krīzes situācijā ESF Plus paku saņemšanai",
]
SERVICES = [
    ("Mājsaimniecību skaits, kurām ir spēkā esošs trūcīgas mājsaimniecības statuss",
     "ģimpers"),
    ("Mājsaimniecību skaits, kurām ir spēkā esošs maznodrošinātas mājsaimniecības statuss",
     "ģimpers"),
    ("Personu skaits, kuras saņēmušas ilgstošas sociālās aprūpes un sociālās rehabilitācijas "
     "(SAC) pakalpojumu pašvaldības institūcijā", "n"),
    ("Riska ģimeņu skaits, ar kurām veikts sociālais darbs", "n"),
    ("Veikto apsekošanu klientu dzīves vietā skaits, sagatavoto apsekošanas aktu skaits", "n"),
    ("Sagatavoto sarunu protokolu skaits", "n"),
    ("Sniegto konsultāciju skaits klātienē (sociālās palīdzības/pakalpojumu jautājumos)", "n"),
    ("Personu skaits, kas saņēmuši izmitināšanas pakalpojumu pakalpojumu centrā", "dienn"),
    ("Transporta pakalpojuma nodrošināšana: - personu skaits/braucienu skaits pašvaldības "
     "transp.pak.; - personu skaits/ braucienu skaits specializētā transporta pakalpojumam",
     "reizes"),
    ("sagatavoti pieņemšanas - nodošanas akti dāvanu karšu jaundzimušajiem izsniegšanai", "n"),
]  # fmt: skip
SMALL_TABLES = {
    "Valsts asistenta pakalpojums:": [
        "Līgumi/ vienošanās par izmaiņām līgumos",
        "jauno klientu skaits, kuri uzsāk saņemt pakalpojumu",
        "klientu izvērtēšanu skaits pakalpojuma saņemšanai",
        "pārbaudīto pakalpojuma sniedzēju atskaišu skaits",
        "kopējais klientu skaits, no tiem",
        "I grupas invalīdu skaits",
        "II grupas invalīdu skaits",
    ],
    "Psihologa pakalpojums:": [
        "sniegto individuālo konsultāciju skaits klātienē",
        "pa tālruni",
        "jauno klientu skaits, ar kuriem uzsākts darbs",
    ],
    "Dienas aprūpes centra pakalpojums:": [
        "Pilngadīgu personu ar garīga rakstura traucējumiem DAC apmeklējumu skaits",
        "citu DAC mērķgrupas personu apmeklējumu skaits",
    ],
    "Aprūpes mājās birojs:": [
        "Pārbaudīto atskaišu skaits par veikto aprūpes pakalpojumu",
        "Veikto ikmēneša samaksas aprēķinu skaits par pakalpojuma aprūpe mājās sniegšanu/ "
        "aprēķinātā summa EUR",
        "Sagatavoto līgumu/ vienošanos skaits par sociālā pakalpojuma Aprūpe mājās sniegšanu",
    ],
}


def _td(text: object) -> str:
    return f"<td>{html.escape(str(text))}</td>"


def _quarter(rng: random.Random, year: int, quarter: int) -> str:
    months = MONTHS[quarter]
    out = [
        f"<h1>Par Labklājības pārvaldes darbu {year}. gada {quarter + 1}. ceturksnī</h1>",
        "<p>Informācija par SOPA programmā reģistrēto iesniegumu (pa to veidiem) "
        "un lēmumu skaitu:</p>",
        '<table border="1" cellspacing="0" cellpadding="3" width="100%">',
        '<tr><th rowspan="2">Iesnieguma veids pabalstam/pakalpojumam</th>'
        '<th colspan="3">Iesniegumu skaits</th><th colspan="3">Lēmumu skaits</th></tr>',
        "<tr>" + "".join(f"<th>{m[:4]}.</th>" for m in months * 2) + "</tr>",
    ]
    for label in APPLICATIONS + rng.sample(APPLICATIONS, 20):
        counts = [rng.randint(0, 120) for _ in range(3)]
        decisions = [max(0, c - rng.randint(0, 3)) for c in counts]
        out.append("<tr>" + _td(label) + "".join(_td(v) for v in counts + decisions) + "</tr>")
    out.append("</table>")
    out.append("<p>* Iesniegumi, kas reģistrēti līdz ceturkšņa pēdējai darba dienai.</p>")
    out.append(
        "<h2>Cita sociālo jomu raksturojošā informācija (sociālie pakalpojumi, to "
        "saņēmēju skaits, veiktās darbības to nodrošināšanai):</h2>"
    )
    out.append('<table border="1" cellspacing="0" cellpadding="3" width="100%">')
    out.append("<tr><th></th>" + "".join(f"<th>{m}</th>" for m in months) + "</tr>")
    for label, kind in SERVICES:
        out.append("<tr>" + _td(label) + "".join(_td(_value(rng, kind)) for _ in months) + "</tr>")
    out.append("</table>")
    for heading, labels in SMALL_TABLES.items():
        out.append(f"<h3>{heading}</h3>")
        out.append('<table border="1" cellspacing="0" cellpadding="3" width="100%">')
        heads = "".join(f"<th>{m}</th>" for m in months)
        out.append(f"<tr><th>Darbības veids</th>{heads}</tr>")
        for label in labels:
            values = [_value(rng, "eur" if "EUR" in label else "n") for _ in months]
            out.append("<tr>" + _td(label) + "".join(_td(v) for v in values) + "</tr>")
        out.append("</table>")
    out.append(
        f"<p>Ceturksnī pārvalde sniedza sociālo palīdzību {rng.randint(900, 2500)} "
        f"ģimenēm ({rng.randint(1500, 4000)} personām) un pabalstos izmaksāja "
        f"{rng.randint(100000, 400000)},{rng.randint(10, 99)} euro.</p>"
    )
    return "\n".join(out)


def _value(rng: random.Random, kind: str) -> str:
    if kind == "ģimpers":
        families = rng.randint(20, 400)
        return f"{families}ģim/{families + rng.randint(5, 150)}pers"
    if kind == "dienn":
        return f"{rng.randint(1, 12)} pers. ({rng.randint(20, 31)} dienn.)"
    if kind == "reizes":
        return (
            f"{rng.randint(5, 30)} pers./{rng.randint(10, 40)} reizes "
            f"{rng.randint(1, 9)} pers./{rng.randint(1, 12)} reizes"
        )
    if kind == "eur":
        return f"{rng.randint(3000, 5000)},{rng.randint(10, 99)} EUR"
    return str(rng.randint(0, 600))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quarters", type=int, default=64)
    args = parser.parse_args()
    rng = random.Random(20240930)
    body = "\n".join(_quarter(rng, 2009 + q // 4, q % 4) for q in range(args.quarters))
    page = (
        '<!DOCTYPE html>\n<html lang="lv"><head><meta charset="utf-8">'
        f"{STYLE}<title>Labklājības pārvaldes darbs ceturkšņos</title></head>"
        f"<body>\n{body}\n</body></html>\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "long-report.html"
        source.write_text(page, encoding="utf-8")
        profile = Path(tmp) / "profile"
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
             "--outdir", tmp, str(source)],
            check=True, capture_output=True, timeout=900,
        )  # fmt: skip
        shutil.move(Path(tmp) / "long-report.pdf", OUTPUT)
    print(f"wrote {OUTPUT.name} ({OUTPUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
