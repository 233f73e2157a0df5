"""The public case base as records of the import format (`casestudies.importexport`):
live pages nobody restricted, the organisations they name, and each seminar's lessons on
their own. Nothing members-only and nothing personal: a contributor is credited as the
site credits them to everyone, never by their profile's address."""

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from base.site_address import absolute
from casestudies.importexport.exporter import (
    case_study_record,
    organisation_record,
    seminar_record,
)
from casestudies.models import CaseStudyPage, SeminarPage
from members.visibility import can_view
from search.loading import SiteRootPaths
from taxonomy.models import Organisation

BATCH = 500
STRANGER = AnonymousUser()
LICENCE_NAMES = {"CC-BY-4.0": "CC BY 4.0"}


def public_case_studies():
    return CaseStudyPage.objects.live().public()


def public_seminars():
    return SeminarPage.objects.live().public()


def attribution(page: CaseStudyPage) -> str:
    """The credit the page gives everyone (`byline.html`), in words."""
    if not page.is_contribution:
        return "Social Value Network"
    if page.contributor_id is None:
        who = "a former member"
    elif can_view(STRANGER, page.contributor):
        who = page.contributor.display_name
    else:
        who = "a member of the network"
    return f"Contributed by {who} to the Social Value Network"


def case_studies() -> Iterator[dict[str, Any]]:
    paths = SiteRootPaths()
    pages = public_case_studies().select_related(
        "region", "contributor", "lead_organisation__organisation_type"
    )
    pages = pages.prefetch_related(
        "sectors", "themes", "outcome_areas", "stages", "tags", "sources", "notices",
        "partner_organisations__organisation_type",
    )  # fmt: skip
    for page in pages.order_by("path").iterator(chunk_size=BATCH):
        record = case_study_record(page)
        record["contributor"] = None  # a profile's address is the member's, not open data
        record["url"] = absolute(page.get_url(request=paths) or "")
        record["attribution"] = attribution(page)
        yield record


def seminars() -> Iterator[dict[str, Any]]:
    for page, url in _seminar_pages():
        yield {**seminar_record(page), "url": url}


def lessons() -> Iterator[dict[str, Any]]:
    for page, url in _seminar_pages():
        for lesson in seminar_record(page)["lessons"]:
            yield {
                "type": "lesson",
                "seminar": page.slug,
                **lesson,
                "url": f"{url}#lesson-{lesson['slug']}",
            }


def _seminar_pages():
    paths = SiteRootPaths()
    pages = public_seminars().prefetch_related("speakers", "lessons__themes", "lessons__stages")
    for page in pages.order_by("path").iterator(chunk_size=BATCH):
        yield page, absolute(page.get_url(request=paths) or "")


def organisations() -> Iterator[dict[str, Any]]:
    """The organisations the public case studies name, lead or partner."""
    shown = public_case_studies()
    named = Organisation.objects.filter(
        Q(led_case_studies__in=shown) | Q(partner_case_studies__in=shown)
    ).distinct()
    named = named.select_related("organisation_type", "sector", "region").order_by("name")
    for organisation in named.iterator(chunk_size=BATCH):
        yield organisation_record(organisation)


# Each record type of the open data -> where its records come from.
SOURCES = {
    "case_study": case_studies,
    "seminar": seminars,
    "lesson": lessons,
    "organisation": organisations,
}
