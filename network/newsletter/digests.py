"""Digests: one email a person per run, combining every topic of one frequency.

A run searches once per distinct topic (never once per subscriber), with the search
service exactly as the search page uses it for an anonymous visitor, narrowed to content
published since the earliest of its subscribers' last runs. Then, a chunk of subscribers
at a time, it picks for each person the hits newer than their own last run that they
have not been sent before, and sends one email. The `DigestItem` rows of an email are
written in the transaction that hands it to the email backend: if sending fails nothing
is recorded, and a rerun after a crash skips what was sent and resumes with the rest.

Windows overlap by `OVERLAP`, so content indexed a little after it was published is not
missed; the `DigestItem` rows keep the overlap from sending anything twice. A run holds a
lock per frequency, so two runs never race.
"""

import datetime
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Min, Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from search.facets import FACETS, KIND
from search.locks import exclusive
from search.service import search, search_many
from search.types import MAX_PAGE_SIZE, Hit

from . import emails
from .models import DigestItem, Frequency, Subscriber, Subscription
from .topics import label, search_request

logger = logging.getLogger(__name__)

# How long after one run the next is due (a little less than the period, so that a
# daily cron job a few minutes early still sends).
PERIODS = {
    Frequency.IMMEDIATELY: datetime.timedelta(0),
    Frequency.DAILY: datetime.timedelta(hours=20),
    Frequency.WEEKLY: datetime.timedelta(days=6, hours=20),
}
OVERLAP = datetime.timedelta(hours=1)
CHUNK = 500
ITEMS_PER_TOPIC = MAX_PAGE_SIZE


@dataclass
class Report:
    frequency: str
    topics: int = 0
    subscribers: int = 0
    sent: int = 0
    items: int = 0
    busy: bool = False  # another run of this frequency held the lock


@dataclass(frozen=True)
class Topic:
    label: str
    url: str
    hits: list[Hit]


def send_digests(frequency: str, now: datetime.datetime | None = None) -> Report:
    """Send every due digest of this frequency; safe to run again at any time."""
    now = now or timezone.now()
    report = Report(str(frequency))
    with exclusive(f"newsletter.digests.{frequency}", wait=False) as got:
        if not got:
            report.busy = True
            return report
        due = _due(frequency, now)
        topics = find_new(due)
        report.topics = len(topics)
        connection = get_connection()
        fragments: dict[str, tuple[str, str]] = {}
        for chunk in _chunks(due.values_list("subscriber_id", flat=True).distinct().order_by()):
            _send_chunk(chunk, frequency, topics, now, connection, fragments, report)
    logger.info("Digests (%s): %s", frequency, report)
    return report


def _due(frequency: str, now: datetime.datetime):
    return Subscription.objects.filter(
        frequency=frequency,
        confirmed_at__isnull=False,
        subscriber__status=Subscriber.Status.CONFIRMED,
    ).filter(Q(last_run_at=None) | Q(last_run_at__lte=now - PERIODS[frequency]))


def find_new(due) -> dict[str, Topic]:
    """One search per distinct topic, all asked at once: the newest hits of each since
    the earliest last run of any due subscription (each person's own window is applied
    when their digest is put together)."""
    window = due.aggregate(since=Min("last_run_at"), first=Min("confirmed_at"))
    if window["first"] is None:
        return {}
    since = (window["since"] or window["first"]) - OVERLAP
    names = list(due.values_list("topic", flat=True).distinct().order_by("topic"))
    requests = [search_request(t, published_after=since, page_size=ITEMS_PER_TOPIC) for t in names]
    topics = {}
    for name, result in zip(names, search_many(requests), strict=True):
        hits = [hit for hit in result.hits if hit.published_at]
        url = emails.absolute(f"{reverse('search')}?{name}")
        topics[name] = Topic(label(name), url, hits)
    return topics


def matches(topic: str, since: datetime.datetime) -> list[Hit]:
    """The newest documents of a topic published after `since`: what the search page
    shows an anonymous visitor for that search, narrowed by date."""
    request = search_request(topic, published_after=since, page_size=ITEMS_PER_TOPIC)
    return [hit for hit in search(request).hits if hit.published_at]


def _chunks(ids) -> Iterator[list[int]]:
    ids = iter(ids.iterator(chunk_size=CHUNK))
    while chunk := list(islice(ids, CHUNK)):
        yield chunk


def _send_chunk(ids, frequency, topics, now, connection, fragments, report) -> None:
    due = _due(frequency, now).order_by("created_at", "pk")
    subscribers = Subscriber.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("subscriptions", queryset=due, to_attr="due")
    )
    candidates = {hit.doc_id for topic in topics.values() for hit in topic.hits}
    sent: dict[int, set[str]] = {}
    if candidates:
        rows = DigestItem.objects.filter(subscriber_id__in=ids, doc_id__in=candidates)
        for subscriber_id, doc_id in rows.values_list("subscriber_id", "doc_id"):
            sent.setdefault(subscriber_id, set()).add(doc_id)
    for subscriber in subscribers:
        report.subscribers += 1
        sections = _sections(subscriber.due, topics, sent.get(subscriber.pk, set()))
        if sections:
            _send_one(subscriber, sections, frequency, connection, fragments)
            report.sent += 1
            report.items += sum(len(hits) for _, hits in sections)
    Subscription.objects.filter(pk__in=[s.pk for sub in subscribers for s in sub.due]).update(
        last_run_at=now
    )


def _sections(subscriptions, topics, sent: set[str]) -> list[tuple[Topic, list[Hit]]]:
    """Each topic with its hits new to this person; an item in two topics shows once."""
    sections = []
    seen = set(sent)
    for subscription in subscriptions:
        topic = topics.get(subscription.topic)
        if topic is None:
            continue
        since = (subscription.last_run_at or subscription.confirmed_at) - OVERLAP
        hits = [h for h in topic.hits if h.published_at > since and h.doc_id not in seen]
        seen.update(hit.doc_id for hit in hits)
        if hits:
            sections.append((topic, hits))
    return sections


def _send_one(subscriber, sections, frequency, connection, fragments) -> None:
    count = sum(len(hits) for _, hits in sections)
    site = settings.WAGTAIL_SITE_NAME
    subject = (
        f"{count} new from {site}" if count > 1 else f"New from {site}: {sections[0][1][0].title}"
    )
    context = {
        "sections": [_section(topic, hits, fragments) for topic, hits in sections],
        "count": count,
        "frequency": Frequency(frequency).label.lower(),
    }
    message = emails.message(subscriber, subject, "newsletter/email/digest", context, connection)
    with transaction.atomic():
        _commit_without_waiting_for_disk()
        _record(subscriber, [hit.doc_id for _, hits in sections for hit in hits])
        message.send()


def _record(subscriber: Subscriber, doc_ids: list[str]) -> None:
    """The items of one email as `DigestItem` rows: one statement on PostgreSQL."""
    if db_connection.vendor != "postgresql":
        DigestItem.objects.bulk_create(
            DigestItem(subscriber=subscriber, doc_id=doc_id) for doc_id in doc_ids
        )
        return
    table = DigestItem._meta.db_table
    with db_connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (subscriber_id, doc_id, sent_at) "
            "SELECT %s, unnest(%s::text[]), now()",
            [subscriber.pk, doc_ids],
        )


def _commit_without_waiting_for_disk() -> None:
    """One commit a digest, without waiting for the disk (PostgreSQL's
    `synchronous_commit = off`, for this transaction only). The commit is as atomic and
    as visible as any; only a crash of the database server itself, within a fraction of
    a second of it, could lose the record, and the item would then be sent again. Waiting
    for the disk would cap sending at a few hundred digests a second."""
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _section(topic: Topic, hits: list[Hit], fragments: dict) -> dict:
    """A topic's part of a digest, from each item rendered once per run."""
    parts = [
        fragments.get(hit.doc_id) or fragments.setdefault(hit.doc_id, _render(hit)) for hit in hits
    ]
    return {
        "topic": topic,
        "text": "".join(text for text, _ in parts),
        "html": mark_safe("".join(html for _, html in parts)),  # noqa: S308 rendered with escaping
    }


def _render(hit: Hit) -> tuple[str, str]:
    item = {
        "title": hit.title,
        "summary": hit.summary,
        "url": emails.absolute(hit.url) if hit.url.startswith("/") else hit.url,
        "kind": FACETS[KIND].label_of(hit.kind),
    }
    return (
        render_to_string("newsletter/email/digest_item.txt", {"item": item}),
        render_to_string("newsletter/email/digest_item.html", {"item": item}),
    )
