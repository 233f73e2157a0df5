"""Writes case studies and seminars out in the import format, one JSON object a line.

Exporting and importing into an empty site reproduces the same content. A live page
exports what is published, never its pending changes: those have not been reviewed, and
re-importing them with `"published": true` would publish them. A page that is not live
exports its latest draft, marked unpublished.
"""

import json
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from markdownify import markdownify

from casestudies.models import CaseStudyPage, SeminarPage
from taxonomy.models import Organisation

KINDS = ("organisation", "case_study", "seminar")


def export_lines(kind: str | None = None) -> Iterator[str]:
    """Organisations first, so the case studies that name them find them whole."""
    if kind in (None, "organisation"):
        organisations = Organisation.objects.select_related("organisation_type", "sector", "region")
        for organisation in organisations.order_by("name").iterator():
            yield _line(organisation_record(organisation))
    if kind in (None, "case_study"):
        for page in CaseStudyPage.objects.order_by("path").iterator():
            yield _line(case_study_record(_exported_version(page)))
    if kind in (None, "seminar"):
        for page in SeminarPage.objects.order_by("path").iterator():
            yield _line(seminar_record(_exported_version(page)))


def _exported_version(page):
    """The published content of a live page (its database row); a draft's latest revision."""
    if page.live or not page.has_unpublished_changes:
        return page
    return page.get_latest_revision_as_object()


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def _organisation(organisation) -> dict[str, str]:
    return {
        "name": organisation.name,
        "type": organisation.organisation_type.slug,
        "org_id": organisation.org_id,
    }


def organisation_record(organisation) -> dict[str, Any]:
    return {
        "type": "organisation",
        "name": organisation.name,
        "organisation_type": organisation.organisation_type.slug,
        "org_id": organisation.org_id,
        "website": organisation.website,
        "sector": organisation.sector.slug if organisation.sector else None,
        "region": organisation.region.slug if organisation.region else None,
    }


def _slugs(terms) -> list[str]:
    return [term.slug for term in terms.all()]


def _body_markdown(body) -> str:
    """The prose of a StreamField as Markdown; outcomes export separately."""
    parts = []
    for block in body:
        if block.block_type == "markdown":
            parts.append(block.value)
        elif block.block_type == "rich_text":
            parts.append(markdownify(block.value.source, heading_style="ATX").strip())
        elif block.block_type == "heading":
            parts.append(f"## {block.value}")
        elif block.block_type == "quote":
            parts.append("\n".join(f"> {line}" for line in block.value["text"].splitlines()))
    return "\n\n".join(parts)


def _contributor_slug(page: CaseStudyPage) -> str | None:
    """The contributor's profile slug; None after they left (a draft's revision may still
    name a profile that is gone)."""
    try:
        return page.contributor.slug if page.contributor_id else None
    except ObjectDoesNotExist:
        return None


def case_study_record(page: CaseStudyPage) -> dict[str, Any]:
    return {
        "type": "case_study",
        "slug": page.slug,
        "title": page.title,
        "summary": page.summary,
        "body": _body_markdown(page.body),
        "organisation": _organisation(page.lead_organisation) if page.lead_organisation else None,
        "partners": [_organisation(o) for o in page.partner_organisations.all()],
        "partner_names": page.unlisted_partner_names(),
        "region": page.region.slug if page.region else None,
        "sectors": _slugs(page.sectors),
        "themes": _slugs(page.themes),
        "outcome_areas": _slugs(page.outcome_areas),
        "stages": _slugs(page.stages),
        "year": page.year,
        "tags": sorted(tag.name for tag in page.tags.all()),
        "outcomes": page.outcome_values(),
        "sources": [{"title": s.title, "url": s.url} for s in page.sources.all()],
        "notices": [{"ocid": n.ocid, "url": n.url} for n in page.notices.all()],
        "published": page.live,
        "illustrative": page.is_illustrative,
        "evidence_level": page.evidence_level,
        "contributor": _contributor_slug(page),
        "contributed": page.is_contribution,
        "licence": page.licence,
    }


def seminar_record(page: SeminarPage) -> dict[str, Any]:
    return {
        "type": "seminar",
        "slug": page.slug,
        "title": page.title,
        "date": page.date.isoformat(),
        "location": page.location,
        "series": page.series,
        "summary": page.summary,
        "body": _body_markdown(page.body),
        "speakers": [
            {"name": s.name, "role": s.role, "organisation": s.organisation}
            for s in page.speakers.all()
        ],
        "lessons": [
            {
                "title": lesson.title,
                "slug": lesson.slug,
                "body": lesson.body,
                "themes": _slugs(lesson.themes),
                "stages": _slugs(lesson.stages),
            }
            for lesson in page.lessons.all()
        ],
        "published": page.live,
    }
