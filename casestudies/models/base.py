"""The base page every content page builds on, the home page included."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """Fields every content page has: a short summary for listings and search."""

    summary = models.TextField(blank=True, help_text="One or two sentences for listings.")

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        abstract = True
