"""The kinds of document made from this app's pages: case studies, seminars and seminar
lessons, with the facets they carry. Found by the search app when Django starts.

`prepare` loads what `documents` reads for a whole batch of pages in a few queries (see
`search/loading.py`) and returns it; `documents` builds each page's documents from it."""

from dataclasses import dataclass, field
from functools import partial

from casestudies import evidence
from casestudies.models import (
    CaseStudyPage,
    CaseStudyTag,
    ContractNotice,
    SeminarLesson,
    SeminarPage,
    SeminarSpeaker,
)
from search import synonyms
from search.facets import YEAR_FACET, Facet
from search.kinds import Document, PageKind, register
from search.loading import SiteRootPaths, linked, linked_terms, terms_by_pk
from search.text import LINE, lead, markdown_text, stream_text
from taxonomy import glossary, terms
from taxonomy.models import (
    Organisation,
    OrganisationType,
    OutcomeArea,
    Region,
    Sector,
    Stage,
    Theme,
)

LESSON_SUMMARY_LENGTH = 240
# Facet -> the many-to-many relation of a case study holding its terms.
TERM_RELATIONS = {
    "sector": "sectors",
    "theme": "themes",
    "outcome_area": "outcome_areas",
    "stage": "stages",
}


def _facet(name: str, label: str) -> Facet:
    return Facet(name, label, partial(terms.names, name))


# The field's glossary and the editors' synonym sets, applied to every search.
synonyms.register(glossary.synonym_groups)
synonyms.register_definitions(glossary.definitions_for)

FACETS = (
    _facet("sector", "Sector"),
    _facet("theme", "Theme"),
    _facet("outcome_area", "Outcome area"),
    _facet("stage", "Commissioning stage"),
    _facet("region", "Region"),
    _facet("organisation_type", "Organisation type"),
    YEAR_FACET,
)
# How strong a case study's evidence is (`evidence.py`), strongest first; every listing
# of a case study shows it.
EVIDENCE_FACET = Facet(
    "evidence",
    evidence.HEADING,
    lambda: {level.slug: level.label for level in evidence.LEVELS},
    badge=True,
    sort_label="Strongest evidence first",
)


def outcome_lines(value: dict) -> list[str]:
    """An outcome block as the page shows it: what was measured, before and after on one
    line (so figures never run into the next cell), then where the figures come from."""
    figures = [
        f"{label} {value[key]}"
        for label, key in (("before", "before"), ("after", "after"))
        if value.get(key)
    ]
    measure = value.get("measure", "")
    line = f"{measure}: {'; '.join(figures)}." if figures else measure
    kind = evidence.OUTCOME_EVIDENCE_TYPES.get(value.get("evidence_type") or "")
    source = "; ".join(part for part in (kind, value.get("evidence")) if part)
    return [line, f"Evidence: {source}"] if source else [line]


# How a body's blocks read as text, where their fields belong together.
BODY_FORMATS = {"outcome": outcome_lines}


def _page_urls(pages) -> dict[int, str]:
    paths = SiteRootPaths()
    return {page.pk: page.get_url(request=paths) or "" for page in pages}


@dataclass
class CaseStudyBatch:
    """What the documents of one batch of case studies read, by page."""

    urls: dict[int, str]
    organisations: dict[int, list] = field(default_factory=dict)
    terms: dict[int, dict[str, list]] = field(default_factory=dict)
    tags: dict[int, list[str]] = field(default_factory=dict)
    ocids: dict[int, list[str]] = field(default_factory=dict)


@register
class CaseStudyDocument(PageKind):
    kind = "case_study"
    label = "Case study"
    model = CaseStudyPage
    offers_related = True
    facets = (*FACETS, EVIDENCE_FACET)
    depends_on = {
        Sector: "sectors",
        Theme: "themes",
        OutcomeArea: "outcome_areas",
        Stage: "stages",
        Region: "region",
        Organisation: ("lead_organisation", "partner_organisations"),
        OrganisationType: (
            "lead_organisation__organisation_type",
            "partner_organisations__organisation_type",
        ),
    }

    def prepare(self, pages) -> CaseStudyBatch:
        pks = [page.pk for page in pages]
        batch = CaseStudyBatch(_page_urls(pages))
        linked_by_facet = {
            f: linked_terms(CaseStudyPage, r, pks) for f, r in TERM_RELATIONS.items()
        }
        partners = linked(CaseStudyPage, "partner_organisations", pks)
        wanted = {page.lead_organisation_id for page in pages}
        wanted.update(pk for targets in partners.values() for pk in targets)
        organisations = Organisation.objects.in_bulk([pk for pk in wanted if pk])
        types, regions = terms_by_pk(OrganisationType), terms_by_pk(Region)
        for pk, name in CaseStudyTag.objects.filter(content_object_id__in=pks).values_list(
            "content_object_id", "tag__name"
        ):
            batch.tags.setdefault(pk, []).append(name)
        notices = ContractNotice.objects.filter(page_id__in=pks).exclude(ocid="")
        for pk, ocid in notices.order_by("sort_order").values_list("page_id", "ocid"):
            batch.ocids.setdefault(pk, []).append(ocid)
        for page in pages:
            led = [page.lead_organisation_id, *partners.get(page.pk, [])]
            chosen = [organisations[pk] for pk in led if pk in organisations]
            batch.organisations[page.pk] = chosen
            page_terms = {
                facet: linked_by_facet[facet].get(page.pk, []) for facet in TERM_RELATIONS
            }
            page_terms["region"] = [regions[page.region_id]] if page.region_id else []
            page_terms["organisation_type"] = [
                types[organisation.organisation_type_id] for organisation in chosen
            ]
            batch.terms[page.pk] = page_terms
        return batch

    def documents(self, page, prepared: CaseStudyBatch):
        document = Document(
            kind=self.kind,
            key=page.pk,
            title=page.title,
            url=prepared.urls[page.pk],
            slug=page.slug,
            summary=page.summary,
            body=stream_text(page.body, BODY_FORMATS),
            organisations=[
                *(organisation.name for organisation in prepared.organisations[page.pk]),
                *page.unlisted_organisation_names(),
            ],
            tags=sorted(prepared.tags.get(page.pk, [])),
            identifiers=[
                *(o.org_id for o in prepared.organisations[page.pk] if o.org_id),
                *prepared.ocids.get(page.pk, []),
            ],
            year=page.year,
            published_at=page.first_published_at,
            illustrative=page.is_illustrative,
        )
        for facet, page_terms in prepared.terms[page.pk].items():
            document.add_terms(facet, page_terms)
        document.facets[EVIDENCE_FACET.name] = [page.level_of_evidence.slug]
        yield document


@dataclass
class SeminarBatch:
    """What the documents of one batch of seminars read, by page."""

    urls: dict[int, str]
    lessons: dict[int, list] = field(default_factory=dict)
    people: dict[int, list[str]] = field(default_factory=dict)
    organisations: dict[int, list[str]] = field(default_factory=dict)
    themes: dict[int, list] = field(default_factory=dict)  # by lesson
    stages: dict[int, list] = field(default_factory=dict)  # by lesson


class SeminarPageKind(PageKind):
    """Seminar pages make two kinds of document: the seminar, and one per lesson."""

    model = SeminarPage
    facets = FACETS
    depends_on = {Theme: "lessons__themes", Stage: "lessons__stages"}

    def prepare(self, pages) -> SeminarBatch:
        pks = [page.pk for page in pages]
        batch = SeminarBatch(_page_urls(pages))
        lessons = list(SeminarLesson.objects.filter(page_id__in=pks).order_by("sort_order", "pk"))
        lesson_pks = [lesson.pk for lesson in lessons]
        batch.themes = linked_terms(SeminarLesson, "themes", lesson_pks)
        batch.stages = linked_terms(SeminarLesson, "stages", lesson_pks)
        speakers = SeminarSpeaker.objects.filter(page_id__in=pks).order_by("sort_order", "pk")
        for pk in pks:
            batch.lessons[pk], batch.people[pk], batch.organisations[pk] = [], [], []
        for lesson in lessons:
            batch.lessons[lesson.page_id].append(lesson)
        for speaker in speakers:
            batch.people[speaker.page_id].append(speaker.name)
            organisations = batch.organisations[speaker.page_id]
            if speaker.organisation and speaker.organisation not in organisations:
                organisations.append(speaker.organisation)
        return batch

    @staticmethod
    def add_lesson_terms(document: Document, lesson, prepared: SeminarBatch) -> None:
        document.add_terms("theme", prepared.themes.get(lesson.pk, []))
        document.add_terms("stage", prepared.stages.get(lesson.pk, []))


# Lessons register before seminars: the "Type" facet lists its values in this order.
@register
class LessonDocument(SeminarPageKind):
    """One document per lesson, found at its anchor on the seminar page."""

    kind = "lesson"
    label = "Lesson"

    def count(self) -> int:
        return SeminarLesson.objects.filter(page__in=self.published()).count()

    def documents(self, page, prepared: SeminarBatch):
        url = prepared.urls[page.pk]
        for lesson in prepared.lessons[page.pk]:
            text = markdown_text(lesson.body)
            document = Document(
                kind=self.kind,
                key=lesson.pk,
                title=lesson.title,
                url=f"{url}#{lesson.anchor}",
                slug=f"{page.slug}#{lesson.anchor}",
                summary=lead(text, LESSON_SUMMARY_LENGTH),
                body=text,
                organisations=prepared.organisations[page.pk],
                people=prepared.people[page.pk],
                topics=[page.title],
                year=page.date.year,
                published_at=page.first_published_at,
            )
            self.add_lesson_terms(document, lesson, prepared)
            yield document


@register
class SeminarDocument(SeminarPageKind):
    kind = "seminar"
    label = "Seminar"

    def documents(self, page, prepared: SeminarBatch):
        lessons = prepared.lessons[page.pk]
        document = Document(
            kind=self.kind,
            key=page.pk,
            title=page.title,
            url=prepared.urls[page.pk],
            slug=page.slug,
            summary=page.summary,
            body=LINE.join(
                [stream_text(page.body, BODY_FORMATS), *(lesson.title for lesson in lessons)]
            ),
            organisations=prepared.organisations[page.pk],
            people=prepared.people[page.pk],
            year=page.date.year,
            published_at=page.first_published_at,
        )
        for lesson in lessons:
            self.add_lesson_terms(document, lesson, prepared)
        yield document
