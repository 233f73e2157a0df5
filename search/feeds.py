"""An Atom feed of any search: `/search/feed/?…` takes the search page's parameters.

The feed is what an anonymous visitor's search shows, newest first: public documents
only, whoever asks (feed readers share URLs and caches). Bad parameters are read as the
search page reads them; a malformed number is a 400, never a 500.

Every address in it is on SITE_BASE_URL (never the host a request came in on), its
`rel="self"` link is the feed's own address with its query, and each entry's id is a tag
URI (RFC 4151) made from the document's id, which never changes while the document
lives, so feed readers never show an entry twice.
"""

from dataclasses import replace
from http import HTTPStatus
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from base.clean_text import xml_safe
from base.identity import site_name
from base.site_address import absolute

from .facets import FACETS, KIND, badges
from .params import BadParameter, parse, to_params
from .service import search
from .types import DEFAULT_PAGE_SIZE, NEWEST, RELEVANCE, SearchRequest
from .visibility import ANONYMOUS

FEED_SIZE = 20
# The date in every entry's tag URI: a day on which the site held its domain. It is
# part of each id, so it never changes.
TAG_DATE = "2026"


def entry_id(doc_id: str) -> str:
    """A document's entry id: tag:<host>,<date>:<doc id>, e.g.
    tag:socialvalue.example.org,2026:case_study-29."""
    host = urlsplit(settings.SITE_BASE_URL).hostname or "localhost"
    return f"tag:{host},{TAG_DATE}:{doc_id}"


def feed_params(request: SearchRequest) -> str:
    """The query string of a search's feed and alerts: its query and filters only."""
    plain = replace(request, page=1, page_size=DEFAULT_PAGE_SIZE, sort=RELEVANCE)
    return to_params(plain).urlencode()


def describe(request: SearchRequest) -> str:
    """A search in words, for feeds and alerts: "Everything new", or the query in
    quotes and each facet's values, e.g. "\u2018co-operative\u2019; Theme: Governance"."""
    parts = [f"\u2018{request.query}\u2019"] if request.query else []
    for name, values in request.selected().items():
        names = " or ".join(FACETS[name].label_of(value) for value in values)
        parts.append(f"{FACETS[name].label}: {names}")
    return "; ".join(parts) or "Everything new"


class CleanAtomFeed(Atom1Feed):
    """An Atom feed that drops the characters XML cannot hold from everything it writes,
    so that one stored control character cannot make a feed fail (Django refuses to
    write them, and a feed listing them would answer 500)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = xml_safe(self.feed)

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = xml_safe(self.items[-1])


class SearchFeed(Feed):
    feed_type = CleanAtomFeed
    description_template = None

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except BadParameter as error:
            return HttpResponse(
                str(error), status=HTTPStatus.BAD_REQUEST, content_type="text/plain"
            )

    def get_object(self, request):
        search_request = parse(request.GET, ANONYMOUS)
        return replace(search_request, sort=NEWEST, page=1, page_size=FEED_SIZE, hits_only=True)

    def title(self, obj: SearchRequest):
        return describe(obj)

    def link(self, obj: SearchRequest):
        return absolute(_with_query(reverse("search"), feed_params(obj)))

    def feed_url(self, obj: SearchRequest):
        return absolute(_with_query(reverse("search_feed"), feed_params(obj)))

    def author_name(self):
        return site_name()

    def author_link(self):
        return absolute("/")

    def subtitle(self, obj: SearchRequest):
        return "The newest results of this search."

    def items(self, obj: SearchRequest):
        return search(obj).hits

    def item_title(self, hit):
        return hit.title

    def item_description(self, hit):
        """The summary, then the labels every listing shows (`facets.badges`)."""
        return " ".join(part for part in (hit.summary, *badges(hit.facets)) if part)

    def item_link(self, hit):
        return absolute(hit.url)

    def item_guid(self, hit):
        return entry_id(hit.doc_id) if hit.doc_id else self.item_link(hit)

    def item_pubdate(self, hit):
        return hit.published_at

    def item_updateddate(self, hit):
        return hit.published_at or timezone.now()

    def item_categories(self, hit):
        return [FACETS[KIND].label_of(hit.kind), *badges(hit.facets)]


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


search_feed = SearchFeed()
