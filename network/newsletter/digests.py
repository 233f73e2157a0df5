"""Digests: one email a person per run, combining every topic of one frequency.

A run searches once per distinct topic (never once per subscriber), with the search
service exactly as the search page uses it for an anonymous visitor, narrowed to content
published since the earliest of its subscribers' last runs. Then, a batch of subscribers
at a time, it picks for each person the hits newer than their own last run that they
have not been sent before, and hands the batch over through `sending.deliver`, which
claims the `DigestItem` rows first: a second run, or a rerun after a crash, skips what
was sent and resumes with the rest.

Everything that is the same for many people is rendered once a run: each item, each
topic's heading and link, the email's frame. A digest is then a join of strings.

Windows overlap by `OVERLAP`, so content indexed a little after it was published is not
missed; the `DigestItem` rows keep the overlap from sending anything twice. One run at a
time holds the digests' lock, whatever its frequency, so two runs never claim the same
item for one person.
"""

import datetime
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Min, Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from search.facets import FACETS, KIND
from search.locks import exclusive
from search.service import search, search_many
from search.types import MAX_PAGE_SIZE, Hit

from . import emails, sending
from .models import DigestItem, Frequency, Send, Subscriber, Subscription
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
    candidates: list[str] = field(default_factory=list)  # every doc id any topic found
    items: dict[str, tuple[str, str]] = field(default_factory=dict)  # doc id -> text, html
    sections: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)


def send_digests(frequency: str, now: datetime.datetime | None = None, *, wait=False) -> Report:
    """Send every due digest of this frequency; safe to run again at any time. With
    `wait`, wait for a run in progress to end rather than return at once as busy."""
    now = now or timezone.now()
    report = Report(str(frequency))
    with exclusive(LOCK, wait=wait) as got:
        if not got:
            report.busy = True
            return report
        due = _due(frequency, now)
        started = time.perf_counter()
        topics = find_new(due)
        report.search_seconds = time.perf_counter() - started
        report.topics = len(topics)
        layout = emails.Layout(
            "newsletter/email/digest", {"frequency": Frequency(frequency).label.lower()}
        )
        run = Run(str(frequency), now, topics, layout, get_connection())
        run.candidates = sorted({hit.doc_id for topic in topics.values() for hit in topic.hits})
        for chunk in _chunks(due.values_list("subscriber_id", flat=True).distinct().order_by()):
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


def _send_chunk(ids, run: Run, report: Report) -> None:
    due = _due(run.frequency, run.now).order_by("created_at", "pk")
    subscribers = list(
        Subscriber.objects.filter(pk__in=ids)
        .only("pk", "email")
        .prefetch_related(Prefetch("subscriptions", queryset=due, to_attr="due"))
    )
    sent: dict[int, set[str]] = {}
    if run.candidates:
        rows = DigestItem.objects.filter(subscriber_id__in=ids, doc_id__in=run.candidates)
        for subscriber_id, doc_id in rows.values_list("subscriber_id", "doc_id"):
            sent.setdefault(subscriber_id, set()).add(doc_id)
    batch = []
    for subscriber in subscribers:
        report.subscribers += 1
        sections = _sections(subscriber.due, run.topics, sent.get(subscriber.pk, set()))
        if sections:
            batch.append(_digest(subscriber, sections, run))
    if batch:
        if run.send is None:
            run.send = Send.objects.create(kind=Send.Kind.DIGEST, frequency=run.frequency)
        for outgoing in sending.deliver(run.send, batch, run.connection):
            report.sent += 1
            report.items += len(outgoing.items)
    Subscription.objects.filter(pk__in=[s.pk for sub in subscribers for s in sub.due]).update(
        last_run_at=run.now
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


def _digest(subscriber, sections, run: Run) -> sending.Outgoing:
    """One person's digest, joined from the parts the run rendered once."""
    doc_ids = [hit.doc_id for _, hits in sections for hit in hits]
    count = len(doc_ids)
    site = settings.WAGTAIL_SITE_NAME
    subject = (
        f"{count} new from {site}" if count > 1 else f"New from {site}: {sections[0][1][0].title}"
    )
    text, html = [], []
    for topic, hits in sections:
        (text_head, text_tail), (html_head, html_tail) = _section_frame(topic, run)
        items = [_item(hit, run) for hit in hits]
        text += [text_head, *(t for t, _ in items), text_tail]
        html += [html_head, *(h for _, h in items), html_tail]
    message = run.layout.message(subscriber, subject, text="".join(text), html="".join(html))
    return sending.Outgoing(subscriber.pk, message, doc_ids)


def _section_frame(topic: Topic, run: Run) -> tuple[list[str], list[str]]:
    """A topic's heading and "more" link, around where its items go; once a run."""
    frame = run.sections.get(topic.url)
    if frame is None:
        context = {"topic": topic, "items": emails.BODY}
        frame = tuple(
            render_to_string(f"newsletter/email/digest_section.{ext}", context).split(emails.BODY)
            for ext in ("txt", "html")
        )
        run.sections[topic.url] = frame
    return frame


def _item(hit: Hit, run: Run) -> tuple[str, str]:
    """An item's text and HTML; once a run, however many digests list it."""
    rendered = run.items.get(hit.doc_id)
    if rendered is None:
        item = {
            "title": hit.title,
            "summary": hit.summary,
            "url": emails.absolute(hit.url) if hit.url.startswith("/") else hit.url,
            "kind": FACETS[KIND].label_of(hit.kind),
        }
        rendered = (
            render_to_string("newsletter/email/digest_item.txt", {"item": item}),
            render_to_string("newsletter/email/digest_item.html", {"item": item}),
        )
        run.items[hit.doc_id] = rendered
    return rendered
