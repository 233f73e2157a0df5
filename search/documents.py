"""The kinds of document made from pages: case studies, seminars and seminar lessons."""

from casestudies.models import (
    CaseStudyPage,
    Organisation,
    OrganisationType,
    OutcomeArea,
    Region,
    Sector,
    SeminarLesson,
    SeminarPage,
    Stage,
    Theme,
)

from .kinds import Document, PageKind, register
from .text import markdown_text, stream_text, truncate

LESSON_SUMMARY_LENGTH = 240


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

    def published(self):
        return (
            super()
            .published()
            .select_related("region", "lead_organisation__organisation_type")
            .prefetch_related(
                "sectors",
                "themes",
                "outcome_areas",
                "stages",
                "partner_organisations__organisation_type",
                "tagged_items__tag",
            )
        )

    def documents(self, page):
        organisations = [page.lead_organisation, *page.partner_organisations.all()]
        organisations = [organisation for organisation in organisations if organisation]
        document = Document(
            kind=self.kind,
            key=page.pk,
            title=page.title,
            url=self.url(page),
            slug=page.slug,
            summary=page.summary,
            body=stream_text(page.body),
            organisations=[organisation.name for organisation in organisations],
            tags=[item.tag.name for item in page.tagged_items.all()],
            year=page.year,
            published_at=page.first_published_at,
        )
        document.add_terms("sector", page.sectors.all())
        document.add_terms("theme", page.themes.all())
        document.add_terms("outcome_area", page.outcome_areas.all())
        document.add_terms("stage", page.stages.all())
        document.add_terms("region", [page.region] if page.region else [])
        document.add_terms("organisation_type", [o.organisation_type for o in organisations])
        yield document


class SeminarPageKind(PageKind):
    model = SeminarPage
    depends_on = {Theme: "lessons__themes", Stage: "lessons__stages"}

    def published(self):
        return (
            super().published().prefetch_related("speakers", "lessons__themes", "lessons__stages")
        )

    @staticmethod
    def speakers(page) -> tuple[list[str], list[str]]:
        speakers = list(page.speakers.all())
        organisations = [s.organisation for s in speakers if s.organisation]
        return [speaker.name for speaker in speakers], list(dict.fromkeys(organisations))


@register
class SeminarDocument(SeminarPageKind):
    kind = "seminar"

    def documents(self, page):
        people, organisations = self.speakers(page)
        lessons = list(page.lessons.all())
        document = Document(
            kind=self.kind,
            key=page.pk,
            title=page.title,
            url=self.url(page),
            slug=page.slug,
            summary=page.summary,
            body=" ".join([stream_text(page.body), *(lesson.title for lesson in lessons)]),
            organisations=organisations,
            people=people,
            year=page.date.year,
            published_at=page.first_published_at,
        )
        for lesson in lessons:
            document.add_terms("theme", lesson.themes.all())
            document.add_terms("stage", lesson.stages.all())
        yield document


@register
class LessonDocument(SeminarPageKind):
    """One document per lesson, found at its anchor on the seminar page."""

    kind = "lesson"

    def count(self) -> int:
        return SeminarLesson.objects.filter(page__in=self.published()).count()

    def documents(self, page):
        people, organisations = self.speakers(page)
        url = self.url(page)
        for lesson in page.lessons.all():
            text = markdown_text(lesson.body)
            document = Document(
                kind=self.kind,
                key=lesson.pk,
                title=lesson.title,
                url=f"{url}#{lesson.anchor}",
                slug=f"{page.slug}#{lesson.anchor}",
                summary=truncate(text, LESSON_SUMMARY_LENGTH),
                body=text,
                organisations=organisations,
                people=people,
                topics=[page.title],
                year=page.date.year,
                published_at=page.first_published_at,
            )
            document.add_terms("theme", lesson.themes.all())
            document.add_terms("stage", lesson.stages.all())
            yield document
