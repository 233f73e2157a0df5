"""schema.org structured data (JSON-LD) for case studies, seminars and their lessons, and
the organisations behind them, so that search engines and other sites can read who did
what, where and when, and who says so.

A case study is an `Article` about its lead and partner organisations (`Organization`s,
with their org-id identifier and public register where they have one), citing its
sources and based on its contract notices. A seminar's page is a graph: the `Event`
(when, where, who spoke), the write-up (`Article`, about the event) and each lesson
(`CreativeWork` at `<page>#lesson-<slug>`, part of the write-up).

The data is what the page shows anyone, whoever asks: the page may be cached and is read
by crawlers that are not signed in. So a member is named (the contributor, the people
behind a case study, a speaker's profile link) only when an anonymous visitor may see
their profile; no email address, members-only profile or draft ever appears. Every
address is absolute, on SITE_BASE_URL.
"""

import json
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from base.identity import site_name
from base.site_address import absolute
from members.visibility import can_view
from search.text import lead, markdown_text
from taxonomy import org_id
from taxonomy.models import Organisation

from .models import CaseStudyPage, ContractNotice, SeminarLesson, SeminarPage

CONTEXT = "https://schema.org"
LICENCES = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"}
LESSON_DESCRIPTION_LENGTH = 240
ILLUSTRATIVE = "Illustrative example"
# Characters that could end the script element or start markup inside it, as Django's
# `json_script` escapes them.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def for_page(page, request=None) -> dict[str, Any] | None:
    """The page's structured data, or None for a page that has none."""
    page = getattr(page, "specific_deferred", page)
    if isinstance(page, CaseStudyPage):
        return case_study(page, request)
    if isinstance(page, SeminarPage):
        return seminar(page, request)
    return None


def script(data: dict[str, Any] | None) -> SafeString:
    """A `<script type="application/ld+json">` element holding `data` (empty for None)."""
    if data is None:
        return mark_safe("")
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def case_study(page: CaseStudyPage, request=None) -> dict[str, Any]:
    # The page's template reads these relations too: read once here, for both.
    prefetch_related_objects([page], "partner_organisations", "sources", "notices")
    url = page_url(page, request)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        **_article(page, url, request),
        "about": case_study_organisations(page),
        "citation": [_work(s.title, s.url) for s in page.sources.all()],
        "isBasedOn": [_notice(notice) for notice in page.notices.all()],
        "license": LICENCES.get(page.licence, ""),
        # An invented example says so, as its page does: it is no account of real work.
        "genre": ILLUSTRATIVE if page.is_illustrative else "",
    }
    contributor = page.contributor if page.is_contribution else None
    if contributor is not None and can_view(AnonymousUser(), contributor):
        data["author"] = person(contributor.display_name, contributor.get_absolute_url())
    people = [contact.member for contact in page.contacts.all()]
    data["contributor"] = [
        person(profile.display_name, profile.get_absolute_url())
        for profile in people
        if profile is not None and can_view(AnonymousUser(), profile)
    ]
    return _without_empty(data)


def case_study_organisations(page: CaseStudyPage) -> list[dict[str, Any]]:
    """The lead organisation, then the partners, as the page lists them."""
    listed = [page.lead_organisation] if page.lead_organisation else []
    listed += list(page.partner_organisations.all())
    unlisted = [] if page.lead_organisation else [page.lead_organisation_name.strip()]
    unlisted += page.unlisted_partner_names()
    return [organisation(o) for o in listed] + [
        {"@type": "Organization", "name": name} for name in unlisted if name
    ]


def organisation(org: Organisation) -> dict[str, Any]:
    """An organisation, identified by its org-id and its public register where it has one."""
    data = {
        "@type": "Organization",
        "name": org.name,
        "url": org.website,
        "identifier": _org_identifier(org.org_id) if org.org_id else None,
        "sameAs": org.register_url,
    }
    return _without_empty(data)


def _org_identifier(value: str) -> dict[str, str] | None:
    """The identifier with its list's prefix, as org-id.guide names the lists."""
    try:
        scheme, _number = org_id.split(value)
    except ValidationError:  # stored before identifiers were checked: leave it out
        return None
    return {"@type": "PropertyValue", "propertyID": scheme.prefix, "value": value}


def _notice(notice: ContractNotice) -> dict[str, Any]:
    """A contract notice the case study came from, by its address and OCDS identifier."""
    on = f" on {notice.site_name}" if notice.site_name else ""
    identifier = {"@type": "PropertyValue", "propertyID": "OCID", "value": notice.ocid}
    return _without_empty(
        {
            "@type": "CreativeWork",
            "name": f"Contract notice{on}",
            "url": notice.link,
            "identifier": identifier if notice.ocid else None,
        }
    )


def seminar(page: SeminarPage, request=None) -> dict[str, Any]:
    url = page_url(page, request)
    event_id = f"{url}#event"
    lessons = list(page.lessons.all())
    event = {
        "@type": "Event",
        "@id": event_id,
        "name": page.title,
        "description": page.search_description or page.summary,
        "startDate": page.date.isoformat(),
        "location": {"@type": "Place", "name": page.location} if page.location else None,
        "url": url,
        "eventStatus": "https://schema.org/EventScheduled",
        "performer": [_speaker(speaker) for speaker in page.speakers.all()],
        "superEvent": {"@type": "EventSeries", "name": page.series} if page.series else None,
    }
    write_up = {
        **_article(page, url, request),
        "about": {"@id": event_id},
        "hasPart": [{"@id": lesson_id(url, lesson)} for lesson in lessons],
    }
    return {
        "@context": CONTEXT,
        "@graph": [
            _without_empty(event),
            _without_empty(write_up),
            *(_lesson(url, lesson) for lesson in lessons),
        ],
    }


def _article(page, url: str, request=None) -> dict[str, Any]:
    """What every page written up as an Article says of itself."""
    return {
        "@type": "Article",
        "@id": url,
        "url": url,
        "headline": page.title,
        "description": page.search_description or page.summary,
        "datePublished": _date(page.first_published_at),
        "dateModified": _date(page.last_published_at),
        "inLanguage": "en-GB",
        "publisher": publisher(request),
    }


def lesson_id(url: str, lesson: SeminarLesson) -> str:
    return f"{url}#{lesson.anchor}"


def _lesson(url: str, lesson: SeminarLesson) -> dict[str, Any]:
    address = lesson_id(url, lesson)
    return _without_empty(
        {
            "@type": "CreativeWork",
            "@id": address,
            "url": address,
            "name": lesson.title,
            "position": lesson.number,
            "description": lead(markdown_text(lesson.body), LESSON_DESCRIPTION_LENGTH),
            "isPartOf": {"@id": url},
            "inLanguage": "en-GB",
        }
    )


def _speaker(speaker) -> dict[str, Any]:
    """A speaker as the page names them; their profile only where anyone may open it."""
    profile = speaker.member
    visible = profile is not None and can_view(AnonymousUser(), profile)
    data = person(speaker.name, profile.get_absolute_url() if visible else "")
    data["jobTitle"] = speaker.role
    if speaker.organisation:
        data["affiliation"] = {"@type": "Organization", "name": speaker.organisation}
    return _without_empty(data)


def person(name: str, path: str = "") -> dict[str, Any]:
    return _without_empty({"@type": "Person", "name": name, "url": absolute(path) if path else ""})


def publisher(request=None) -> dict[str, Any]:
    """The site, as the organisation that publishes every page."""
    home = absolute("/")
    return {
        "@type": "Organization",
        "@id": f"{home}#organisation",
        "name": site_name(request),
        "url": home,
    }


def page_url(page, request=None) -> str:
    return absolute(page.get_url(request) or "")


def _work(name: str, url: str) -> dict[str, Any]:
    return _without_empty({"@type": "CreativeWork", "name": name, "url": url})


def _date(moment) -> str:
    return moment.isoformat() if moment else ""


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    """The properties with a value: schema.org reads a missing property as unknown."""
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}
