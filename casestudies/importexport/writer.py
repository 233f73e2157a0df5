"""Writes validated records into the page tree: create or update by slug, then publish
or keep as a draft."""

from wagtail.models import Page

from casestudies.models import (
    CaseStudyPage,
    SeminarLesson,
    SeminarPage,
    SeminarSpeaker,
)
from casestudies.models.seminar import fill_lesson_slugs
from casestudies.site_tree import SiteTree
from taxonomy.models import (
    Organisation,
    OrganisationType,
    OutcomeArea,
    Region,
    Sector,
    Stage,
    Theme,
)
from taxonomy.vocabularies import SECTOR_OF_ORGANISATION_TYPE

from .records import (
    CaseStudyRecord,
    InvalidRecord,
    OrganisationRecord,
    OrganisationRef,
    Record,
    SeminarRecord,
    Vocabularies,
)


def write_record(record: Record, tree: SiteTree, terms: Vocabularies) -> bool:
    """Create or update the record's page; True when it was created."""
    if isinstance(record, CaseStudyRecord):
        return _write_case_study(record, tree, terms)
    if isinstance(record, OrganisationRecord):
        return _write_organisation(record, terms)
    return _write_seminar(record, tree, terms)


def page_exists(record: Record, tree: SiteTree) -> bool:
    """Whether the record's slug (an organisation's name) already names what the record
    would write."""
    if isinstance(record, OrganisationRecord):
        return _find_organisation(record.name, record.org_id) is not None
    return Page.objects.child_of(_parent(record, tree)).filter(slug=record.slug).exists()


def _parent(record: CaseStudyRecord | SeminarRecord, tree: SiteTree) -> Page:
    if isinstance(record, CaseStudyRecord):
        return tree.case_study_index
    return tree.seminar_index


def _page_for(model, parent: Page, record: CaseStudyRecord | SeminarRecord) -> tuple[Page, bool]:
    """The page of this slug under `parent`, or a new one; with the fields every page has."""
    existing = Page.objects.child_of(parent).filter(slug=record.slug).first()
    if existing is not None and existing.specific_class is not model:
        raise InvalidRecord(f"slug {record.slug!r} is already used by another kind of page.")
    is_new = existing is None
    page = model(slug=record.slug) if is_new else existing.specific
    page.title = record.title
    page.summary = record.summary
    return page, is_new


def _find_organisation(name: str, org_id: str) -> Organisation | None:
    """The organisation of this identifier, or else of this name."""
    found = Organisation.objects.filter(org_id=org_id).first() if org_id else None
    return found or Organisation.objects.filter(name=name).first()


def _check_identifier(organisation: Organisation, org_id: str) -> None:
    """An organisation's identifier is filled in by a line that gives one, never changed
    by it: two identifiers for one organisation is a fault in the file."""
    if org_id and organisation.org_id and organisation.org_id != org_id:
        raise InvalidRecord(
            f"organisation {organisation.name!r} has the identifier {organisation.org_id}; "
            f"the line gives {org_id}."
        )
    if org_id and not organisation.org_id:
        organisation.org_id = org_id
        organisation.save(update_fields=["org_id"])


def _organisation(ref: OrganisationRef, terms: Vocabularies) -> Organisation:
    """The organisation of this name, found once per import, or created."""
    organisation = terms.organisation(ref.name)
    if organisation is None:
        organisation = _find_organisation(ref.name, ref.org_id)
        created = organisation is None
        if organisation is None:
            organisation = Organisation.objects.create(
                name=ref.name,
                org_id=ref.org_id,
                organisation_type=terms.get(OrganisationType, ref.type),
                sector=terms.get(Sector, SECTOR_OF_ORGANISATION_TYPE[ref.type]),
            )
        terms.remember(organisation, created=created)
    _check_identifier(organisation, ref.org_id)
    return organisation


def _write_organisation(record: OrganisationRecord, terms: Vocabularies) -> bool:
    """Create or update an organisation, found by its identifier or else its name."""
    organisation = _find_organisation(record.name, record.org_id) or Organisation()
    created = organisation.pk is None
    if record.org_id and organisation.org_id not in ("", record.org_id):
        _check_identifier(organisation, record.org_id)
    organisation.name = record.name
    organisation.org_id = record.org_id or organisation.org_id
    organisation.organisation_type = terms.get(OrganisationType, record.organisation_type)
    organisation.website = record.website
    organisation.sector = terms.get(Sector, record.sector) if record.sector else None
    organisation.region = terms.get(Region, record.region) if record.region else None
    organisation.save()
    terms.remember(organisation, created=created)
    return created


def _save(page: Page, parent: Page, is_new: bool, published: bool) -> bool:
    """Save a revision and publish it, or keep it as a draft. An existing page is not saved
    directly: publishing writes the revision to it, and a draft must not reach the live page."""
    if is_new:
        parent.add_child(instance=page)
    revision = page.save_revision(clean=False)
    if published:
        revision.publish()
    elif page.live:
        page.unpublish()
    return is_new


def _write_case_study(record: CaseStudyRecord, tree: SiteTree, terms: Vocabularies) -> bool:
    page, is_new = _page_for(CaseStudyPage, _parent(record, tree), record)
    page.year = record.year
    page.is_illustrative = record.illustrative
    page.evidence_level = record.evidence_level
    page.region = terms.get(Region, record.region) if record.region else None
    page.lead_organisation = (
        _organisation(record.organisation, terms) if record.organisation else None
    )
    page.partner_organisations = [_organisation(p, terms) for p in record.partners]
    page.set_unlisted_partner_names(record.partner_names)
    page.sectors = terms.many(Sector, record.sectors)
    page.themes = terms.many(Theme, record.themes)
    page.outcome_areas = terms.many(OutcomeArea, record.outcome_areas)
    page.stages = terms.many(Stage, record.stages)
    page.set_content(record.body, record.outcomes, record.lessons)
    page.set_sources(record.sources)
    page.set_notices(record.notices)
    page.tags.set(record.tags)
    page.contributor = _contributor(record.contributor)
    page.is_contribution = record.contributed or page.contributor is not None
    page.licence = record.licence
    return _save(page, tree.case_study_index, is_new, record.published)


def _contributor(slug: str | None):
    """The member profile of this slug (members are not this app's: reached through the
    page's relation, not imported)."""
    if slug is None:
        return None
    profiles = CaseStudyPage._meta.get_field("contributor").related_model.objects
    profile = profiles.filter(slug=slug).first()
    if profile is None:
        raise InvalidRecord(
            f"contributor {slug!r} is not a member of this site (no profile has that "
            'address). Add the member first, or set contributor to null and "contributed" '
            'to true to credit "a former member".'
        )
    return profile


def _write_seminar(record: SeminarRecord, tree: SiteTree, terms: Vocabularies) -> bool:
    page, is_new = _page_for(SeminarPage, _parent(record, tree), record)
    page.date = record.date
    page.location = record.location
    page.series = record.series
    page.body = [("markdown", record.body)] if record.body else []
    # Member profiles are not part of the format: keep each speaker's link by name.
    members = {} if is_new else {s.name: s.member_id for s in page.speakers.all()}
    page.speakers = [
        SeminarSpeaker(sort_order=position, member_id=members.get(speaker["name"]), **speaker)
        for position, speaker in enumerate(record.speakers)
    ]
    # A lesson given without a slug keeps the one it has (found by title), so
    # re-importing the old shape of the format does not move its link.
    slugs = {} if is_new else {lesson.title: lesson.slug for lesson in page.lessons.all()}
    lessons = [
        SeminarLesson(
            sort_order=position,
            title=lesson["title"],
            slug=lesson["slug"] or slugs.get(lesson["title"], ""),
            body=lesson["body"],
            themes=terms.many(Theme, lesson["themes"]),
            stages=terms.many(Stage, lesson["stages"]),
        )
        for position, lesson in enumerate(record.lessons)
    ]
    fill_lesson_slugs(lessons)
    page.lessons = lessons
    return _save(page, tree.seminar_index, is_new, record.published)
