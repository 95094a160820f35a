"""The JSON Schema of ``reportparse FILE`` output, generated from the record classes."""

from __future__ import annotations

from typing import Any

from reportparse._records._report import Report

__all__ = ["json_schema"]

SCHEMA_ID = "urn:reportparse:schema:report:1"

#: Every period the records print (``Period.iso``): a year, a half, a
#: quarter, a month, a day, or an interval of two days.
PERIOD_PATTERN = (
    r"^[0-9]{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
    r"|^[0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9]{4}-[0-9]{2}-[0-9]{2}$"
)


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) that every ``Report.to_dict()`` satisfies."""
    # pydantic walks the dataclasses' type hints, so the schema cannot drift from
    # the records; imported here because it is slow to import and only `schema` needs it.
    from pydantic import TypeAdapter
    from pydantic.json_schema import GenerateJsonSchema

    class ExactNumbers(GenerateJsonSchema):
        # pydantic writes Decimal as a string; our JSON prints it as a number.
        def decimal_schema(self, schema: Any) -> dict[str, Any]:
            return {"type": "number"}

    schema: dict[str, Any] = TypeAdapter(Report).json_schema(
        mode="serialization", schema_generator=ExactNumbers
    )
    for record in ("Observation", "Fact"):
        _with_period_pattern(schema["$defs"][record]["properties"]["period"])
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "reportparse output"
    return schema


def _with_period_pattern(period: dict[str, Any]) -> None:
    for form in period.get("anyOf", [period]):
        if form.get("type") == "string":
            form["pattern"] = PERIOD_PATTERN
