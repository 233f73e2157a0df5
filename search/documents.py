"""The kinds of document made from pages: case studies, seminars and seminar lessons.

`prepare` loads what `documents` reads for a whole batch of pages (see `loading.py`)."""

from casestudies.models import (
    CaseStudyPage,
    CaseStudyTag,
    Organisation,
    OrganisationType,
    OutcomeArea,
    Region,
    Sector,
    SeminarLesson,
    SeminarPage,
    SeminarSpeaker,
    Stage,
    Theme,
)

from .kinds import Document, PageKind, register
from .loading import SiteRootPaths, linked, linked_terms, terms_by_pk
from .text import markdown_text, stream_text, truncate

LESSON_SUMMARY_LENGTH = 240
# Facet -> the many-to-many relation of a case study holding its terms.
TERM_RELATIONS = {
    "sector": "sectors",
    "theme": "themes",
    "outcome_area": "outcome_areas",
    "stage": "stages",
}


def _page_urls(pages) -> None:
    paths = SiteRootPaths()
    for page in pages:
        page.search_url = page.get_url(request=paths) or ""


@register
class CaseStudyDocument(PageKind):
    kind = "case_study"
    model = CaseStudyPage
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

    def prepare(self, pages):
        pks = [page.pk for page in pages]
        _page_urls(pages)
        terms = {f: linked_terms(CaseStudyPage, r, pks) for f, r in TERM_RELATIONS.items()}
        partners = linked(CaseStudyPage, "partner_organisations", pks)
        wanted = {page.lead_organisation_id for page in pages}
        wanted.update(pk for targets in partners.values() for pk in targets)
        organisations = Organisation.objects.in_bulk([pk for pk in wanted if pk])
        types, regions = terms_by_pk(OrganisationType), terms_by_pk(Region)
        tags = {}
        for pk, name in CaseStudyTag.objects.filter(content_object_id__in=pks).values_list(
            "content_object_id", "tag__name"
        ):
            tags.setdefault(pk, []).append(name)
        for page in pages:
            led = [page.lead_organisation_id, *partners.get(page.pk, [])]
            page.search_organisations = [organisations[pk] for pk in led if pk in organisations]
            page.search_terms = {facet: terms[facet].get(page.pk, []) for facet in terms}
            page.search_terms["region"] = [regions[page.region_id]] if page.region_id else []
            page.search_terms["organisation_type"] = [
                types[organisation.organisation_type_id]
                for organisation in page.search_organisations
            ]
            page.search_tags = sorted(tags.get(page.pk, []))

    def documents(self, page):
        document = Document(
            kind=self.kind,
            key=page.pk,
            title=page.title,
            url=page.search_url,
            slug=page.slug,
            summary=page.summary,
            body=stream_text(page.body),
            organisations=[organisation.name for organisation in page.search_organisations],
            tags=page.search_tags,
            year=page.year,
            published_at=page.first_published_at,
        )
        for facet, terms in page.search_terms.items():
            document.add_terms(facet, terms)
        yield document


class SeminarPageKind(PageKind):
    model = SeminarPage
    depends_on = {Theme: "lessons__themes", Stage: "lessons__stages"}

    def prepare(self, pages):
        pks = [page.pk for page in pages]
        _page_urls(pages)
        lessons = list(SeminarLesson.objects.filter(page_id__in=pks).order_by("sort_order", "pk"))
        lesson_pks = [lesson.pk for lesson in lessons]
        themes = linked_terms(SeminarLesson, "themes", lesson_pks)
        stages = linked_terms(SeminarLesson, "stages", lesson_pks)
        speakers = SeminarSpeaker.objects.filter(page_id__in=pks).order_by("sort_order", "pk")
        for page in pages:
            page.search_lessons, page.search_people, page.search_organisations = [], [], []
        by_pk = {page.pk: page for page in pages}
        for lesson in lessons:
            lesson.search_themes = themes.get(lesson.pk, [])
            lesson.search_stages = stages.get(lesson.pk, [])
            by_pk[lesson.page_id].search_lessons.append(lesson)
        for speaker in speakers:
            page = by_pk[speaker.page_id]
            page.search_people.append(speaker.name)
            if speaker.organisation and speaker.organisation not in page.search_organisations:
                page.search_organisations.append(speaker.organisation)


@register
class SeminarDocument(SeminarPageKind):
    kind = "seminar"

    def documents(self, page):
        lessons = page.search_lessons
        document = Document(
            kind=self.kind,
            key=page.pk,
            title=page.title,
            url=page.search_url,
            slug=page.slug,
            summary=page.summary,
            body=" ".join([stream_text(page.body), *(lesson.title for lesson in lessons)]),
            organisations=page.search_organisations,
            people=page.search_people,
            year=page.date.year,
            published_at=page.first_published_at,
        )
        for lesson in lessons:
            document.add_terms("theme", lesson.search_themes)
            document.add_terms("stage", lesson.search_stages)
        yield document


@register
class LessonDocument(SeminarPageKind):
    """One document per lesson, found at its anchor on the seminar page."""

    kind = "lesson"

    def count(self) -> int:
        return SeminarLesson.objects.filter(page__in=self.published()).count()

    def documents(self, page):
        for lesson in page.search_lessons:
            text = markdown_text(lesson.body)
            document = Document(
                kind=self.kind,
                key=lesson.pk,
                title=lesson.title,
                url=f"{page.search_url}#{lesson.anchor}",
                slug=f"{page.slug}#{lesson.anchor}",
                summary=truncate(text, LESSON_SUMMARY_LENGTH),
                body=text,
                organisations=page.search_organisations,
                people=page.search_people,
                topics=[page.title],
                year=page.date.year,
                published_at=page.first_published_at,
            )
            document.add_terms("theme", lesson.search_themes)
            document.add_terms("stage", lesson.search_stages)
            yield document
