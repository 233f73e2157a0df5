"""Digests: one email a person per run, combining every topic of one frequency.

A run searches once per distinct topic (never once per subscriber), with the search
service exactly as the search page uses it for an anonymous visitor, narrowed to content
published since the earliest of its subscribers' last runs. Then, a batch of subscribers
at a time, it picks for each person the hits newer than their own last run that they
have not been sent before (the items its recent deliveries list), and hands the batch
over through `sending.deliver`, which claims each person's delivery, with its items,
first and marks it sent once the backend has taken it: a second run skips what was sent,
and a rerun after a crash first releases the claims the dead run never marked, then
resumes with exactly the people whose emails had not gone (their `last_run_at` moves
only once their chunk is done).

Everything that is the same for many people is rendered once a run: each item, each
topic's heading and link, the email's frame, and each topic's whole section for everyone
who shares its window and has had none of its items (nearly everyone: a daily run finds
most people's last run at the same moment). A digest is then a join of a few strings.
All of a run's emails go through one open connection to the backend.

Windows overlap by `OVERLAP`, so content indexed a little after it was published is not
missed; the deliveries' items keep the overlap from sending anything twice. One run at a
time holds the digests' lock, whatever its frequency, so two runs never claim the same
item for one person.
"""

import datetime
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.core.mail import get_connection
from django.db.models import Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from base.identity import site_name
from search.facets import FACETS, KIND, badges
from search.locks import exclusive
from search.service import search, search_many
from search.types import MAX_PAGE_SIZE, Hit

from . import emails, sending
from .models import Delivery, Frequency, Send, Subscriber, Subscription
from .topics import label, parsed, search_request

logger = logging.getLogger(__name__)

# How long after one run the next is due (a little less than the period, so that a
# daily cron job a few minutes early still sends).
PERIODS: dict[str, datetime.timedelta] = {
    Frequency.IMMEDIATELY: datetime.timedelta(0),
    Frequency.DAILY: datetime.timedelta(hours=20),
    Frequency.WEEKLY: datetime.timedelta(days=6, hours=20),
}
OVERLAP = datetime.timedelta(hours=1)
CHUNK = sending.BATCH
ITEMS_PER_TOPIC = MAX_PAGE_SIZE
LOCK = "newsletter.digests"


@dataclass
class Report:
    frequency: str
    topics: int = 0
    subscribers: int = 0
    sent: int = 0
    items: int = 0
    busy: bool = False  # another digest run held the lock
    search_seconds: float = 0.0  # of the run, the time its searches took


@dataclass(frozen=True)
class Topic:
    label: str
    url: str
    hits: list[Hit]


@dataclass
class Run:
    """What one run renders once and shares across every digest."""

    frequency: str
    now: datetime.datetime
    topics: dict[str, Topic]
    layout: emails.Layout
    connection: object
    send: Send | None = None
    oldest: datetime.datetime | None = None  # when the oldest hit of any topic was published
    items: dict[str, tuple[str, str]] = field(default_factory=dict)  # doc id -> text, html
    frames: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)  # topic url
    sections: dict[tuple[str, datetime.datetime], "Section | None"] = field(default_factory=dict)
    site_name: str = field(default_factory=site_name)  # read once a run, not once a digest


@dataclass(frozen=True)
class Section:
    """A topic's part of one digest: its heading, items and link, text and HTML."""

    text: str
    html: str
    doc_ids: tuple[str, ...]
    first_title: str


def send_digests(frequency: str, now: datetime.datetime | None = None, *, wait=False) -> Report:
    """Send every due digest of this frequency; safe to run again at any time. With
    `wait`, wait for a run in progress to end rather than return at once as busy."""
    now = now or timezone.now()
    report = Report(str(frequency))
    with exclusive(LOCK, wait=wait) as got:
        if not got:
            report.busy = True
            return report
        # Under the lock no other digest run is alive: its unsent claims are orphans.
        sending.release_unsent(Send.objects.filter(kind=Send.Kind.DIGEST))
        due = _due(frequency, now)
        started = time.perf_counter()
        topics = find_new(due)
        report.search_seconds = time.perf_counter() - started
        report.topics = len(topics)
        layout = emails.Layout(
            "newsletter/email/digest", {"frequency": Frequency(frequency).label.lower()}
        )
        with get_connection() as connection:
            run = Run(str(frequency), now, topics, layout, connection)
            published = (_published(hit) for topic in topics.values() for hit in topic.hits)
            run.oldest = min(published, default=None)
            subscriber_ids = due.values_list("subscriber_id", flat=True).distinct().order_by()
            for chunk in _chunks(subscriber_ids):
                _send_chunk(chunk, run, report)
        if run.send is not None:
            Send.objects.filter(pk=run.send.pk).update(finished_at=timezone.now())
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
    asked = [parsed(name) for name in names]
    requests = [search_request(a, published_after=since, page_size=ITEMS_PER_TOPIC) for a in asked]
    topics = {}
    for name, topic, result in zip(names, asked, search_many(requests), strict=True):
        hits = [hit for hit in result.hits if hit.published_at]
        url = emails.absolute(f"{reverse('search')}?{name}")
        topics[name] = Topic(label(topic), url, hits)
    return topics


def _published(hit: Hit) -> datetime.datetime:
    published_at = hit.published_at
    assert published_at is not None  # a topic keeps only hits that say when (`find_new`)
    return published_at


def matches(topic: str, since: datetime.datetime) -> list[Hit]:
    """The newest documents of a topic published after `since`: what the search page
    shows an anonymous visitor for that search, narrowed by date."""
    request = search_request(topic, published_after=since, page_size=ITEMS_PER_TOPIC)
    return [hit for hit in search(request).hits if hit.published_at]


def _chunks(ids) -> Iterator[list[int]]:
    ids = iter(ids.iterator(chunk_size=CHUNK))
    while chunk := list(islice(ids, CHUNK)):
        yield chunk


def _send_chunk(ids, run: Run, report: Report) -> None:
    due = _due(run.frequency, run.now).filter(subscriber_id__in=ids).order_by("created_at", "pk")
    windows: dict[int, list[tuple[str, datetime.datetime]]] = {}
    subscription_ids = []
    for pk, subscriber_id, topic, last_run_at, confirmed_at in due.values_list(
        "pk", "subscriber_id", "topic", "last_run_at", "confirmed_at"
    ):
        subscription_ids.append(pk)
        windows.setdefault(subscriber_id, []).append((topic, last_run_at or confirmed_at))
    subscribers = Subscriber.objects.filter(pk__in=windows).only("pk", "email").order_by("pk")
    sent = already_sent(ids, run.oldest)
    batch = []
    for subscriber in subscribers:
        report.subscribers += 1
        sections = _sections(windows[subscriber.pk], run, sent.get(subscriber.pk, set()))
        if sections:
            batch.append(_digest(subscriber, sections, run))
    if batch:
        if run.send is None:
            run.send = Send.objects.create(kind=Send.Kind.DIGEST, frequency=run.frequency)
        for outgoing in sending.deliver(run.send, batch, run.connection):
            report.sent += 1
            report.items += len(outgoing.items)
    Subscription.objects.filter(pk__in=subscription_ids).update(last_run_at=run.now)


def already_sent(subscriber_ids, oldest: datetime.datetime | None) -> dict[int, set[str]]:
    """Of these people, the items their digests listed that might be listed again: those
    published since `oldest`. An item's publishing time never changes (pages give their
    first publishing, profiles when they first became public) and no digest lists an item
    before it is published, so only the deliveries since then can list one; `OVERLAP` allows for
    clocks a little apart."""
    sent: dict[int, set[str]] = {}
    if oldest is None:
        return sent
    deliveries = Delivery.objects.filter(
        subscriber_id__in=subscriber_ids, sent_at__gte=oldest - OVERLAP
    ).exclude(items=[])
    for subscriber_id, items in deliveries.values_list("subscriber_id", "items"):
        sent.setdefault(subscriber_id, set()).update(items)
    return sent


def _sections(windows, run: Run, sent: set[str]) -> list[Section]:
    """Each topic with its items new to this person; an item in two topics shows once."""
    sections = []
    seen = set(sent)
    for name, start in windows:
        topic = run.topics.get(name)
        if topic is None:
            continue
        since = start - OVERLAP
        section = _section(topic, since, seen, run)
        if section is not None:
            seen.update(section.doc_ids)
            sections.append(section)
    return sections


def _section(topic: Topic, since: datetime.datetime, seen: set[str], run: Run) -> Section | None:
    """A topic's items published after `since`, less those in `seen`. Everyone with the
    same window who has seen none of them gets the same section: rendered once a run."""
    key = (topic.url, since)
    if key not in run.sections:
        run.sections[key] = _render_section(
            topic, [hit for hit in topic.hits if _published(hit) > since], run
        )
    section = run.sections[key]
    if section is None or seen.isdisjoint(section.doc_ids):
        return section
    hits = [hit for hit in topic.hits if _published(hit) > since and hit.doc_id not in seen]
    return _render_section(topic, hits, run)


def _render_section(topic: Topic, hits: list[Hit], run: Run) -> Section | None:
    if not hits:
        return None
    (text_head, text_tail), (html_head, html_tail) = _section_frame(topic, run)
    items = [_item(hit, run) for hit in hits]
    return Section(
        text="".join([text_head, *(text for text, _ in items), text_tail]),
        html="".join([html_head, *(html for _, html in items), html_tail]),
        doc_ids=tuple(hit.doc_id for hit in hits),
        first_title=hits[0].title,
    )


def _digest(subscriber, sections: list[Section], run: Run) -> sending.Outgoing:
    """One person's digest, joined from the parts the run rendered once."""
    doc_ids = [doc_id for section in sections for doc_id in section.doc_ids]
    count = len(doc_ids)
    site = run.site_name
    subject = (
        f"{count} new from {site}" if count > 1 else f"New from {site}: {sections[0].first_title}"
    )
    text = "".join(section.text for section in sections)
    html = "".join(section.html for section in sections)
    message = run.layout.message(subscriber, subject, text=text, html=html)
    return sending.Outgoing(subscriber.pk, message, doc_ids)


def _section_frame(topic: Topic, run: Run) -> tuple[list[str], list[str]]:
    """A topic's heading and "more" link, around where its items go; once a run."""
    frame = run.frames.get(topic.url)
    if frame is None:
        context = {"topic": topic, "items": emails.BODY}
        text, html = (
            render_to_string(f"newsletter/email/digest_section.{ext}", context).split(emails.BODY)
            for ext in ("txt", "html")
        )
        frame = (text, html)
        run.frames[topic.url] = frame
    return frame


def _item(hit: Hit, run: Run) -> tuple[str, str]:
    """An item's text and HTML; once a run, however many digests list it."""
    rendered = run.items.get(hit.doc_id)
    if rendered is None:
        item = {
            "title": hit.title,
            "summary": hit.summary,
            "url": emails.absolute(hit.url),
            "kind": FACETS[KIND].label_of(hit.kind),
            "badges": badges(hit.facets),
        }
        rendered = (
            render_to_string("newsletter/email/digest_item.txt", {"item": item}),
            render_to_string("newsletter/email/digest_item.html", {"item": item}),
        )
        run.items[hit.doc_id] = rendered
    return rendered
