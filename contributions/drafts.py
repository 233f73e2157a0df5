"""Writing a member's contribution: a draft case study page, one revision per save.

Every save names the revision it was edited from. When that is no longer the page's
latest revision (another tab, another device, or an editor saved since), the save is
refused with `Conflict`, so nobody's text is silently overwritten; the caller keeps the
refused text and shows it beside the latest.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from taxonomy.models import Organisation, Region

LICENCE = "CC-BY-4.0"


class Conflict(Exception):
    """The draft changed since the writer loaded it; the message says what to do."""


@dataclass
class Draft:
    """What a member writes: the fields of a case study a member may set."""

    title: str
    summary: str = ""
    body: str = ""  # Markdown
    lead_organisation: Organisation | None = None
    lead_organisation_name: str = ""  # a name the network does not list yet
    region: Region | None = None
    year: int | None = None
    sectors: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    stages: list = field(default_factory=list)
    outcome_areas: list = field(default_factory=list)
    partners: list = field(default_factory=list)  # Organisations
    partner_names: list[str] = field(default_factory=list)  # partners not listed yet
    tags: list[str] = field(default_factory=list)
    # The level of evidence the member proposes (`casestudies.evidence`), and why.
    evidence_level: str = ""
    evidence_reason: str = ""
    # As the import format has them: {measure, before, after, evidence, evidence_type},
    # {title, body}, {title, url}.
    outcomes: list[dict] = field(default_factory=list)
    lessons: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)


def as_draft(page: CaseStudyPage) -> Draft:
    """The draft as last saved (the latest revision), to fill the form."""
    return Draft(
        title=page.title,
        summary=page.summary,
        body=page.prose_markdown(),
        lead_organisation=page.lead_organisation,
        lead_organisation_name=page.lead_organisation_name,
        region=page.region,
        year=page.year,
        sectors=list(page.sectors.all()),
        themes=list(page.themes.all()),
        stages=list(page.stages.all()),
        outcome_areas=list(page.outcome_areas.all()),
        partners=list(page.partner_organisations.all()),
        partner_names=page.unlisted_partner_names(),
        tags=[tag.name for tag in page.tags.all()],
        evidence_level=page.proposed_evidence_level,
        evidence_reason=page.evidence_level_reason,
        outcomes=page.outcome_values(),
        lessons=page.lesson_values(),
        sources=[{"title": source.title, "url": source.url} for source in page.sources.all()],
    )


def latest(page: CaseStudyPage) -> CaseStudyPage:
    """The page as its latest revision has it."""
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


def _apply(page: CaseStudyPage, draft: Draft) -> None:
    page.title = draft.title
    page.draft_title = draft.title
    page.summary = draft.summary
    page.set_content(draft.body, draft.outcomes, draft.lessons)
    page.set_sources(draft.sources)
    page.tags.set(draft.tags)
    page.partner_organisations.set(draft.partners)
    page.set_unlisted_partner_names(draft.partner_names)
    page.lead_organisation = draft.lead_organisation
    page.lead_organisation_name = "" if draft.lead_organisation else draft.lead_organisation_name
    page.region = draft.region
    page.year = draft.year
    page.sectors.set(draft.sectors)
    page.themes.set(draft.themes)
    page.stages.set(draft.stages)
    page.outcome_areas.set(draft.outcome_areas)
    page.proposed_evidence_level = draft.evidence_level
    page.evidence_level_reason = draft.evidence_reason


def _unique_slug(title: str) -> str:
    base = (slugify(title) or "contribution")[:60]
    slug, number = base, 1
    while CaseStudyPage.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def create(contributor, user, draft: Draft) -> CaseStudyPage:
    """A new draft page under the case study index, credited to `contributor`."""
    index = CaseStudyIndexPage.objects.select_for_update().first()
    if index is None:
        raise Conflict("Contributions are closed until the site has a case study section.")
    page = CaseStudyPage(
        slug=_unique_slug(draft.title),
        live=False,
        contributor=contributor,
        is_contribution=True,
        licence=LICENCE,
    )
    _apply(page, draft)
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


@transaction.atomic
def update(page: CaseStudyPage, user, draft: Draft, base_revision: int | None) -> CaseStudyPage:
    """Save `draft` as the page's next revision, unless it was edited from an older one."""
    locked = CaseStudyPage.objects.select_for_update().get(pk=page.pk)
    if base_revision != locked.latest_revision_id:
        raise Conflict(
            "This draft was changed somewhere else (another tab, another device or an "
            "editor) after you opened it, so your changes were not saved over it. Your text "
            "is kept below: copy what you need, then open the latest version."
        )
    current = latest(locked)
    _apply(current, draft)
    current.save_revision(user=user, log_action=True, previous_revision=None)
    return CaseStudyPage.objects.get(pk=page.pk)
