"""Seminar write-ups, their speakers and their lessons.

A lesson's link is `#lesson-<slug>`. The slug is made from the title when the lesson is
first saved and stays when the lesson is renamed or moved, so shared links, search
results and the index keep pointing at it; only an editor changing it breaks a link.
Links from before lessons had slugs used the lesson's position (`#lesson-3`); the page
still answers those (`legacy_anchor`).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.forms import BaseChildFormSet
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from base.markdown import render_markdown
from base.pages import BasePage
from casestudies.admin_panels import TitledInlinePanel, title_input
from casestudies.blocks import BodyBlock
from taxonomy.models import Stage, Theme

from .base import linked_members, prefetch_for_page

LESSON_SLUG_LENGTH = 80
# A slug of digits only would read as an old position link (#lesson-3).
NUMBERED = re.compile(r"^\d+$")
SHORT_SLUG = 50


def lesson_slug(title: str, taken: set[str]) -> str:
    """A slug for a lesson of this title, not in `taken` (the seminar's other lessons)."""
    base = slugify(title)
    if len(base) > SHORT_SLUG:  # cut at a word, so the link stays readable
        base = base[: SHORT_SLUG + 1].rsplit("-", 1)[0]
    base = base.strip("-") or "lesson"
    if NUMBERED.match(base):
        base = f"{base}-lesson"
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def fill_lesson_slugs(lessons) -> None:
    """Give every lesson without a slug one from its title, unique among `lessons`
    (in page order); slugs already set are kept."""
    taken = {lesson.slug for lesson in lessons if lesson.slug}
    for lesson in lessons:
        if not lesson.slug:
            lesson.slug = lesson_slug(lesson.title, taken)
            taken.add(lesson.slug)


class SeminarIndexPage(BasePage):
    template = "pages/seminar_index_page.html"
    parent_page_types = ["casestudies.HomePage"]
    subpage_types = ["casestudies.SeminarPage"]
    max_count = 1

    def seminars(self):
        return SeminarPage.objects.child_of(self).live().public().order_by("-date", "pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["seminars"] = self.seminars()
        return context


class LessonFormSet(BaseChildFormSet):
    """The Lessons panel: a lesson left without a slug gets one from its title, and two
    lessons of a seminar cannot share one."""

    def clean(self):
        super().clean()
        kept = [
            form for form in self.forms if form.is_valid() and not self._should_delete_form(form)
        ]
        seen = set()
        for form in kept:
            slug = form.instance.slug
            if slug in seen:
                form.add_error(
                    "slug",
                    f"Another lesson of this seminar already has the link {slug!r}. "
                    "Change one of them.",
                )
            if slug:
                seen.add(slug)
        # Rows with an error above keep it; the others get their missing slugs.
        fill_lesson_slugs([form.instance for form in kept if form.is_valid()])


class SeminarPage(BasePage):
    template = "pages/seminar_page.html"
    parent_page_types = ["casestudies.SeminarIndexPage"]
    subpage_types = []

    date = models.DateField()
    location = models.CharField(max_length=255, blank=True)
    series = models.CharField(max_length=255, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name="write-up")

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("location"), FieldPanel("series")],
            heading="When and where",
        ),
        TitledInlinePanel("speakers", heading="Speakers", label="speaker"),
        FieldPanel("body"),
        TitledInlinePanel(
            "lessons",
            heading="Lessons",
            label="lesson",
            help_text="Each lesson is numbered on the page, has its own link and is found "
            "on its own in search. Drag lessons into the order they were given.",
            formset=LessonFormSet,
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    def get_context(self, request, *args, **kwargs):
        prefetch_for_page(self, linked_members("speakers"), "lessons__themes", "lessons__stages")
        return super().get_context(request, *args, **kwargs)

    def lesson_terms(self) -> dict[str, list]:
        """The themes and stages of its lessons, by facet: the seminar's topic, for the
        people who can help."""
        lessons = self.lessons.all()
        return {
            "theme": [term for lesson in lessons for term in lesson.themes.all()],
            "stage": [term for lesson in lessons for term in lesson.stages.all()],
        }

    class Meta:
        verbose_name = "seminar"


class SeminarSpeaker(Orderable):
    page = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(max_length=255, help_text="As it appears on the page.")
    role = models.CharField(max_length=255, blank=True)
    organisation = models.CharField(max_length=255, blank=True)
    member = models.ForeignKey(
        "members.Profile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seminar_talks",
        verbose_name="member profile",
        help_text="Links the speaker's name to their profile. Only profiles listed in the "
        "directory can be chosen.",
    )

    panels = [
        FieldPanel("name", widget=title_input()),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("member"),
    ]

    def __str__(self) -> str:
        return self.name


class SeminarLesson(Orderable, ClusterableModel):
    """A lesson of a seminar, at `#lesson-<slug>` on the seminar page."""

    page = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=LESSON_SLUG_LENGTH,
        blank=True,
        verbose_name="link",
        help_text="The end of the lesson's web address (#lesson-…). Made from the title "
        "when left empty; it stays when the lesson is renamed, so links people have "
        "shared keep working. Change it only if you mean to.",
    )
    body = models.TextField(verbose_name="text", help_text="Markdown.")
    themes = ParentalManyToManyField(Theme, blank=True, related_name="lessons")
    stages = ParentalManyToManyField(
        Stage, blank=True, related_name="lessons", verbose_name="commissioning stages"
    )

    panels = [
        FieldPanel("title", widget=title_input()),
        FieldPanel("slug"),
        FieldPanel("body"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("stages", widget=forms.CheckboxSelectMultiple),
    ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.slug and NUMBERED.match(self.slug):
            raise ValidationError(
                {"slug": "A link of digits only reads as a lesson's number; add a word."}
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            siblings = SeminarLesson.objects.filter(page_id=self.page_id).exclude(pk=self.pk)
            self.slug = lesson_slug(self.title, set(siblings.values_list("slug", flat=True)))
        super().save(*args, **kwargs)

    @property
    def number(self) -> int:
        """The lesson's position on its page, counted from 1."""
        return (self.sort_order or 0) + 1

    @property
    def anchor(self) -> str:
        return f"lesson-{self.slug}"

    @property
    def legacy_anchor(self) -> str:
        """The position link lessons had before slugs (`lesson-3`), still answered."""
        return f"lesson-{self.number}"

    def body_html(self):
        return render_markdown(self.body)
