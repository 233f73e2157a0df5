"""The case studies and seminar lessons a question or an answer cites, and the questions
a page is cited by.

A member pastes the addresses of pages on this site, one a line. Only a page everyone may
read can be cited (published, under no view restriction): a citation is shown to every
reader of the post, so a draft's or a private page's title must not reach them through
it. A seminar's address may end in a lesson's link (`#lesson-<slug>`, or the older
`#lesson-<number>`), which cites that lesson.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from wagtail.models import Page, Site

from base.clean_text import prose
from base.site_address import absolute, site_url
from casestudies.models import CaseStudyPage, SeminarPage
from members.visibility import visible_levels

from .models import Answer, Citation, Question, Status

MAX_CITATIONS = 10
LESSON_PREFIX = "lesson-"
SHOWN_ON_PAGE = 10


@dataclass(frozen=True)
class Cited:
    """A page to cite, and the lesson of it ("" for the whole page)."""

    page: Page
    lesson_slug: str = ""


@dataclass(frozen=True)
class Link:
    title: str
    url: str


class CitationsField(forms.CharField):
    """Addresses of case studies and lessons on this site, one a line, cleaned to a list
    of `Cited` (each page or lesson once); every address that is not one is an error."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 4000)
        super().__init__(**kwargs)

    def clean(self, value) -> list[Cited]:
        text = prose(super().clean(value) or "")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > MAX_CITATIONS:
            raise ValidationError(f"Cite up to {MAX_CITATIONS} case studies or lessons.")
        errors, found = [], []
        for line in lines:
            try:
                cited = resolve(line)
            except ValidationError as error:
                errors.extend(error.messages)
                continue
            if cited not in found:
                found.append(cited)
        if errors:
            raise ValidationError(errors)
        return found


def resolve(address: str) -> Cited:
    """The published, public case study or seminar (lesson) at this address on the site."""
    parts = urlsplit(address)
    if parts.netloc or parts.scheme:
        site = urlsplit(site_url())
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != site.netloc.lower():
            raise ValidationError(
                f"{address} is not an address on this site. You can cite case studies and "
                "lessons published here only."
            )
    page = _public_page(parts.path)
    if page is None:
        raise ValidationError(
            f"{address} is not a published case study or seminar that everyone can read. "
            "Copy the address of one from this site."
        )
    if isinstance(page, SeminarPage) and parts.fragment:
        return Cited(page, _lesson_slug(page, parts.fragment, address))
    return Cited(page)


def _public_page(path: str) -> Page | None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not path.startswith("/"):
        return None
    url_path = site.root_page.url_path + path.lstrip("/")
    if not url_path.endswith("/"):
        url_path += "/"
    page = (
        Page.objects.live().public().type(CaseStudyPage, SeminarPage).filter(url_path=url_path)
    ).first()
    return page.specific if page is not None else None


def _lesson_slug(seminar: SeminarPage, fragment: str, address: str) -> str:
    wanted = fragment.removeprefix(LESSON_PREFIX)
    for lesson in seminar.lessons.all():
        if wanted in (lesson.slug, str(lesson.number)):
            return lesson.slug
    raise ValidationError(
        f"The seminar “{seminar.title}” has no lesson at #{fragment} ({address}). Use its "
        "“Link to this lesson”."
    )


def cite(question: Question, answer: Answer | None, cited: list[Cited]) -> None:
    """Make `cited` what the post cites now (the question's own when `answer` is None)."""
    Citation.objects.filter(question=question, answer=answer).delete()
    Citation.objects.bulk_create(
        Citation(question=question, answer=answer, page=c.page, lesson_slug=c.lesson_slug)
        for c in cited
    )


def links(question: Question) -> dict[int | None, list[Link]]:
    """The links each post of the thread cites, by answer id (None: the question's own),
    to pages that are still published and public."""
    public = Page.objects.live().public().values("pk")
    citations = (
        Citation.objects.filter(question=question, page__in=public)
        .select_related("page")
        .order_by("pk")
    )
    pages = {p.pk: p for p in Page.objects.filter(pk__in={c.page_id for c in citations}).specific()}
    found: dict[int | None, list[Link]] = {}
    for citation in citations:
        found.setdefault(citation.answer_id, []).append(_link(pages[citation.page_id], citation))
    return found


def _link(page, citation: Citation) -> Link:
    lesson = None
    if citation.lesson_slug and isinstance(page, SeminarPage):
        lesson = next((les for les in page.lessons.all() if les.slug == citation.lesson_slug), None)
    if lesson is None:
        return Link(page.title, page.url)
    return Link(f"{lesson.title} (a lesson of {page.title})", f"{page.url}#{lesson.anchor}")


def addresses(question: Question, answer: Answer | None) -> str:
    """What a post cites, as the lines its edit form starts with."""
    key = answer.pk if answer is not None else None
    return "\n".join(absolute(link.url) for link in links(question).get(key, []))


def questions_citing(page: Page, user) -> list[Question]:
    """Live questions this viewer may read whose question or a live answer cites `page`.
    An anonymous viewer gets public questions only, so the page's shared copy in the page
    cache holds nothing members-only."""
    cites_here = Q(citations__page=page) & (
        Q(citations__answer__isnull=True)
        | Q(
            citations__answer__status=Status.LIVE,
            citations__answer__author__suspended_at__isnull=True,
        )
    )
    return list(
        Question.objects.live()
        .filter(cites_here, audience__in=visible_levels(user))
        .distinct()
        .order_by("-created_at", "-pk")[:SHOWN_ON_PAGE]
    )
