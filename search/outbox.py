"""The outbox: sources changed in the database that the index does not hold yet.

A change writes its row inside its own transaction (`add`), so the row commits or rolls
back with the change. From then until Elasticsearch has taken the change, searches leave
the source's documents out (`pending_sources`, `stale_entries`), so nothing the database
has withdrawn is ever served from a stale index. A refresh locks the rows it works on
(`lock`), and removes them only if no newer change came meanwhile (`clear`). Failed
refreshes leave the rows for the replayer (`failed`).
"""

import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxItem

ERROR_LENGTH = 1_000


def add(sources: list[str]) -> None:
    """Note changes to these sources, in the current transaction."""
    now = timezone.now()
    with transaction.atomic():
        OutboxItem.objects.filter(source__in=sources).update(
            version=F("version") + 1, entries_current=False, updated_at=now
        )
        OutboxItem.objects.bulk_create(
            [OutboxItem(source=source, updated_at=now) for source in sources],
            ignore_conflicts=True,
        )


def lock(sources: list[str]) -> dict[str, int]:
    """Lock these sources' rows until the transaction ends (changes to them wait), and
    say which version of each a refresh is about to read. Rows in one order: no
    deadlocks between two refreshes."""
    rows = (
        OutboxItem.objects.select_for_update()
        .filter(source__in=sources)
        .order_by("source")
        .values_list("source", "version")
    )
    return dict(rows)


def entries_written(versions: dict[str, int]) -> None:
    """The database backend's entries hold these versions of their sources."""
    OutboxItem.objects.filter(_matching(versions)).update(entries_current=True)


def clear(versions: dict[str, int]) -> None:
    """Remove the rows a refresh has written everywhere, unless changed since it read."""
    if versions:
        OutboxItem.objects.filter(_matching(versions)).delete()


def failed(sources: list[str], error: str) -> None:
    """Keep these sources for the replayer, saying why they are still waiting."""
    now = timezone.now()
    error = error[:ERROR_LENGTH]
    OutboxItem.objects.filter(source__in=sources).update(
        attempts=F("attempts") + 1, last_error=error, updated_at=now
    )
    # A source whose row a refresh has already removed (or that was never noted).
    OutboxItem.objects.bulk_create(
        [OutboxItem(source=s, attempts=1, last_error=error, entries_current=True) for s in sources],
        ignore_conflicts=True,
    )


def _matching(versions: dict[str, int]) -> Q:
    condition = Q(pk__in=[])
    for source, version in versions.items():
        condition |= Q(source=source, version=version)
    return condition


def pending(limit: int | None = None) -> list[str]:
    sources = OutboxItem.objects.values_list("source", flat=True)
    return list(sources[:limit] if limit else sources)


def pending_sources(limit: int) -> list[str] | None:
    """The sources searches of the index must leave out; None when there are more than
    `limit` (the index is too far behind, and the database should answer instead)."""
    sources = list(OutboxItem.objects.values_list("source", flat=True)[: limit + 1])
    return None if len(sources) > limit else sources


def stale_entries():
    """The sources whose database entries do not hold their latest change yet."""
    return OutboxItem.objects.filter(entries_current=False).values("source")


def length() -> int:
    return OutboxItem.objects.count()


def oldest() -> datetime.datetime | None:
    """When the change that has waited longest was first noted."""
    return OutboxItem.objects.order_by("created_at").values_list("created_at", flat=True).first()
