"""The Latvian period grammar: table-driven cases, then properties over any text.

Header cases are ``(text, year, expected)``: ``year`` is the report's year passed
to :func:`parse_period`, ``expected`` the ISO name of the period or None.
Phrase cases are ``(text, expected)`` for :func:`find_period`. A known gap is a
case marked ``xfail(strict=True)`` with the reason, so that fixing it shows.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportparse._lang._periods import (
    Period,
    _lexicon,
    find_period,
    month_number,
    parse_period,
    period_from_dates,
)

SAMPLES = Path(__file__).parent / "fixtures" / "samples"


def gap(*values: object, reason: str) -> object:
    """A case the grammar does not handle yet."""
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason))


CASES_YEARS = [
    ("2021", None, "2021"),
    ("2021. gads", None, "2021"),
    ("2021.g.", None, "2021"),
    ("2021.gads", None, "2021"),
    ("2021 g.", None, "2021"),
    ("2021.g", None, "2021"),
    ("2022 .gads", None, "2022"),
    ("2021. GADS", None, "2021"),
    ("2021. gadā", None, "2021"),
    ("par 2023. gadu", None, "2023"),
    ("2015. (euro)", None, "2015"),
    ("2021. gads, EUR", None, "2021"),
    ("2021 (EUR)", None, "2021"),
    ("2021. gads (tūkst. EUR)", None, "2021"),
    ("2021. gads, tūkst. EUR", None, "2021"),
    ("2019. gads (LVL)", None, "2019"),
    ("2021.g. EUR", None, "2021"),
    ("2021. gads, %", None, "2021"),
    ("2015**", None, "2015"),
    ("2020. gads*", None, "2020"),
    ("2021²", None, "2021"),
    ("2021. gads:", None, "2021"),
    ("2021\u00a0g.", None, "2021"),
    ("  2021. gads \n", None, "2021"),
    ("2021", 2024, "2021"),
    ("1990", None, "1990"),
    ("2100", None, "2100"),
]

CASES_QUARTERS = [
    ("I cet.", 2024, "2024-Q1"),
    ("1. ceturksnis", 2024, "2024-Q1"),
    ("3. cet.", 2024, "2024-Q3"),
    ("3.cet.", 2024, "2024-Q3"),
    ("II cet", 2024, "2024-Q2"),
    ("III ceturksnis", 2024, "2024-Q3"),
    ("IV ceturksnis", 2024, "2024-Q4"),
    ("2. ceturksnī", 2024, "2024-Q2"),
    ("3. CETURKSNIS", 2024, "2024-Q3"),
    ("ceturtais ceturksnis", 2024, "2024-Q4"),
    ("2024. gada 3. ceturksnis", None, "2024-Q3"),
    ("2024.g. 3.cet.", None, "2024-Q3"),
    ("3. ceturksnis 2024", None, "2024-Q3"),
    ("I cet. 2024. g.", None, "2024-Q1"),
    ("2024-Q3", None, "2024-Q3"),
    ("Q3 2024", None, "2024-Q3"),
    ("q2", 2024, "2024-Q2"),
    ("I-III cet.", 2024, "2024-01-01/2024-09-30"),
    ("1.-3. ceturksnis", 2024, "2024-01-01/2024-09-30"),
    ("1.-2. ceturksnis", 2024, "2024-H1"),
    ("2024. gada I-III cet.", None, "2024-01-01/2024-09-30"),
    ("1. pusgads", 2023, "2023-H1"),
    ("I pusgads", 2023, "2023-H1"),
    ("2. pusgadā", 2023, "2023-H2"),
    ("1.pusg.", 2023, "2023-H1"),
    ("2023. gada 1. pusgads", None, "2023-H1"),
    ("2023. gada pirmais pusgads", None, "2023-H1"),
    ("2023-H2", None, "2023-H2"),
    ("I cet.", None, None),
    ("1. pusgads", None, None),
    ("5. ceturksnis", 2024, None),
    ("3. pusgads", 2024, None),
]

CASES_MONTHS = [
    ("jūlijs", 2024, "2024-07"),
    ("aug.", 2024, "2024-08"),
    ("sept.", 2024, "2024-09"),
    ("sept", 2024, "2024-09"),
    ("janv.", 2024, "2024-01"),
    ("febr.", 2024, "2024-02"),
    ("marts", 2024, "2024-03"),
    ("apr.", 2024, "2024-04"),
    ("maijs", 2024, "2024-05"),
    ("jūn.", 2024, "2024-06"),
    ("jūl.", 2024, "2024-07"),
    ("okt.", 2024, "2024-10"),
    ("nov.", 2024, "2024-11"),
    ("dec.", 2024, "2024-12"),
    ("augusts", 2024, "2024-08"),
    ("septembris", 2024, "2024-09"),
    ("janvārī", 2024, "2024-01"),
    ("martā", 2024, "2024-03"),
    ("jūlija mēnesī", 2024, "2024-07"),
    ("JŪLIJS", 2024, "2024-07"),
    ("julijs", 2024, "2024-07"),
    ("ju\u0304lijs", 2024, "2024-07"),
    ("Jūlijs*", 2024, "2024-07"),
    ("jūlijs (EUR)", 2024, "2024-07"),
    ("2024. gada jūlijs", None, "2024-07"),
    ("2024. g. jūlijā", None, "2024-07"),
    ("jūlijs 2024", None, "2024-07"),
    ("jūl. 2024", None, "2024-07"),
    ("jūlijs, 2024", None, "2024-07"),
    ("07.2024", None, "2024-07"),
    ("7/2024", None, "2024-07"),
    ("2024-07", None, "2024-07"),
    ("2024. gada 9 mēneši", None, "2024-01-01/2024-09-30"),
    ("2024. gada 6 mēn.", None, "2024-H1"),
    ("jūl. ’24", None, "2024-07"),
    ("jūlijs '98", None, "1998-07"),
    ("jūlijs", None, None),
    ("6 mēn.", 2024, None),
]

CASES_RANGES = [
    ("01.01.2022.-30.11.2022.", None, "2022-01-01/2022-11-30"),
    ("01.01.2022 - 30.11.2022", None, "2022-01-01/2022-11-30"),
    ("no 01.01.2022. līdz 30.11.2022.", None, "2022-01-01/2022-11-30"),
    ("Laika periodā no 01.01.2022. līdz 30.11.2022.", None, "2022-01-01/2022-11-30"),
    ("01.07.2024.–30.09.2024.", None, "2024-Q3"),
    ("01.01.2024.-30.06.2024.", None, "2024-H1"),
    ("01.01.2024-31.12.2024", None, "2024"),
    ("01.01.-31.03.", 2024, "2024-Q1"),
    ("01.01.-31.03.2022.", None, "2022-Q1"),
    ("1.-30.06.2024.", None, "2024-06"),
    ("1.-15. jūlijs", 2024, "2024-07-01/2024-07-15"),
    ("2022. gada janvāris - maijs", None, "2022-01-01/2022-05-31"),
    ("2022. gada 1. janvāris - 30. novembris", None, "2022-01-01/2022-11-30"),
    ("janvāris–marts", 2024, "2024-Q1"),
    ("jan.-marts 2024", None, "2024-Q1"),
    ("jūlijs–septembris 2024. g.", None, "2024-Q3"),
    ("novembris - februāris", 2024, "2023-11-01/2024-02-29"),
    ("2021-2022", None, "2021-01-01/2022-12-31"),
    ("2021.–2022. g.", None, "2021-01-01/2022-12-31"),
    ("2010. – 2017. gadam", None, "2010-01-01/2017-12-31"),
    ("2022-01-01/2022-11-30", None, "2022-01-01/2022-11-30"),
    ("2022.gads uz 30.11.", None, "2022-01-01/2022-11-30"),
    ("2022. gads uz 30.11.2022.", None, "2022-01-01/2022-11-30"),
    ("2022. gads\nuz 30.11.", None, "2022-01-01/2022-11-30"),
    ("2022. gads uz 2022. gada 30. novembri", None, "2022-01-01/2022-11-30"),
    ("uz 30.11.2022.", None, "2022-01-01/2022-11-30"),
    ("uz 30.11.", 2022, "2022-01-01/2022-11-30"),
    ("uz 31.03.2024.", None, "2024-Q1"),
    ("2022. gads uz 31.12.", None, "2022"),
    ("2022. gads uz 31.01.2023.", None, "2022"),
    ("Statuss uz 15.10.2019.", None, "2019-10-15"),
    ("stāvoklis uz 01.01.2024.", None, "2024-01-01"),
    ("uz 01.01.2024. stāvokli", None, "2024-01-01"),
    ("15.10.2019.", None, "2019-10-15"),
    ("15.10.2019", None, "2019-10-15"),
    ("2019-10-15", None, "2019-10-15"),
    ("2019. gada 15. oktobris", None, "2019-10-15"),
    ("01.07.24.–30.09.24.", None, "2024-Q3"),
    ("01.01.22 - 30.11.22", None, "2022-01-01/2022-11-30"),
    ("01.01.-30.11.22.", None, "2022-01-01/2022-11-30"),
    ("15.10.19.", None, "2019-10-15"),
    ("31.12.98.", None, "1998-12-31"),
    ("jan.–marts '24", None, "2024-Q1"),
    ("2022. gads līdz 30. novembrim", None, "2022-01-01/2022-11-30"),
    ("2022. gads (līdz 30.11.)", None, "2022-01-01/2022-11-30"),
    ("2022 līdz 31.12.", None, "2022"),
    ("par 2023/2024 mācību gadu", None, "2023-09-01/2024-08-31"),
    ("2021.-2022. mācību gadā", None, "2021-09-01/2022-08-31"),
    ("uz 30.11.", None, None),
    ("2022 - 2021", None, None),
]

CASES_NOT_PERIODS = [
    ("Personu skaits", 2024, None),
    ("GMI", 2024, None),
    ("Iesniegumu skaits", 2024, None),
    ("Iesniegumu skaits 2021. gadā", 2024, None),
    ("Darbības veids", 2024, None),
    ("kopā", 2024, None),
    ("40", 2024, None),
    ("1500", 2024, None),
    ("1989", None, None),
    ("2101", None, None),
    ("20210", None, None),
    ("121ģim/173pers", 2024, None),
    ("2/8", 2024, None),
    ("1 279 538", 2024, None),
    ("8613/49582,43", 2024, None),
    ("4323.20 EUR", 2024, None),
    ("2018 EUR", 2024, None),
    ("Nr.9.2.2.1./15/I/005", 2024, None),
    ("par 179 ģimenēm", 2024, None),
    ("10 pers. (31 dienn.)", 2024, None),
    ("25 pers./32 reizes 6 pers./7 reizes", 2024, None),
    ("2 bērni (1 pers. - 10 dienn., 1 pers.- 31 dienn.)", 2024, None),
    ("I grupas invalīdu skaits", 2024, None),
    ("II grupas invalīdu skaits", 2024, None),
    ("1.", 2024, None),
    ("1.1.", 2024, None),
    ("2.1.3.", 2024, None),
    ("30.11.", 2024, None),
    ("I", 2024, None),
    ("jūlij s", 2024, None),
    ("mēnesis", 2024, None),
    ("EUR", 2024, None),
    ("(EUR)", 2024, None),
    ("*", 2024, None),
    ("", 2024, None),
    ("   ", 2024, None),
    ("31.02.2024.", None, None),
    ("13.2024", None, None),
    ("2024-13", None, None),
    ("2021./2022.", None, None),
    ("līdz 30.11.2022.", None, None),
    ("no tiem", 2024, None),
    ("2024 - Q3", None, None),
    # Two-digit years only in a date's full shape or after a month word's apostrophe.
    ("30.11.", None, None),
    ("22", None, None),
    ("22", 2024, None),
    ("'22", None, None),
    ("1.1.22.", None, None),
    ("3.11.22.", None, None),
    ("01. 01. 22.", None, None),
    ("32.11.22.", None, None),
    ("30.13.22.", None, None),
    ("30.11.221", None, None),
    ("30,11", 2024, None),
    ("2,22", 2024, None),
    ("64.60.71.12", None, None),
    ("26 53 14 97", None, None),
    ("jūlijs 24", 2024, None),
    ("jūlijs ' 24", None, None),
    ("jūlijs '2024", None, None),
    ("3. ceturksnis '24", None, None),
    # "līdz" closes a year only at a day of it, and only after the year.
    ("līdz 30.11.", 2022, None),
    ("2022. gads līdz", None, None),
    # A school year is two years in a row.
    ("2021./2023. mācību gads", None, None),
    ("2022./2021. mācību gads", None, None),
    ("2021. mācību gads", None, None),
    ("mācību gads", 2024, None),
]

CASES_PHRASES = [
    (
        "Par Labklājības pārvaldes darbu laika periodā "
        "no 2024. gada 1. jūlija līdz 2024. gada 30. septembrim",
        "2024-Q3",
    ),
    ("no 2024. gada 1. jūlija līdz 30. septembrim", "2024-Q3"),
    ("Laikposmā no 01.01.2022. līdz 31.05.2022.", "2022-01-01/2022-05-31"),
    ("laika periodā no 2022. gada 1. janvāra līdz 30. novembrim", "2022-01-01/2022-11-30"),
    ("no 2023. gada 1. novembra līdz 2024. gada 31. janvārim", "2023-11-01/2024-01-31"),
    ("no 2023. gada 1. novembra līdz 31. janvārim", "2023-11-01/2024-01-31"),
    ("2022. gada janvārī - maijā", "2022-01-01/2022-05-31"),
    ("Pārskats par 2024. gada janvāri–martu", "2024-Q1"),
    ("Statuss uz 15.10.2019.", "2019-10-15"),
    ("\nStatuss uz 15.10.2019.DEINSTITUCIONALIZĀCIJA (DI)", "2019-10-15"),
    ("Dati uz 01.01.2024.", "2024-01-01"),
    ("Izpilde 2022. gads uz 30.11.", "2022-01-01/2022-11-30"),
    ("2024. gada 3. ceturksnī", "2024-Q3"),
    ("Pārskats par 2024. gada 1. ceturksni", "2024-Q1"),
    ("2019. gada 1.-3. ceturksnī", "2019-01-01/2019-09-30"),
    ("2023. gada 1. pusgadā", "2023-H1"),
    ("2023. gada pirmajā pusgadā", "2023-H1"),
    ("2024. gada 9 mēnešos", "2024-01-01/2024-09-30"),
    # Counts of months in words, with or without "pirmajos".
    ("2018.gada sešos mēnešos piešķirtā palīdzība", "2018-H1"),
    ("Pārskats par 2018. gada pirmajiem sešiem mēnešiem", "2018-H1"),
    ("2014. gada deviņos mēnešos", "2014-01-01/2014-09-30"),
    ("2020. gada trijos mēnešos", "2020-Q1"),
    ("2024. gada jūlijā", "2024-07"),
    ("2023. gadā", "2023"),
    ("Pārskats par 2023. gadu", "2023"),
    ("Sociālā dienesta 2023. gada darba pārskats", "2023"),
    ("2024-Q3", "2024-Q3"),
    ("Īstenošanas ilgums no 2016. līdz 2023. gadam", "2016-01-01/2023-12-31"),
    ("programmu 2010. – 2017. gadam (Programma)", "2010-01-01/2017-12-31"),
    ("2023. gadā un 2024. gada 1. ceturksnī", "2023"),
    ("Publicēts: 25.03.2021\n\nPārskats par 2022. gadu", "2022"),
    ("Publicēts: 25.03.2021", None),
    ("Datu izdošanas datums 2020-09-14", None),
    ("Projekta īstenošanas laiks līdz 2023. gada 31. decembrim.", None),
    ("GALVENIE DI RĀDĪTĀJI, KAS IZPILDĀMI LĪDZ 2023.GADAM:", None),
    ("Saskaņā ar 2021. gada 15. marta lēmumu Nr. 5", None),
    ("08.03.2019", None),
    ("01.10.2019. MK izskatīts informatīvais ziņojums", None),
    ("I ceturksnī", None),
    ("jūlijā", None),
    ("Pārskats par otro ceturksni 2024", "2024-Q2"),
    ("Sociālā dienesta darbs 2. pusgadā 2023", "2023-H2"),
    ("jūlijs 2024", "2024-07"),
    ("janvāris 2024 - marts 2024", "2024-Q1"),
    ("3. ceturksnī 2024 personas saņēma pabalstu", None),
    ("jūlijā 2024,5 EUR", None),
    ("jūlijā 2024/2025", None),
    ("II ceturksnī 2024 (2100 personas)", None),
    ("2019. gada 15. oktobris.", "2019-10-15"),
    ("2024. gada 1. jūlijā", None),
    ("Rīgā, 2024. gada 1. jūlijs", None),
    ("Datums: 2024. gada 1. jūlijs", None),
    ("1. jūlijs", None),
    ("2023. gadā līdz 30. jūnijam jāiesniedz atskaite", "2023"),
    # "Dati uz" a day: the figures gathered until that day, from the year's start.
    ("Pasākumi (dati uz 01.10.2017)", "2017-01-01/2017-10-01"),
    # A season over two years has no ISO name: read past it, to the data's day.
    ("Gatavojoties 2017./ 2018.g. ziemas sezonai (dati uz 01.10.2017)", "2017-01-01/2017-10-01"),
    ("2017./ 2017.g. ziemas sezonai", None),
    ("Apkures sezonā 2022/2023", None),
    # A title that ends on the day, or runs into the text under it, is a span.
    ("Sociālie pabalsti 2009. gadā līdz 10. jūlijam", "2009-01-01/2009-07-10"),
    ("Pabalsti 2009. gadā līdz 10.\njūlijam Nauda pabalstiem", "2009-01-01/2009-07-10"),
    ("jūlijs '24", None),
    ("no 01.01.22. līdz 30.11.22.", None),
    ("2023", None),
    ("2023. sēde", None),
    ("Kopā 2023 personas", None),
    ("No 1799 līdz 720 samazinājies bērnu skaits", None),
    ("2 075 cilvēku un līdz 17 gadu vecumam", None),
    ("no tiem 7 398 389.50 EUR (86%)", None),
    ("Nr.9.2.2.1./15/I/005", None),
    ("tālr.: 64607184, 26531497", None),
    ("pakalpojums tiek piešķirts uz 6 mēn.", None),
    ("2023./2024. mācību gadā", None),
    ("", None),
]

# Regressions: each once went wrong, and the comment says how.
CASES_BUGS = [
    # Read as the year 2024 ranging to its third quarter, January to September.
    ("header", "2024-Q3", None, "2024-Q3"),
    # A section number in a row-number column read as 1 January.
    ("header", "1.1.", 2024, None),
    # An amount read as a year header.
    ("header", "2018 EUR", None, None),
    # int() of a 5,000-digit number raises under Python's int-string limit.
    ("text", "1" * 5000 + ". gadā", None, None),
    ("header", "2021. gads " + "9" * 5000, None, None),
    # The year of a dated decision taken as the report's year.
    ("text", "Saskaņā ar 2021. gada 15. marta lēmumu", None, None),
    # A deadline's year taken as the report's year.
    ("text", "līdz 2023. gada 31. decembrim", None, None),
    # A header whose year the text gives beats the report's year.
    ("header", "2023. gada jūlijs", 2024, "2023-07"),
    # The inherited end year across New Year.
    ("header", "decembris - janvāris 2024", None, "2023-12-01/2024-01-31"),
    # Decomposed diacritics from PDF text.
    ("header", "2023. gada\u00a01. pusgada\u0304", None, "2023-H1"),
    # Out-of-range report years must give None, not OverflowError.
    ("header", "jūlijs", 10**20, None),
    ("header", "uz 30.11.", -5, None),
    # An as-of day in parentheses after its year made the header a label.
    ("header", "2022. gads (uz 30.11.)", None, "2022-01-01/2022-11-30"),
    ("header", "2022 (uz 30.11.), EUR", None, "2022-01-01/2022-11-30"),
    ("header", "Personu skaits (2022)", None, None),
    # Two-digit years were not read, even in a date's shape or after an apostrophe.
    ("header", "01.01.22.-30.11.22.", None, "2022-01-01/2022-11-30"),
    ("header", "jūlijs '24", None, "2024-07"),
    # A date alone in prose, as a heading prints it, was read past as an event.
    ("text", "2024. gada 1. jūlijs", None, "2024-07-01"),
    # A bare year after a quarter in prose was not read.
    ("text", "otrais ceturksnis 2024", None, "2024-Q2"),
    # School years.
    ("header", "2021./2022. mācību gads", None, "2021-09-01/2022-08-31"),
    # "līdz" after a year was no as-of word.
    ("header", "2022.gads līdz 30.11.", None, "2022-01-01/2022-11-30"),
    # "2022. gads (plāns)" is read where the basis is: tests/test_table_rules.py.
]

CASES_MONTH_WORDS = [
    ("janvāris", 1),
    ("janvāra", 1),
    ("janv.", 1),
    ("jan", 1),
    ("februārī", 2),
    ("febr.", 2),
    ("marts", 3),
    ("martā", 3),
    ("aprīļa", 4),
    ("apr.", 4),
    ("maijs", 5),
    ("jūnijam", 6),
    ("jūn", 6),
    ("jūlijs", 7),
    ("jūlija", 7),
    ("jūlijā", 7),
    ("JŪLIJS", 7),
    ("Jūl.", 7),
    ("augustu", 8),
    ("septembrim", 9),
    ("sept.", 9),
    ("sep", 9),
    ("oktobrī", 10),
    ("okt.", 10),
    ("novembri", 11),
    ("nov", 11),
    ("decembris", 12),
    ("dec.", 12),
    (" jūlijs ", 7),
    ("jūlij", None),
    ("07", None),
    ("mēnesis", None),
    ("", None),
]


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    CASES_YEARS + CASES_QUARTERS + CASES_MONTHS + CASES_RANGES + CASES_NOT_PERIODS,
)
def test_parse_period(text: str, year: int | None, expected: str | None) -> None:
    period = parse_period(text, year=year)
    assert (period.iso if period else None) == expected


@pytest.mark.parametrize(("text", "expected"), CASES_PHRASES)
def test_find_period(text: str, expected: str | None) -> None:
    period = find_period(text)
    assert (period.iso if period else None) == expected


@pytest.mark.parametrize(("reader", "text", "year", "expected"), CASES_BUGS)
def test_bugs(reader: str, text: str, year: int | None, expected: str | None) -> None:
    period = parse_period(text, year=year) if reader == "header" else find_period(text)
    assert (period.iso if period else None) == expected


@pytest.mark.parametrize(("word", "expected"), CASES_MONTH_WORDS)
def test_month_number(word: str, expected: int | None) -> None:
    assert month_number(word) == expected


def test_enough_cases() -> None:
    lists = [CASES_YEARS, CASES_QUARTERS, CASES_MONTHS, CASES_RANGES]
    lists += [CASES_PHRASES, CASES_NOT_PERIODS, CASES_BUGS]
    assert sum(len(cases) for cases in lists) >= 100


# -- the Period type -------------------------------------------------------

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "granularity", "iso"),
    [
        (D(2024, 1, 1), D(2024, 12, 31), "year", "2024"),
        (D(2024, 1, 1), D(2024, 6, 30), "half", "2024-H1"),
        (D(2024, 7, 1), D(2024, 12, 31), "half", "2024-H2"),
        (D(2024, 7, 1), D(2024, 9, 30), "quarter", "2024-Q3"),
        (D(2024, 10, 1), D(2024, 12, 31), "quarter", "2024-Q4"),
        (D(2024, 2, 1), D(2024, 2, 29), "month", "2024-02"),
        (D(2024, 7, 15), D(2024, 7, 15), "day", "2024-07-15"),
        (D(2022, 1, 1), D(2022, 11, 30), "interval", "2022-01-01/2022-11-30"),
        (D(2024, 2, 1), D(2024, 4, 30), "interval", "2024-02-01/2024-04-30"),
        (D(2023, 7, 1), D(2024, 6, 30), "interval", "2023-07-01/2024-06-30"),
        (D(2024, 7, 1), D(2024, 7, 30), "interval", "2024-07-01/2024-07-30"),
    ],
)
def test_period_from_dates(start: D, end: D, granularity: str, iso: str) -> None:
    period = period_from_dates(start, end)
    assert (period.granularity, period.iso) == (granularity, iso)


def test_period_from_dates_rejects_reversed_dates() -> None:
    with pytest.raises(ValueError, match="starts after"):
        period_from_dates(D(2024, 2, 1), D(2024, 1, 1))


def test_period_rejects_a_granularity_its_dates_do_not_have() -> None:
    with pytest.raises(ValueError, match="not one quarter"):
        Period(D(2024, 7, 1), D(2024, 8, 31), "quarter")
    # Any span may go by its interval name.
    assert Period(D(2024, 7, 1), D(2024, 9, 30), "interval").iso == "2024-07-01/2024-09-30"


def test_contains() -> None:
    q3 = period_from_dates(D(2024, 7, 1), D(2024, 9, 30))
    august = period_from_dates(D(2024, 8, 1), D(2024, 8, 31))
    assert q3.contains(august)
    assert q3.contains(q3)
    assert not august.contains(q3)
    assert not q3.contains(period_from_dates(D(2024, 9, 30), D(2024, 10, 1)))


# -- the language data -------------------------------------------------------


def test_every_month_has_its_forms() -> None:
    months = _lexicon().months
    assert sorted(set(months.values())) == list(range(1, 13))


def test_no_word_is_in_two_classes() -> None:
    lex = _lexicon()
    # The month noun and the month count share forms ("mēn.", "mēnesi"/"mēneši"
    # without diacritics); they follow different words, so that is harmless.
    classes = {
        "months": set(lex.months),
        "ordinals": set(lex.ordinals),
        "year": set(lex.year),
        "quarter": set(lex.quarter),
        "half": set(lex.half),
        "month": set(lex.month) | set(lex.months_count),
        "units": set(lex.units),
    }
    for name, words in classes.items():
        for other, other_words in classes.items():
            if name < other:
                assert not words & other_words, (name, other)


# -- the sample reports ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("welfare-report-2024-q3.txt", "2024-Q3"),
        ("di-status-2019-infographic.txt", "2019-10-15"),
        ("social-services-planning-latgale.txt", "2010-01-01/2017-12-31"),
        # Publication dates, a deadline and a news item's date: no report period.
        ("di-project-latgale.txt", None),
        ("di-services-dataset-description.txt", None),
    ],
)
def test_sample_report_period(name: str, expected: str | None) -> None:
    period = find_period((SAMPLES / name).read_text(encoding="utf-8"))
    assert (period.iso if period else None) == expected


def test_sample_report_headers() -> None:
    text = (SAMPLES / "welfare-report-2024-q3.txt").read_text(encoding="utf-8")
    headers = [line.split("\t") for line in text.splitlines() if "\tjūlijs\t" in line]
    assert headers
    for cells in headers:
        periods = [parse_period(c, year=2024) for c in cells[1:]]
        assert {p.iso for p in periods if p} == {"2024-07", "2024-08", "2024-09"}
        assert all(periods)
        assert parse_period(cells[0], year=2024) is None


# -- properties --------------------------------------------------------------

# Pieces of period phrases, to reach deep into the grammar more often than
# random text would.
# fmt: off
FRAGMENTS = [
    "2024", "2023", "1990", "2100", "1", "3", "12", "31", "30", "07", "9", "0",
    ".", " ", "-", "–", "/", ",", ":", "(", ")", "*", "²", "\u00a0", "\u0304",
    "gada", "gads", "g", "jūlijs", "aug", "janvāris", "dec", "cet", "ceturksnī",
    "pusgads", "mēneši", "mēnesī", "no", "līdz", "uz", "statuss", "stāvokli",
    "I", "III", "IV", "pirmajā", "q", "h", "eur", "par", "laika", "periodā",
    "publicēts", "datums", "ū",
]
# fmt: on
fragments = st.lists(st.sampled_from(FRAGMENTS), max_size=24).map("".join)
any_text = st.one_of(st.text(), fragments)
any_year = st.one_of(st.none(), st.integers(), st.integers(min_value=1990, max_value=2100))


def _consistent(period: Period | None) -> None:
    if period is not None:
        assert period.start <= period.end
        assert parse_period(period.iso) == period


@settings(max_examples=400)
@given(text=any_text, year=any_year)
def test_parse_period_never_raises(text: str, year: int | None) -> None:
    _consistent(parse_period(text, year=year))


@settings(max_examples=400)
@given(text=st.one_of(any_text, st.lists(any_text, max_size=4).map("\n".join)))
def test_find_period_never_raises(text: str) -> None:
    _consistent(find_period(text))


@given(word=any_text)
def test_month_number_never_raises(word: str) -> None:
    assert month_number(word) in {None, *range(1, 13)}


dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31))


@given(a=dates, b=dates)
def test_iso_names_parse_back(a: D, b: D) -> None:
    period = period_from_dates(min(a, b), max(a, b))
    assert parse_period(period.iso) == period
    assert period_from_dates(period.start, period.end) == period


@given(year=st.integers(min_value=1990, max_value=2100), n=st.integers(min_value=1, max_value=4))
def test_quarter_names_agree(year: int, n: int) -> None:
    period = parse_period(f"{year}. gada {n}. ceturksnis")
    assert period is not None
    assert period.iso == f"{year}-Q{n}"
    assert period == find_period(f"Pārskats par {year}. gada {n}. ceturksni")
