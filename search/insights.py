"""Search insights: which searches people make and which results they open, counted for
editors without recording who anyone is.

A search is logged once, as the page or API first answers it: page 1 in the default
order, with words or at least one filter chosen. Turning pages and re-sorting are the
same search again and are not logged (going back to the default order on page 1 is, as
nothing tells it apart from a new search without remembering the person); neither are
autocomplete, feeds, alerts and related case studies, which are not people searching.
Each logged search is one INSERT of the normalised words, the filters, the number of
results, the backend that answered, the path and the day (about a millisecond:
`benchmarks/insights.py`; the API writes it once its answer is sent, `record_later`).
Logging never fails a search: an error is logged and the search answers as usual.

Opened results are counted without tracking anyone: each result link keeps its own
address (so copying it, reading it in the status bar or following it with JavaScript off
all work as usual) and carries a `ping` attribute to
`<SITE_BASE_URL>/search/opened/?to=<token>` (absolute, as HTML requires of a ping), which
the browser POSTs when the link is followed, with no JavaScript (hyperlink auditing;
browsers that switch it off count nothing without JavaScript). With JavaScript,
`static/js/search.js` takes the ping off and sends the same POST to the page's own origin
with `navigator.sendBeacon` on click and middle-click, so every browser counts the same
way, once. The token is signed by the site and holds the words, the result's address and its
position: nothing about the person, and nobody can count results the site did not show.
A token older than OPEN_COUNTS_FOR is not counted, and a token counts once however often
it is sent (the digest of each counted token is unique).
"""

import datetime
import functools
import hashlib
import logging
import re
from collections.abc import Callable, Collection

from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from base.site_address import absolute

from .models import LoggedSearch, OpenedResult
from .types import RELEVANCE, SearchResult

logger = logging.getLogger(__name__)

OPEN_SALT = "search.insights.open"
OPEN_COUNTS_FOR = datetime.timedelta(days=1)
# An email address, a phone number or a National Insurance number typed into a search
# box is someone's personal data.
_EMAIL = re.compile(r"\S+@\S+")
# An address written to dodge harvesters: "jo.smith at example dot com",
# "jo(at)council.gov.uk", "jo [at] example [dot] org". The domain needs at least one dot
# in some form, so that "at home" or "commissioning at scale" stay as they are.
_AT = r"(?:\s*[(\[{<]\s*at\s*[)\]}>]\s*|\s+at\s+)"
_DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+|\.)"
_SPELT_EMAIL = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+", re.IGNORECASE)
# Two letters, six digits and a letter from A to D, spaced or not: "QQ 12 34 56 C".
_NATIONAL_INSURANCE = re.compile(r"\b[a-z]{2}\s?(?:\d{2}\s?){3}[a-d]\b", re.IGNORECASE)
_PHONE = re.compile(r"\+?\d(?:[ ()-]?\d){8,}")  # nine digits or more


def normalise(query: str) -> str:
    """The words as insights compare them: case-folded, spaces squashed,
    email addresses (written out too), phone and National Insurance numbers replaced by a
    placeholder."""
    query = _EMAIL.sub("[email address]", query)
    query = _SPELT_EMAIL.sub("[email address]", query)
    query = _NATIONAL_INSURANCE.sub("[national insurance number]", query)
    query = _PHONE.sub("[phone number]", query)
    return " ".join(query.casefold().split())[:200]


def asked(result: SearchResult) -> str:
    """The words as the person typed them, also when the results are of a correction."""
    return normalise(result.corrected_from or result.request.query)


def filters_key(filters) -> str:
    """The selected filters as one sortable, readable string: `region=london&sector=public`."""
    pairs = sorted((name, value) for name, values in filters.items() for value in values)
    return urlencode(pairs)


def counts_opens(result: SearchResult, fixed: Collection[str] = ()) -> bool:
    """A search with words or a filter chosen (not one the page fixes, such as the
    directory's `kind=member`): its results' links count what is opened. A listing
    opened without asking anything (the case study index, which search engines read)
    keeps plain links."""
    chosen = [name for name in result.request.selected() if name not in fixed]
    return bool(result.request.query or chosen)


def is_new_search(result: SearchResult, fixed: Collection[str] = ()) -> bool:
    """Page 1 in the default order, with words or a filter chosen: what a person asked
    for, not a page turn, a re-sort, or a listing opened without asking anything."""
    request = result.request
    return request.page == 1 and request.sort == RELEVANCE and counts_opens(result, fixed)


def record(result: SearchResult, surface: str, fixed: Collection[str] = ()) -> None:
    """Log the search if it is a new one; never raise. `fixed` names the filters the
    page sets itself; they are logged with the others but do not make a search."""
    record_later(result, surface, fixed)()


def record_later(
    result: SearchResult, surface: str, fixed: Collection[str] = ()
) -> Callable[[], object]:
    """`record` in two steps: the row is made now, and the function returned writes it
    (the API calls it once its answer has been sent, so the INSERT does not delay it)."""
    row = _logged(result, surface, fixed)
    return (lambda: None) if row is None else functools.partial(_save_quietly, row, "a search")


def _logged(result: SearchResult, surface: str, fixed: Collection[str]) -> LoggedSearch | None:
    """The row logging the search, if it is a new one."""
    if not is_new_search(result, fixed):
        return None
    request = result.request
    return LoggedSearch(
        day=timezone.localdate(),
        query=asked(result),
        filters=filters_key(request.selected()),
        surface=surface[:200],
        total=result.total,
        backend="database" if result.degraded else "elasticsearch",
    )


def _save_quietly(row, what: str) -> bool:
    try:
        if connection.in_atomic_block:
            # A failed INSERT must not spoil the transaction the search runs in.
            with transaction.atomic():
                row.save(force_insert=True)
        else:
            row.save(force_insert=True)
    except IntegrityError:
        # Only an opened result's token is unique: it was counted before (a ping and a
        # beacon both sent, a retry), or by a concurrent POST, which waited for this one.
        return False
    except Exception:  # insights must never break a search
        logger.exception("Could not record %s for the insights report.", what)
        return False
    return True


def opened_url(result: SearchResult, url: str, position: int, surface: str) -> str:
    """Where a results page's link to `url` says it was opened (its `ping`). HTML allows a
    ping only as an absolute http(s) URL, so it is built on SITE_BASE_URL, never on the
    host a request arrived on."""
    payload = {"q": asked(result), "u": url, "p": position, "s": surface}
    token = signing.TimestampSigner(salt=OPEN_SALT).sign_object(payload, compress=True)
    return absolute(f"{reverse('search_opened')}?{urlencode({'to': token})}")


class BadToken(ValueError):
    """A token the site did not make."""


def record_opened(token: str) -> bool:
    """Count the result a token names as opened, while the token is fresh; whether it
    counted. Raises BadToken for a token the site did not make."""
    signer = signing.TimestampSigner(salt=OPEN_SALT)
    try:
        payload = signer.unsign_object(token)
        url = str(payload["u"])
        position = int(payload["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadToken from error
    try:
        signer.unsign_object(token, max_age=OPEN_COUNTS_FOR)
    except signing.SignatureExpired:
        return False
    row = OpenedResult(
        day=timezone.localdate(),
        query=str(payload.get("q", ""))[:200],
        surface=str(payload.get("s", ""))[:200],
        url=url,
        position=max(0, min(position, 32_767)),
        token_digest=hashlib.sha256(token.encode()).hexdigest(),
    )
    return _save_quietly(row, "an opened result")


def retention_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Searches and opened results from before this day are past the retention period."""
    days = settings.SEARCH_INSIGHTS_RETENTION_DAYS
    if not isinstance(days, int) or days < 1:
        raise ImproperlyConfigured(
            f"SEARCH_INSIGHTS_RETENTION_DAYS must be a whole number of days, at least 1 "
            f"(it is {days!r})."
        )
    return (today or timezone.localdate()) - datetime.timedelta(days=days)


def expired(today: datetime.date | None = None) -> tuple[QuerySet, QuerySet]:
    cutoff = retention_cutoff(today)
    return (
        LoggedSearch.objects.filter(day__lt=cutoff),
        OpenedResult.objects.filter(day__lt=cutoff),
    )


def prune(today: datetime.date | None = None) -> tuple[int, int]:
    """Delete what is past the retention period: (searches, opened results) deleted."""
    searches, opened = expired(today)
    return searches.delete()[0], opened.delete()[0]
