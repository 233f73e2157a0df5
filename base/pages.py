"""The base page every content page builds on, the home page included: a summary for
listings and search, one-line titles, and anonymous visitors served from the page cache."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from base import pagecache
from base.clean_text import one_line


class BasePage(Page):
    """Fields every content page has: a short summary for listings and search."""

    summary = models.TextField(blank=True, help_text="One or two sentences for listings.")

    # Page's own fields, declared for the type checker (Wagtail has no type information).
    title: str
    draft_title: str

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    def full_clean(self, *args, **kwargs):
        """Titles are one line (see `base.clean_text`), however the page was written: the
        admin, a member's contribution or an import."""
        self.title = one_line(self.title or "").strip()
        if self.draft_title:
            self.draft_title = one_line(self.draft_title).strip()
        super().full_clean(*args, **kwargs)

    def get_admin_display_title(self):
        """One line even for a title stored before titles were cleaned: Wagtail's
        moderation emails put it in their subject, where a line break stops the email."""
        return one_line(super().get_admin_display_title())

    def serve(self, request, *args, **kwargs):
        """Anonymous visitors share one cached copy of the page (`pagecache`)."""
        return pagecache.serve(
            self, request, lambda: super(BasePage, self).serve(request, *args, **kwargs)
        )

    class Meta:
        abstract = True
