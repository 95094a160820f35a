"""Rules of Latvian tables that the corpus taught: basis, where a period was printed,
heads with more than a period, section rows, counted nouns, number conventions.

Each case is a small table as a clerk types it (tab-separated, as a browser
copies it) under a title that dates the report, and what a reader expects of
its cells. Every rule is general: no case is a document's own words.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import reportparse

TITLE = "Pārskats par 2021. gadu\n\n"


def _observations(table: str, title: str = TITLE) -> list[reportparse.Observation]:
    report = reportparse.parse((title + table).encode("utf-8"), format="text")
    return [o for o in report.observations if o.value is not None]


def _only(table: str, title: str = TITLE) -> Any:
    (obs,) = _observations(table, title)
    return obs.period, obs.basis, obs.period_source


# (head, expected period, basis) for one value column under a label column.
CASES_HEADS = [
    ("2019. gads (izpilde)", "2019", "actual"),
    ("2019 (izpilde)", "2019", "actual"),
    ("2020. gada plāns", "2020", "plan"),
    ("2021. gada prognoze", "2021", "forecast"),
    ("2022. gads (plāns)", "2022", "plan"),
    ("2008 fakts", "2008", "actual"),
    ("2008 projekts", "2008", "plan"),
    ("2019. gads", "2019", None),
]


@pytest.mark.parametrize(("head", "period", "basis"), CASES_HEADS)
def test_a_head_gives_the_period_and_the_basis(head: str, period: str, basis: str | None) -> None:
    table = f"Rādītājs\t{head}\nPabalsti\t1 250\n"
    assert _only(table) == (period, basis, "column")


# Heads that name a basis and a measure, but no period: the report's period.
CASES_MEASURE_HEADS = [
    ("Precizēts budžets", "budget"),
    ("Apstiprināts budžets", "budget"),
    ("Izpilde", "actual"),
    ("Mērķa vērtība", "target"),
]


@pytest.mark.parametrize(("head", "basis"), CASES_MEASURE_HEADS)
def test_a_basis_head_without_a_period_keeps_its_measure(head: str, basis: str) -> None:
    (obs,) = _observations(f"Rādītājs\t{head}\nPabalsti\t1 250\n")
    assert (obs.measure, obs.basis) == (head, basis)
    assert (obs.period, obs.period_source) == ("2021-01-01/2021-12-31", "report")


def test_a_measure_with_its_period_in_parentheses() -> None:
    (obs,) = _observations("Rādītājs\tFaktiskā vērtība (2017)\nPabalsti\t0,4\n")
    assert (obs.measure, obs.period, obs.basis) == ("Faktiskā vērtība", "2017", "actual")


# Words that look like a basis but are not one.
CASES_NO_BASIS = [
    "Plānošanas reģiona dati",
    "Konsolidētais kopbudžets",
    "Projekta izmaksas",
]


@pytest.mark.parametrize("head", CASES_NO_BASIS)
def test_words_like_a_basis_are_no_basis(head: str) -> None:
    (obs,) = _observations(f"Rādītājs\t{head}\nPabalsti\t1 250\n")
    assert obs.basis is None


def test_period_rows_give_their_basis_and_source() -> None:
    table = "\tPersonu skaits\nTrūcīgs\t\n2020. gads (izpilde)\t214\n2021. gada plāns\t230\n"
    got = [(o.indicator, o.period, o.basis, o.period_source) for o in _observations(table)]
    assert got == [
        ("Trūcīgs", "2020", "actual", "row"),
        ("Trūcīgs", "2021", "plan", "row"),
    ]


def test_a_caption_period_is_the_caption_source() -> None:
    title = "Pārskats par 2024. gadu\n\nSociālie pabalsti 2023. gadā\n\n"
    (obs,) = _observations("Pabalsts\tSaņēmēji\nGMI\t120\n", title=title)
    assert (obs.period, obs.period_source) == ("2023", "caption")


def test_no_period_anywhere_has_no_source() -> None:
    (obs,) = _observations("Pabalsts\tSaņēmēji\nGMI\t120\n", title="Pabalsti\n\n")
    assert (obs.period, obs.period_source) == (None, None)


# Heads that name a measure and a period together: (head, measure, period).
CASES_PERIOD_AND_MEASURE = [
    ("2005.gadā kopā ar grozījumiem", "kopā ar grozījumiem", "2005"),
    ("Personu skaits, 2018", "Personu skaits", "2018"),
    ("Pabalsta apmērs, EUR, 2017", "Pabalsta apmērs, EUR", "2017"),
    ("Faktiskā vērtība (2017)", "Faktiskā vērtība", "2017"),
    ("Pabalsta apmērs kopā 2018, EUR", "Pabalsta apmērs kopā, EUR", "2018"),
    ("Saņēmēju skaits 2019. gadā", "Saņēmēju skaits", "2019"),
    ("Izmaiņas 2018 pret 2017", "Izmaiņas 2018 pret 2017", "2021-01-01/2021-12-31"),
    # A comparison of two periods dates neither: the report's period.
    ("2009 pret 2008", "2009 pret 2008", "2021-01-01/2021-12-31"),
    ("Izmaiņas 2021. gadā, salīdzinot ar 2020. gadu, %", None, "2021-01-01/2021-12-31"),
]


@pytest.mark.parametrize(("head", "measure", "period"), CASES_PERIOD_AND_MEASURE)
def test_a_head_with_a_measure_and_a_period(head: str, measure: str | None, period: str) -> None:
    (obs,) = _observations(f"Rādītājs\t{head}\nPabalsti\t1 250\n")
    assert obs.period == period
    if measure is not None:
        assert obs.measure == measure


def test_a_section_row_dates_the_rows_under_it() -> None:
    table = (
        "Rādītājs\tPersonas\n"
        "2022. gada 4. ceturksnis\t\n"
        "GMI pabalsts\t120\n"
        "2023. gada 2. ceturksnis\t\n"
        "GMI pabalsts\t98\n"
    )
    got = [(o.indicator, o.section, o.period, o.period_source) for o in _observations(table)]
    assert got == [
        ("GMI pabalsts", "2022. gada 4. ceturksnis", "2022-Q4", "section"),
        ("GMI pabalsts", "2023. gada 2. ceturksnis", "2023-Q2", "section"),
    ]


def test_a_section_year_dates_the_month_columns_under_it() -> None:
    title = "Trūcīgo personu īpatsvars 2015. un 2016. gadā\n\n"
    table = "Novads\tjanvāris\tfebruāris\n2016. gads\t\t\nRēzeknes novads\t12,1\t11,8\n"
    got = [(o.indicator, o.period, o.period_source) for o in _observations(table, title)]
    assert got == [
        ("Rēzeknes novads", "2016-01", "column"),
        ("Rēzeknes novads", "2016-02", "column"),
    ]


def test_a_row_merged_across_the_values_is_a_section() -> None:
    html = (
        "<h1>Statistika 2022. gadā</h1><table>"
        "<tr><th>Nr.</th><th>Statuss</th><th>Ģimeņu skaits</th><th>Personu skaits</th></tr>"
        "<tr><td>1</td><td colspan='3'>Trūcīgs</td></tr>"
        "<tr><td></td><td>2021.gads</td><td>2384</td><td>4085</td></tr>"
        "</table>"
    )
    report = reportparse.parse(html.encode("utf-8"), format="html")
    got = [(o.indicator, o.measure, o.period) for o in report.observations]
    assert got == [("Trūcīgs", "Ģimeņu skaits", "2021"), ("Trūcīgs", "Personu skaits", "2021")]


def test_month_rows_under_section_years_take_the_section_year() -> None:
    title = "Trūcīgo personu īpatsvars\n\n"
    table = (
        "Mēnesis\tĪpatsvars, %\tPersonu skaits\n"
        "2015. gads\t\t\n"
        "janvāris\t3,3\t65 461\n"
        "2016. gads\t\t\n"
        "janvāris\t2,6\t51 287\n"
    )
    got = [(o.indicator, o.measure, o.period, o.value) for o in _observations(table, title)]
    assert [(i, p) for i, _, p, _ in got] == [
        ("Īpatsvars, %", "2015-01"),
        ("Personu skaits", "2015-01"),
        ("Īpatsvars, %", "2016-01"),
        ("Personu skaits", "2016-01"),
    ]


# Cells that count something: a known noun maps to its unit code, any other
# keeps its value, with unit null, the noun in unit_text and a warning.
CASES_COUNTED = [
    ("32 reizes", 32, "time", None),
    ("4 klienti", 4, "client", None),
    ("3 mājsaimniecības", 3, "household", None),
    ("10 pakas", 10, None, "pakas"),
    ("1200 porcijas", 1200, None, "porcijas"),
    ("15 gultasvietas", 15, None, "gultasvietas"),
    ("120 km", 120, None, "km"),
    ("12 komplekti*", 12, None, "komplekti"),
]


@pytest.mark.parametrize(("cell", "value", "unit", "unit_text"), CASES_COUNTED)
def test_a_counted_noun_keeps_its_number(
    cell: str, value: int, unit: str | None, unit_text: str | None
) -> None:
    report = reportparse.parse(
        f"{TITLE}Pakalpojums\tApjoms\nZupas virtuve\t{cell}\n".encode(), format="text"
    )
    (obs,) = report.observations
    assert (obs.value, obs.unit, obs.unit_text) == (value, unit, unit_text)
    codes = [w.code for w in report.warnings]
    assert codes == (["unknown_unit"] if unit_text else [])


# A table's number convention: commas group thousands where it prints millions so.


def test_comma_thousands_follow_the_table() -> None:
    table = "Rādītājs\tApstiprināts\tGrozījumi\nIeņēmumi\t55,934,648\t5,697\n"
    values = [o.value for o in _observations(table)]
    assert values == [55934648, 5697]
    table = "Rādītājs\tApstiprināts\tGrozījumi\nIeņēmumi\t55 934,5\t5,697\n"
    assert [o.value for o in _observations(table)][1] != 5697


def test_repeated_undated_heads_take_the_year_before_them() -> None:
    table = (
        "Rādītājs\t2005.gadā\tgrozījumi\t2006.gadā\tgrozījumi\n"
        "Ieņēmumi\t34 393 332\t-174 642\t20 611 766\t653 199\n"
    )
    got = [(o.measure, o.period, o.value) for o in _observations(table)]
    assert got == [
        (None, "2005", 34393332),
        ("grozījumi", "2005", -174642),
        (None, "2006", 20611766),
        ("grozījumi", "2006", 653199),
    ]


# (title, expected period of the change column, its source)
CASES_CHANGE_COLUMNS = [
    ("Ienākumi\n\n", "1998", "column"),
    ("Ienākumi 1998. gadā\n\n", "1998-01-01/1998-12-31", "report"),
]


@pytest.mark.parametrize(("title", "period", "source"), CASES_CHANGE_COLUMNS)
def test_a_change_column_is_of_the_latest_year_before_it(
    title: str, period: str, source: str
) -> None:
    table = "Grupa\t1997.g.\t1998.g.\tIzmaiņas, %\nPensionāri\t15,24\t14,57\t95\n"
    change = _observations(table, title=title)[-1]
    assert (change.measure, change.period, change.period_source) == ("Izmaiņas, %", period, source)


# (heads, the report's period, the period of the last column)
CASES_YEAR_OF_THE_HEADS = [
    ("2007.gada plāns\tGrozījumi", "2007-01-01/2007-12-31", "2007-01-01/2007-12-31"),
    ("2006.gada plāns\t2007.gada plāns", None, "2007"),
    ("Plāns\tGrozījumi", None, None),
    ("2007. gads\tjūlijs", None, None),
]


@pytest.mark.parametrize(("heads", "report", "last"), CASES_YEAR_OF_THE_HEADS)
def test_a_report_without_a_period_is_of_the_one_year_its_heads_name(
    heads: str, report: str | None, last: str | None
) -> None:
    text = f"Labklājības ministrija\n\nRādītājs\t{heads}\nIzdevumi\t192 888\t29 893\n"
    parsed = reportparse.parse(text.encode(), format="text")
    period = parsed.report.period
    assert (period.interval if period else None) == report
    assert parsed.observations[-1].period == last


def test_a_row_of_the_same_span_in_another_year_is_that_span() -> None:
    table = "Rādītājs\tPersonas\nGMI pabalsti\t733\nGMI pabalsti 2008. gadā uz šo periodu\t353\n"
    title = "Pabalsti 2009. gadā līdz 10. jūlijam\n\n"
    report = reportparse.parse((title + table).encode(), format="text")
    got = [(o.period, o.period_source) for o in report.observations]
    assert got == [("2009-01-01/2009-07-10", "report"), ("2008-01-01/2008-07-10", "row")]
    assert not [w for w in report.warnings if w.code == "period_in_indicator"]


# (title, caption, the period of the first month column)
CASES_THIS_YEAR = [
    ("Porcijas sociālajā virtuvē 22.07.2011.", "Porcijas pa mēnešiem šogad", "2011-03"),
    ("Porcijas sociālajā virtuvē", "Porcijas pa mēnešiem šogad", None),
    ("Porcijas sociālajā virtuvē 22.07.2011.", "Porcijas pa mēnešiem", None),
]


@pytest.mark.parametrize(("title", "caption", "period"), CASES_THIS_YEAR)
def test_this_year_in_a_caption_is_the_year_of_publication(
    title: str, caption: str, period: str | None
) -> None:
    table = f"{caption}\n\tmartā\taprīlī\nIzsniegtas porcijas\t585\t534\n"
    (first, _) = _observations(table, title=f"{title}\n\n")
    assert first.period == period


# Rows that number the columns under the heads, as report forms print them.
CASES_COLUMN_NUMBERS = ["1\t2\t3\t4", "A\tB\t1\t2", "\t1\t2\t3"]


@pytest.mark.parametrize("numbers", CASES_COLUMN_NUMBERS)
def test_a_row_numbering_the_columns_is_no_data(numbers: str) -> None:
    table = (
        f"Rādītājs\tKods\t2020. gads\t2021. gads\n{numbers}\n"
        "Pabalsti\t010\t1 250\t1 300\nKlienti\t020\t40\t45\n"
    )
    got = [(o.indicator, o.measure, o.period, o.value) for o in _observations(table)]
    assert got == [
        ("Pabalsti", None, "2020", 1250),
        ("Pabalsti", None, "2021", 1300),
        ("Klienti", None, "2020", 40),
        ("Klienti", None, "2021", 45),
    ]


def test_numbers_that_do_not_count_the_columns_are_data() -> None:
    table = "Rādītājs\tKods\t2020. gads\t2021. gads\nPabalsti\t1\t3\t4\n"
    assert [o.value for o in _observations(table)] == [3, 4]


# (row label, whether it warns that a value was read into it)
CASES_VALUE_IN_LABEL = [
    ("Dzīvokļa pabalsts Saistošie noteikumi 4990 ģimenēm (7372 cilv.)", True),
    ("Apmaksāts 120 personām", True),
    ("Pabalsts 50% apmērā no maksas", False),
    ("Izziņa uz 3 mēnešiem", False),
    ("Pabalsts bērniem vecumā no 7 līdz 24 mēnešiem", False),
]


@pytest.mark.parametrize(("label", "warns"), CASES_VALUE_IN_LABEL)
def test_a_value_read_into_a_label_warns(label: str, warns: bool) -> None:
    report = reportparse.parse(f"{TITLE}Rādītājs\tSumma\n{label}\t1 250\n".encode(), format="text")
    assert report.observations[0].value == 1250
    codes = [(w.code, w.row) for w in report.warnings]
    assert (("value_in_indicator", 1) in codes) is warns, codes


def test_a_column_of_numbers_without_a_head_warns() -> None:
    report = reportparse.parse(
        f"{TITLE}Rādītājs\t2020. gads\t\nPabalsti\t1 250\t1 300\n".encode(), format="text"
    )
    assert [o.value for o in report.observations] == [1250, 1300]
    assert [(w.code, w.column) for w in report.warnings] == [("column_without_head", 2)]


def test_an_undated_group_ends_the_year_before_it() -> None:
    table = (
        "Rādītājs\t2006.gadā\tgrozījumi\t2007.gadā\tgrozījumi\tVēlāk\tgrozījumi\n"
        "Ieņēmumi\t20 611 766\t653 199\t18 383 611\t-1 065 510\t14 183 966\t-3 404 000\n"
    )
    got = [(o.measure, o.period, o.value) for o in _observations(table, title="Budžets\n\n")]
    assert got == [
        (None, "2006", 20611766),
        ("grozījumi", "2006", 653199),
        (None, "2007", 18383611),
        ("grozījumi", "2007", -1065510),
        ("Vēlāk", None, 14183966),
        ("grozījumi", None, -3404000),
    ]


def test_columns_whose_heads_say_the_same_give_no_numbers() -> None:
    report = reportparse.parse(
        f"{TITLE}Rādītājs\tSumma\tSumma\tPersonas\nGMI\t10\t20\t3\n".encode(), format="text"
    )
    assert [(o.measure, o.value) for o in report.observations] == [
        ("Summa", None),
        ("Summa", None),
        ("Personas", 3),
    ]
    assert [w.code for w in report.warnings] == ["columns_alike"]


def test_a_table_with_nothing_to_tell_its_columns_apart_is_not_understood() -> None:
    text = "A\t1\t2\t3\nB\t4\t5\t6\n"
    report = reportparse.parse(f"{TITLE}{text}".encode(), format="text")
    assert report.observations == []
    assert [w.code for w in report.warnings] == ["table_not_understood"]
    assert report.tables[0].rows  # the cells are kept


def test_a_label_naming_another_period_warns() -> None:
    report = reportparse.parse(
        f"{TITLE}Pabalsts\tSaņēmēji\nGMI 2019. gadā\t120\n".encode(), format="text"
    )
    (obs,) = report.observations
    assert obs.period == "2021-01-01/2021-12-31"
    assert [(w.code, w.row) for w in report.warnings] == [("period_in_indicator", 1)]


def test_a_label_that_gives_its_row_a_span_dates_it() -> None:
    table = "Rādītājs\tVērtība\nKlienti no 01.01.2017. līdz 03.10.2017.\t197\n"
    (obs,) = _observations(table)
    assert (obs.period, obs.period_source) == ("2017-01-01/2017-10-03", "row")
    assert obs.indicator == "Klienti no 01.01.2017. līdz 03.10.2017."


def test_a_column_group_over_months_stays_a_head() -> None:
    html = (
        "<h1>Pārskats par 2024. gada 3. ceturksni</h1><table>"
        "<tr><td colspan='4'>Sociālie pakalpojumi</td></tr>"
        "<tr><td rowspan='2'>Pakalpojums</td><td colspan='3'>Personu skaits</td></tr>"
        "<tr><td>jūlijs</td><td>augusts</td><td>septembris</td></tr>"
        "<tr><td>Aprūpe mājās</td><td>12</td><td>14</td><td>15</td></tr>"
        "</table>"
    )
    report = reportparse.parse(html.encode("utf-8"), format="html")
    got = [(o.indicator, o.measure, o.period, o.value) for o in report.observations]
    assert got == [
        ("Aprūpe mājās", "Personu skaits", "2024-07", 12),
        ("Aprūpe mājās", "Personu skaits", "2024-08", 14),
        ("Aprūpe mājās", "Personu skaits", "2024-09", 15),
    ]


def test_a_decimal_grouped_in_thousands_stays_one_number_under_a_slashed_label() -> None:
    (obs,) = _observations("Funkcija\t2018\nslimība/veselības aprūpe\t1 198,1\n")
    assert obs.value == Decimal("1198.1")


# Section labels: (label, the period it gives the rows under it).
CASES_SECTION_PERIODS = [
    ("Krāslavas novads 2023. g. IV cet.", "2023-Q4"),
    ("Aglonas pagasts 2022. gadā", "2022"),
    # A year inside the words names a rule, not the rows' period.
    ("Pabalsti saskaņā ar 2019. gada noteikumiem Nr. 5", "2021-01-01/2021-12-31"),
]


@pytest.mark.parametrize(("section", "period"), CASES_SECTION_PERIODS)
def test_a_section_label_dates_its_rows_only_when_it_ends_in_a_period(
    section: str, period: str
) -> None:
    (obs,) = _observations(f"Rādītājs\tPersonas\n{section}\t\nGMI pabalsts\t120\n")
    assert (obs.section, obs.period) == (section, period)


def test_a_period_in_the_corner_dates_the_table() -> None:
    (obs,) = _observations("2017.gads\tPārtikas pakas\nIzsniegtas\t120\n", title="Atbalsts\n\n")
    assert (obs.period, obs.period_source, obs.measure) == ("2017", "caption", "Pārtikas pakas")
