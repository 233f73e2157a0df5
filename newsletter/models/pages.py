"""The editors' newsletter as Wagtail pages: a `NewsletterArchivePage` (the web archive
of past issues) holding `NewsletterIssuePage`s. Editors get Wagtail's editing, preview
and revisions; an issue is sent from its "Send" action (`issue_views.py`), which
publishes it, and only sent issues are shown on the site."""

from django.db import models
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string

from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import StreamField

from base.markdown import render_markdown
from base.pages import BasePage

from ..blocks import IssueBodyBlock
from .issue_form import IssueForm
from .sends import Send


class NewsletterArchivePage(BasePage):
    template = "pages/newsletter_archive_page.html"
    parent_page_types = ["casestudies.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count = 1

    class Meta:
        verbose_name = "newsletter archive"

    def issues(self):
        """Sent issues, newest first: a draft, or an issue published but never sent, is
        not part of the archive."""
        return (
            NewsletterIssuePage.objects.child_of(self)
            .live()
            .public()
            .filter(send__isnull=False)
            .order_by("-send__started_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = self.issues().select_related("send")
        return context


class NewsletterIssuePage(BasePage):
    template = "pages/newsletter_issue_page.html"
    parent_page_types = ["newsletter.NewsletterArchivePage"]
    subpage_types = []

    intro = models.TextField(blank=True, help_text="Markdown: the opening words of the issue.")
    body = StreamField(IssueBodyBlock(), blank=True, verbose_name="contents")
    # The topics (saved searches) whose confirmed subscribers receive the issue; empty
    # sends it to every confirmed subscriber.
    audience = models.JSONField(default=list, blank=True)

    base_form_class = IssueForm
    preview_modes = [("", "Web page"), ("email", "Email")]

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("audience", heading="Send to"),
        HelpPanel(
            "Save a draft, preview it, then use “Send test to me” and “Send to "
            "subscribers” in the menu beside “Save draft”. Sending publishes the issue "
            "in the archive; each person receives it once.",
            heading="Sending",
        ),
    ]

    class Meta:
        verbose_name = "newsletter issue"
        # Sending emails every subscriber: a permission of its own, given only to the
        # "Newsletter senders" group, not implied by editing or publishing pages.
        permissions = [("send_issue", "Can send a newsletter issue to subscribers")]

    @property
    def sent(self):
        return Send.objects.filter(issue=self).first()

    def serve(self, request, *args, **kwargs):
        if not getattr(request, "is_preview", False) and self.sent is None:
            raise Http404("This issue has not been sent.")
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.sent else []

    def serve_preview(self, request, mode_name):
        if mode_name == "email":
            return HttpResponse(render_to_string("newsletter/issue_as_email.html", {"page": self}))
        return super().serve_preview(request, mode_name)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["intro_html"] = render_markdown(self.intro) if self.intro else ""
        return context
