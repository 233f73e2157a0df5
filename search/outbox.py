"""The outbox: sources whose index update Elasticsearch did not take (it was down, or a
rebuild was filling a new index). Nothing is lost: `search_index sync` replays them from
the database's current state."""

from django.db.models import F

from .models import OutboxItem


def record(sources: list[str], error: str) -> None:
    for source in sources:
        updated = OutboxItem.objects.filter(source=source).update(
            attempts=F("attempts") + 1, last_error=error
        )
        if not updated:
            OutboxItem.objects.get_or_create(source=source, defaults={"last_error": error})


def pending(limit: int | None = None) -> list[str]:
    sources = OutboxItem.objects.values_list("source", flat=True)
    return list(sources[:limit] if limit else sources)


def clear(sources: list[str], replayed_from) -> None:
    """Remove replayed items, unless they failed again after `replayed_from` (when the
    replay began reading the database)."""
    OutboxItem.objects.filter(source__in=sources, updated_at__lte=replayed_from).delete()


def length() -> int:
    return OutboxItem.objects.count()
