"""Territories named in any case form, with their ATVK codes (docs/territories.md)."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

import reportparse
from reportparse._lang._territories import find_territory

# (text, the year it is of, expected code, name, classifier)
CASES_NAMES = [
    ("Krāslavas novada pašvaldība", 2023, "0032000", "Krāslavas novads", "2021"),
    ("Sociālā palīdzība Krāslavas novadā", 2023, "0032000", "Krāslavas novads", "2021"),
    ("Rīgas valstspilsētas pašvaldība", 2023, "0001000", "Rīga", "2021"),
    ("Pabalsti Rīgā 2024. gadā", 2024, "0001000", "Rīga", "2021"),
    ("Daugavpils pilsētas pašvaldības iestāde", 2022, "0002000", "Daugavpils", "2021"),
    ("Jelgavas pilsētas pašvaldības Sociālo lietu pārvalde", 2009, "0090000", "Jelgava", "2009"),
    ("Salaspils novada pašvaldība", 2018, "0801200", "Salaspils novads", "2009"),
    ("Preiļu novada pašvaldība", 2011, "0760202", "Preiļu novads", "2009"),
]


@pytest.mark.parametrize(("text", "year", "code", "name", "classifier"), CASES_NAMES)
def test_a_territory_is_found_in_any_case_form(
    text: str, year: int, code: str, name: str, classifier: str
) -> None:
    place = find_territory(text, year=year)
    assert place is not None
    assert (place.code, place.name, place.classifier) == (code, name, classifier)


CASES_NO_TERRITORY = [
    "Labklājības ministrija",
    "Latvijas Republikas Saeima",
    "Sociālais dienests sniedz ape un zilupe",  # town names written as common words
]


@pytest.mark.parametrize("text", CASES_NO_TERRITORY)
def test_text_naming_no_territory_gives_none(text: str) -> None:
    assert find_territory(text, year=2023) is None


def test_every_code_has_seven_digits_and_every_parent_exists() -> None:
    for version in ("2021", "2009"):
        data = resources.files("reportparse._lang") / "_data" / f"lv_territories_{version}.csv"
        rows = list(csv.DictReader(data.read_text("utf-8").splitlines()))
        codes = {row["code"] for row in rows}
        assert all(len(row["code"]) == 7 and row["code"].isdigit() for row in rows)
        assert {row["parent"] for row in rows if row["parent"]} <= codes
        assert sum(row["level"] == "state_city" for row in rows) == {"2021": 7, "2009": 9}[version]


def test_the_report_and_its_observations_have_the_publishers_territory() -> None:
    text = (
        "Gulbenes novada sociālais dienests\n\nPārskats par 2023. gadu\n\nRādītājs\t2023\nGMI\t40\n"
    )
    report = reportparse.parse(text.encode(), format="text")
    assert report.report.territory is not None
    assert report.report.territory.name == "Gulbenes novads"
    assert [o.territory for o in report.observations] == [report.report.territory]
    assert report.to_dict()["observations"][0]["territory"]["code"] == "0029000"


def test_a_section_row_sets_the_territory_of_the_rows_under_it() -> None:
    text = (
        "Latgales plānošanas reģions\n\nPārskats par 2023. gadu\n\n"
        "Rādītājs\t2023\nKrāslavas novads\t\nGMI\t40\nLudzas novads\t\nGMI\t31\n"
    )
    report = reportparse.parse(text.encode(), format="text")
    got = [(o.value, o.territory.name if o.territory else None) for o in report.observations]
    assert got == [(40, "Krāslavas novads"), (31, "Ludzas novads")]


def test_a_report_naming_no_territory_has_none() -> None:
    report = reportparse.parse(b"Pabalsti\n\nRaditajs\t2023\nGMI\t40\n", format="text")
    assert report.report.territory is None
    assert report.observations[0].territory is None


# Parishes and towns are only in the 2021 classifier reportparse holds (docs/territories.md).
CASES_PARISHES = [
    ("Kalsnavas pagasta pārvalde", 2023, "0038480", "Kalsnavas pagasts", "parish"),
    ("Sociālā palīdzība Kalsnavas pagastā", 2017, "0038480", "Kalsnavas pagasts", "parish"),
]


@pytest.mark.parametrize(("text", "year", "code", "name", "level"), CASES_PARISHES)
def test_a_parish_is_found_with_its_2021_code(
    text: str, year: int, code: str, name: str, level: str
) -> None:
    place = find_territory(text, year=year)
    assert place is not None
    assert (place.code, place.name, place.level, place.classifier) == (code, name, level, "2021")


def _territory_warnings(text: str) -> list[str]:
    report = reportparse.parse(text.encode(), format="text")
    return [w.message for w in report.warnings if w.code == "territory_other_classifier"]


def test_a_code_of_a_classifier_not_in_force_in_the_reports_year_is_warned_once() -> None:
    older = (
        "Kalsnavas pagasta sociālais dienests\n\nPārskats par 2017. gadu\n\n"
        "Rādītājs\t2017\nGMI\t40\nDzīvokļa pabalsts\t12\n"
    )
    warned = _territory_warnings(older)
    assert len(warned) == 1
    assert "Kalsnavas pagasts" in warned[0] and "2021" in warned[0] and "2017" in warned[0]


def test_a_code_of_the_classifier_in_force_is_not_warned() -> None:
    same_time = (
        "Kalsnavas pagasta sociālais dienests\n\nPārskats par 2023. gadu\n\n"
        "Rādītājs\t2023\nGMI\t40\n"
    )
    novads_then = (
        "Salaspils novada pašvaldība\n\nPārskats par 2018. gadu\n\nRādītājs\t2018\nGMI\t40\n"
    )
    assert _territory_warnings(same_time) == []
    assert _territory_warnings(novads_then) == []


def test_each_figure_gets_the_code_of_the_classifier_of_its_year() -> None:
    # No period of its own: the report is looked up in the newest classifier,
    # its 2012 column in the one in force in 2012.
    text = "Rīgas domes Labklājības departaments\n\nRādītājs\t2012\t2023\nGMI\t40\t31\n"
    report = reportparse.parse(text.encode(), format="text")
    got = [(o.period, o.territory.code if o.territory else None) for o in report.observations]
    assert got == [("2012", "0010000"), ("2023", "0001000")]
    assert _territory_warnings(text) == []
