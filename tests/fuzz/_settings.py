"""How long the fuzzers run: a few dozen examples in CI, as many as asked for on demand."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

__all__ = ["FUZZ", "LONG"]

_CI_EXAMPLES = 30

#: A long run was asked for (the "fuzz" profile, registered in tests/conftest.py,
#: or REPORTPARSE_FUZZ_EXAMPLES).
LONG = settings.get_current_profile_name() == "fuzz" or "REPORTPARSE_FUZZ_EXAMPLES" in os.environ


def _examples() -> int:
    if "REPORTPARSE_FUZZ_EXAMPLES" in os.environ:
        return int(os.environ["REPORTPARSE_FUZZ_EXAMPLES"])
    return settings.default.max_examples if LONG else _CI_EXAMPLES


FUZZ = settings(
    max_examples=_examples(),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
