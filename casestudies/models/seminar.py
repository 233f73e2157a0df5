"""Seminar write-ups, their speakers and their lessons."""

from django import forms
from django.db import models

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from casestudies.blocks import BodyBlock
from casestudies.markdown import render_markdown
from taxonomy.models import Stage, Theme

from .base import BasePage, linked_members, prefetch_for_page


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
        InlinePanel("speakers", label="Speakers"),
        FieldPanel("body"),
        InlinePanel("lessons", label="Lessons"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    def get_context(self, request, *args, **kwargs):
        prefetch_for_page(self, linked_members("speakers"), "lessons__themes", "lessons__stages")
        return super().get_context(request, *args, **kwargs)

    class Meta:
        verbose_name = "seminar"


class SeminarSpeaker(Orderable):
    page = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(max_length=255)
    role = models.CharField(max_length=255, blank=True)
    organisation = models.CharField(max_length=255, blank=True)
    member = models.ForeignKey(
        "members.Profile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seminar_talks",
        help_text="The speaker's member profile, if they have one.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("member"),
    ]

    def __str__(self) -> str:
        return self.name


class SeminarLesson(Orderable, ClusterableModel):
    """A lesson of a seminar, addressable at `#lesson-N` on the seminar page (N from 1)."""

    page = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(max_length=255)
    body = models.TextField(help_text="Markdown.")
    themes = ParentalManyToManyField(Theme, blank=True, related_name="lessons")
    stages = ParentalManyToManyField(Stage, blank=True, related_name="lessons")

    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("stages", widget=forms.CheckboxSelectMultiple),
    ]

    def __str__(self) -> str:
        return self.title

    @property
    def number(self) -> int:
        """The lesson's position on its page, counted from 1."""
        return (self.sort_order or 0) + 1

    @property
    def anchor(self) -> str:
        return f"lesson-{self.number}"

    def body_html(self):
        return render_markdown(self.body)
