"""The Latvian words readers need to lay text out (``_data/lv_reading.toml``)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from reportparse._model import Conventions

__all__ = ["reading_conventions"]


@cache
def reading_conventions() -> Conventions:
    """The conventions of Latvian reports, loaded once.

    >>> "jūlij" in reading_conventions().month_stems
    True
    """
    text = (resources.files("reportparse._lang") / "_data" / "lv_reading.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return Conventions(**{name: tuple(words) for name, words in data.items()})
