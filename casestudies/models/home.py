"""The home page: the site's root, featuring case studies and what is new."""

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from base.pages import BasePage

from .case_study import CaseStudyIndexPage, CaseStudyPage
from .seminar import SeminarIndexPage
from .whats_new import whats_new


class HomePage(BasePage):
    template = "pages/home_page.html"
    introduction = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        InlinePanel("featured_case_studies", label="Featured case studies", max_num=6),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for the chosen pages, in the editor's order; drafts and private pages
        # drop out.
        # The cards show each one's lead organisation and region: read with the pages.
        chosen = [item.page_id for item in self.featured_case_studies.all()]
        candidates = (
            CaseStudyPage.objects.live().public().select_related("lead_organisation", "region")
        )
        pages = candidates.in_bulk(chosen)
        featured = [pages[pk] for pk in chosen if pk in pages]
        if not featured:
            featured = list(candidates.order_by("-first_published_at")[:3])
        context["featured_case_studies"] = featured
        context["whats_new"] = whats_new(request)
        context["case_study_index"] = _first_live(CaseStudyIndexPage)
        context["seminar_index"] = _first_live(SeminarIndexPage)
        return context


class FeaturedCaseStudy(Orderable):
    home_page = ParentalKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_case_studies"
    )
    page = models.ForeignKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]


def _first_live(model):
    return model.objects.live().public().order_by("path").first()
