"""`/sitemap.xml` and `/robots.txt`: how search engines find what is public.

The sitemap lists live pages that no view restriction hides (Wagtail's own sitemap) and
the member profiles whose owners made them public and the questions asked in public;
members-only and hidden profiles, members-only questions, drafts and withdrawn pages and
questions never appear. It sits with the newsletter because both tell the outside world
what is new: feeds and alerts by the search, the sitemap by the page.

Every address in both is on SITE_BASE_URL: never the Wagtail site's hostname (which may
be `localhost`) nor the host a request arrived on.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from base.identity import absolute, site_url
from members.models import Profile, Visibility
from questions.models import Audience, Question


def _on_site(location: str) -> str:
    """The same path and query on SITE_BASE_URL."""
    parts = urlsplit(location)
    return absolute(parts.path + (f"?{parts.query}" if parts.query else ""))


class PublicPageSitemap(PageSitemap):
    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = _on_site(url["location"])
        return urls


class OnSiteSitemap(DjangoSitemap):
    """Addresses on SITE_BASE_URL, for the rows that are not pages."""

    def get_protocol(self, protocol=None):
        return urlsplit(site_url()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_url()).netloc


class PublicProfileSitemap(OnSiteSitemap):
    def items(self):
        return Profile.objects.listed().filter(visibility=Visibility.PUBLIC).order_by("pk")

    def lastmod(self, profile):
        return profile.updated_at


class PublicQuestionSitemap(OnSiteSitemap):
    def items(self):
        return Question.objects.live().filter(audience=Audience.PUBLIC).order_by("pk")

    def lastmod(self, question):
        return question.updated_at


@require_safe
def sitemap(request):
    sitemaps = {
        "pages": PublicPageSitemap,
        "members": PublicProfileSitemap(),
        "questions": PublicQuestionSitemap(),
    }
    return wagtail_sitemap(request, sitemaps)


# The API's own page (/api/, which describes it) is for search engines too; its answers are
# not (`$` ends a path, and the longer rule wins, in the robots.txt standard, RFC 9309).
ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /django-admin/
Disallow: /accounts/
Allow: /api/$
Disallow: /api/
Disallow: /newsletter/confirm/
Disallow: /newsletter/unsubscribe/
Disallow: /newsletter/manage/

Sitemap: {sitemap}
"""


@require_safe
def robots_txt(request):
    body = ROBOTS.format(sitemap=absolute(reverse("sitemap")))
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
