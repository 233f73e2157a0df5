"""Reads a JSON Lines stream and imports it line by line.

Each line is validated and written in a transaction of its own: a rejected line writes
nothing, and the good lines of the same file still import. With `dry_run` every line is
written inside a transaction that is then rolled back, so the database checks run too
and nothing is kept. With `keep_existing` a line whose page already exists is left alone
(counted as kept): the demo seed uses it, so running it again never overwrites an
editor's change.

What every page's save would index (our search, Wagtail's reference and admin search
indexes) is done once for the whole run, at its end (`deferred.py`); `defer=False`
indexes at every save instead, as an editor's save does (the benchmark compares both).
"""

import json
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from casestudies.site_tree import SiteTree, ensure_site_tree

from . import tables
from .deferred import Deferred, deferred_work
from .records import InvalidRecord, Vocabularies, parse_record
from .writer import page_exists, write_record

MAX_LINE_LENGTH = 1_000_000


@dataclass
class Rejection:
    line_number: int
    message: str

    def __str__(self) -> str:
        return f"Line {self.line_number}: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    kept: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated


class _DryRunRollback(Exception):
    pass


def import_lines(
    lines: Iterable[Any],
    *,
    dry_run: bool = False,
    defer: bool = True,
    keep_existing: bool = False,
    decode: Callable[[Any], Any] | None = None,
    first_line: int = 1,
) -> ImportReport:
    """Import JSON Lines; or, with `decode`, any items it turns into JSON values (the CSV
    format's rows: `import_csv`)."""
    report = ImportReport()
    decode = decode or _decode
    vocabularies = Vocabularies()
    # A dry run must not leave even the page tree behind, so it finds or makes the tree
    # inside each line's rolled-back transaction.
    tree = None if dry_run else ensure_site_tree()
    with deferred_work() if defer else nullcontext(None) as deferred:
        for line_number, line in enumerate(lines, start=first_line):
            if isinstance(line, str) and not line.strip():
                continue
            try:
                data = decode(line)
                outcome = _import_line(data, vocabularies, tree, dry_run, deferred, keep_existing)
            except InvalidRecord as error:
                report.rejections.append(Rejection(line_number, str(error)))
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def import_csv(text: Iterable[str], **options: Any) -> ImportReport:
    """Import the CSV format (`tables.py`); rejections count rows as a spreadsheet does,
    the header being row 1."""
    return import_lines(tables.csv_rows(text), decode=tables.record_of_row, first_line=2, **options)


def _import_line(
    data: Any,
    vocabularies: Vocabularies,
    tree: SiteTree | None,
    dry_run: bool,
    deferred: Deferred | None,
    keep_existing: bool,
) -> str:
    """Import one line in a transaction of its own, rolled back in a dry run; says which
    of the report's counts it adds to."""
    record = parse_record(data, vocabularies)
    if keep_existing and page_exists(record, tree or ensure_site_tree()):
        return "kept"
    try:
        with (
            deferred.line() if deferred else nullcontext(),
            vocabularies.line(),
            transaction.atomic(),
        ):
            created = write_record(record, tree or ensure_site_tree(), vocabularies)
            if dry_run:
                raise _DryRunRollback(created)
    except _DryRunRollback as rollback:
        created = rollback.args[0]
    return "created" if created else "updated"


def _decode(line: str):
    if len(line) > MAX_LINE_LENGTH:
        raise InvalidRecord(f"the line is longer than {MAX_LINE_LENGTH} characters.")
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise InvalidRecord(
            f"the line is not valid JSON ({error.msg} at column {error.colno})."
        ) from None
