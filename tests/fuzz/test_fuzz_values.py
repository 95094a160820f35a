"""Fuzzing the Latvian grammars: no string makes them raise, and printed numbers read back.

The cell grammar (``_values``), the period grammar and the fact finder take
every string a reader produces, from any damaged file; they must answer
"not a number" rather than fail. Short in CI, long with
``--hypothesis-profile=fuzz`` (docs/robustness.md).
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from fuzz._settings import FUZZ
from reportparse._interpret._facts import read_facts
from reportparse._lang._periods import parse_period
from reportparse._lang._values import (
    header_unit,
    is_placeholder,
    is_unit_only,
    parse_cell,
    parse_number,
    unit_of,
)

# Pieces of real cells, headers and sentences, in any order and number.
_PIECES = [
    *"0123456789 ,.-−–—/()*%€:;x+\n\t",
    "\u00a0", "\u2009", "\u202f", "\ufffd", "\x00", "pers.", "ģim", "ģimenēm", "reizes",
    "dienn.", "tūkst.", "milj.", "EUR", "eiro", "Ls", "t.sk.", "kopā", "no tiem",
    "2024. gada", "jūlijs", "3. ceturksnis", "I pusgads", "01.07.2024.", "–30.09.2024.",
    "Nr.", "/15/I/", "(cid:17)", "g\u0327",
]  # fmt: skip
_CELLISH = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
_SPACES = ["", " ", "\u00a0", "\u2009", "\u202f"]


@FUZZ
@given(st.text() | _CELLISH)
@example("9" * 5000)
@example("1 " * 3000)
@example("(" * 2000 + "5")
@example("(cid:23)(cid:19)")
def test_the_grammars_never_raise(text: str) -> None:
    for quantities in (parse_cell(text), parse_cell(text, expected_parts=2)):
        for q in quantities or []:
            assert text[q.start : q.end] == q.text
    parse_number(text)
    header_unit(text)
    unit_of(text)
    is_placeholder(text)
    is_unit_only(text)
    parse_period(text, year=2024)
    for fact in read_facts(text):
        assert fact.text in fact.sentence


def _exact(value: object) -> object:
    return (type(value).__name__, str(value)) if isinstance(value, int | Decimal) else value


def _latvian(value: int | Decimal, space: str, minus: str) -> str:
    """Printed as a Latvian report prints it: thousands grouped by ``space``, a decimal comma."""
    text = (
        f"{abs(value):,.{-value.as_tuple().exponent}f}"
        if isinstance(value, Decimal)
        else (f"{abs(value):,}")
    )
    whole, _, frac = text.partition(".")
    return (minus if value < 0 else "") + whole.replace(",", space) + ("," + frac if frac else "")


@FUZZ
@given(
    st.integers(min_value=-(10**15), max_value=10**15)
    | st.decimals(min_value=-(10**12), max_value=10**12, places=1)
    | st.decimals(min_value=-(10**12), max_value=10**12, places=2),
    st.sampled_from(_SPACES),
    st.sampled_from(["-", "\u2212"]),
)
@example(1279538, "\u00a0", "-")
@example(Decimal("49582.43"), "", "-")
@example(Decimal("-0.5"), " ", "\u2212")
def test_latvian_numbers_parse_back_to_themselves(
    value: int | Decimal, space: str, minus: str
) -> None:
    if isinstance(value, Decimal) and value.is_zero():
        value = abs(value)  # no report prints "-0,00"
    text = _latvian(value, space, minus)
    assert _exact(parse_number(text)) == _exact(value), text
    quantities = parse_cell(text)
    assert quantities is not None, text
    assert [(_exact(q.value), q.unit, q.text) for q in quantities] == [(_exact(value), None, text)]
    with_unit = parse_cell(f"{text} EUR")
    assert with_unit is not None
    assert [(_exact(q.value), q.unit) for q in with_unit] == [(_exact(value), "EUR")]
