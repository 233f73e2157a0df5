"""The import format as CSV: one row a record, one column a field, in the order
`fields.py` gives them, so spreadsheets open the open data and the import reads it back.

A cell holds a text, a number, true or false, or nothing (null). A list of a
vocabulary's slugs is written as the slugs with "; " between them; any other list or
object is written as JSON, which no separator could carry without loss. Cells that a
spreadsheet would run as a formula (starting with =, +, -, @) are written as they are:
the files are data, and the page that offers them says to import them as text.
"""

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .fields import RECORD_TYPES, RecordType
from .records import InvalidRecord

LIST_SEPARATOR = "; "


def columns(record_type: RecordType) -> list[str]:
    return ["type", *(f.name for f in record_type.fields)]


def to_row(record_type: RecordType, record: dict[str, Any]) -> list[str]:
    """A record's cells, in `columns` order."""
    return [record_type.name, *(_cell(f.kind, record.get(f.name)) for f in record_type.fields)]


def _cell(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "terms":
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def writer(record_type: RecordType, out) -> Callable[[dict[str, Any]], None]:
    """Write the header to `out`; returns what writes one record as a row."""
    rows = csv.writer(out, lineterminator="\r\n")
    rows.writerow(columns(record_type))
    return lambda record: rows.writerow(to_row(record_type, record))


def csv_rows(text: Iterable[str]) -> Iterator[dict[str | None, Any]]:
    """The rows of a CSV file with a header row, as the import's `decode` takes them."""
    return csv.DictReader(text)


def record_of_row(row: dict[str | None, Any]) -> dict[str, Any]:
    """The JSON value a row stands for, or InvalidRecord saying which cell is wrong."""
    if None in row:
        raise InvalidRecord("the row has more cells than the header has columns.")
    record_type = RECORD_TYPES.get(row.get("type") or "")
    if record_type is None:
        raise InvalidRecord(
            f"type {row.get('type')!r} is not one of the allowed values: {', '.join(RECORD_TYPES)}."
        )
    record: dict[str, Any] = {"type": record_type.name}
    for f in record_type.fields:
        cell = row.get(f.name)
        if cell is None:  # a column the file leaves out
            continue
        try:
            record[f.name] = _value(f.kind, cell)
        except ValueError:
            raise InvalidRecord(
                f"the {f.name} cell cannot be read as {_READABLE.get(f.kind, 'text')}."
            ) from None
    return record


_READABLE = {
    "strings": "a JSON list",
    "objects": "a JSON list",
    "object": "a JSON object",
    "boolean": "true or false",
    "year": "a whole number",
}


def _value(kind: str, cell: str) -> Any:
    if kind == "terms":
        return [part.strip() for part in cell.split(";") if part.strip()]
    if kind in ("strings", "objects", "object"):
        return json.loads(cell) if cell else ([] if kind != "object" else None)
    if kind == "boolean":
        if cell not in ("true", "false", ""):
            raise ValueError(cell)
        return None if cell == "" else cell == "true"
    if kind == "year":
        return int(cell) if cell else None
    if kind in ("term", "contributor"):
        return cell or None
    return cell
