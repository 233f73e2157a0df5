"""A whole-page cache of the reading pages (home, case studies, seminars) for anonymous
visitors, forgotten on any change that could show on a page.

Only a visitor with no session and no messages cookie is served from it or fills it: such
a visitor is anonymous, has no messages waiting and sees public content only, so the page
is the same for all of them. A page is stored only when it is a plain 200 that set no
cookie, used no CSRF token and touched no session. Wagtail checks view restrictions before
a page is served, so a private page never gets here for an anonymous visitor; previews
come from signed-in editors and pass by. The middleware answers from the cache before
Wagtail routes the request; the page itself stores its copy once it has been served. A
copy carries an ETag (a hash of its content, so it changes with the page), and a visitor
who sends it back in If-None-Match gets a 304: conditional GET only where the answer is
the same for everyone.

Pages show each other (related case studies, what is new) and the members and terms they
name, so rather than tracking which page shows what, every cached page is keyed with one
generation that any publish, unpublish, move or delete, any profile, account or address
change, any taxonomy change and any change of a view restriction replaces (`connect` here
for pages; the apps that own the other rows connect them with `forget_on_change`). The generation
lives in the shared cache, so every worker process sees a change at once.
"""

import logging
import uuid
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag

from wagtail.models import PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)
GENERATION_KEY = "pagecache:generation"
MESSAGES_COOKIE = "messages"


class PageCacheMiddleware:
    """Answers a shareable request from the cache before Wagtail routes it, so a cached
    page costs two cache reads. It sits after the middleware that add headers to every
    response (security, CSP, frame options), which still run on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        stored = cached(request)
        return stored if stored is not None else self.get_response(request)


def cached(request):
    """The cached copy for this request, or None."""
    if not settings.PAGE_CACHE_SECONDS or not _shareable_request(request):
        return None
    try:
        stored = cache.get(_key(request))
    except Exception:  # any cache backend's failure: build the page instead
        logger.warning("The page cache could not be read; building the page.", exc_info=True)
        return None
    if stored is None:
        return None
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    # Built pages vary with the session cookie (messages read the session): so do copies.
    patch_vary_headers(response, ("Cookie",))
    # A visitor who holds this very copy is told so (304) rather than sent it again.
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


def serve(page, request, render):
    """The page's response, `render()`, stored when every visitor like this one may share
    it. Called by the page (`BasePage.serve`), so only pages that Wagtail let an
    anonymous visitor see are stored."""
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds or not _shareable_request(request):
        return render()
    key = _key(request)
    response = render()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if _shareable_response(request, response):
        set_response_etag(response)
        headers = [(name, value) for name, value in response.items()]
        cache.set(key, (response.content, headers), seconds)
    return response


def forget_all(**kwargs) -> None:
    """Start a new generation: every page cached so far is left to expire unread."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def _key(request) -> str:
    return f"pagecache:{_generation()}:{request.get_host()}:{request.path}"


def _shareable_request(request) -> bool:
    user = getattr(request, "user", None)
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and not (user and user.is_authenticated)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


def _shareable_response(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == HTTPStatus.OK
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
    )


def connect() -> None:
    """Forget every cached page when any page is published, unpublished, moved or deleted,
    or a view restriction changes. The apps whose rows show on pages connect their own
    models to `forget_all` (members their profiles and accounts, the taxonomy its terms)."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_all, dispatch_uid=f"pagecache.{signal}")
    for model in get_page_models():
        post_delete.connect(forget_all, sender=model, dispatch_uid=f"pagecache.delete.{model}")
    for signal in (post_save, post_delete):
        signal.connect(
            forget_all, sender=PageViewRestriction, dispatch_uid=f"pagecache.{signal}.restriction"
        )


def forget_on_change(*models, uid: str) -> None:
    """Forget every cached page when a row of one of `models` is saved or deleted."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                forget_all, sender=model, dispatch_uid=f"pagecache.{uid}.{signal}.{model}"
            )
