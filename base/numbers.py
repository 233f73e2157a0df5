"""Whole numbers from requests (query strings and forms), read one way everywhere.

`str.isdigit()` accepts "²" and "٣", which `int()` then refuses or reads as another
number, and `int()` of thousands of digits is slow or refused outright. So a number from
a request is ASCII digits only, no longer than its maximum, or `BadNumber` with a sentence
the view answers 400 with, never a 500.
"""

from collections.abc import Mapping
from typing import overload

# The largest primary key PostgreSQL's `integer` column holds.
MAX_ID = 2**31 - 1


class BadNumber(ValueError):
    """A number that cannot be read; the message is a sentence for people."""


@overload
def whole_number(
    params: Mapping[str, str], name: str, *, maximum: int = ..., minimum: int = ..., default: int
) -> int: ...


@overload
def whole_number(
    params: Mapping[str, str],
    name: str,
    *,
    maximum: int = ...,
    minimum: int = ...,
    default: None = None,
) -> int | None: ...


def whole_number(
    params: Mapping[str, str],
    name: str,
    *,
    maximum: int = MAX_ID,
    minimum: int = 1,
    default: int | None = None,
) -> int | None:
    """`params[name]` as a whole number from `minimum` to `maximum`; `default` when it is
    absent or blank. Raises BadNumber for anything else."""
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    well_formed = raw.isascii() and raw.isdigit() and len(raw) <= len(str(maximum))
    if not well_formed or not minimum <= int(raw) <= maximum:
        shown = raw if len(raw) <= 20 else f"{raw[:20]}…"
        example = minimum if default is None else default
        raise BadNumber(
            f"{name} must be a whole number from {minimum} to {maximum}, like "
            f"{name}={example}, not “{shown}”."
        )
    return int(raw)
