"""What is new on the site, for the home page: the latest case studies, seminars and
lessons by the date they were published here, so the newest work shows whatever kind it is
(a seminar held in 2013 but written up last week is new). Live, public pages only.

It sits with the models because the home page (`home.py`) reads it for its context."""

from dataclasses import dataclass
from datetime import datetime

from .case_study import CaseStudyPage
from .seminar import SeminarLesson, SeminarPage

PER_KIND = 3


@dataclass(frozen=True)
class NewItem:
    title: str
    url: str
    published: datetime
    summary: str = ""
    context: str = ""  # for a lesson, the seminar it comes from


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    items: list[NewItem]


def whats_new(request=None, per_kind: int = PER_KIND) -> list[Section]:
    """One section per kind, newest first; a kind with nothing published is left out."""
    case_studies = CaseStudyPage.objects.live().public().order_by("-first_published_at", "-pk")
    seminars = SeminarPage.objects.live().public().order_by("-first_published_at", "-pk")
    lessons = (
        SeminarLesson.objects.filter(page__in=seminars.values("pk"))
        .select_related("page")
        .order_by("-page__first_published_at", "-page_id", "sort_order")
    )
    sections = [
        Section(
            "case-studies", "New case studies", [_page(p, request) for p in case_studies[:per_kind]]
        ),
        Section(
            "seminars", "New seminar write-ups", [_page(p, request) for p in seminars[:per_kind]]
        ),
        Section(
            "lessons", "New lessons", [_lesson(lesson, request) for lesson in lessons[:per_kind]]
        ),
    ]
    return [section for section in sections if section.items]


def _page(page, request) -> NewItem:
    return NewItem(page.title, page.get_url(request), page.first_published_at, page.summary)


def _lesson(lesson, request) -> NewItem:
    seminar = lesson.page
    return NewItem(
        lesson.title,
        f"{seminar.get_url(request)}#{lesson.anchor}",
        seminar.first_published_at,
        context=seminar.title,
    )
