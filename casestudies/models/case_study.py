"""Case study pages and the index that lists them."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from base.pages import BasePage
from casestudies import evidence, notices
from casestudies.admin_panels import OrganisationsInput, title_input
from casestudies.blocks import BodyBlock
from search.views import Listing, render_listing
from taxonomy.models import Organisation, OutcomeArea, Region, Sector, Stage, Theme

from .base import linked_members, prefetch_for_page


class CaseStudyIndexPage(BasePage):
    template = "pages/case_study_index_page.html"
    parent_page_types = ["casestudies.HomePage"]
    subpage_types = ["casestudies.CaseStudyPage"]
    max_count = 1

    def serve(self, request, *args, **kwargs):
        """Every published case study, as a faceted listing of the search index: the
        same counts, checkboxes and parameters as the site search."""
        return render_listing(request, CASE_STUDY_LISTING, {"page": self, "self": self})


CASE_STUDY_LISTING = Listing(
    "pages/case_study_index_page.html",
    fixed={"kind": ("case_study",)},
    facets=(
        "evidence",
        "sector",
        "theme",
        "outcome_area",
        "stage",
        "region",
        "organisation_type",
        "year",
    ),
    noindex=False,
)


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CaseStudyPage(BasePage):
    template = "pages/case_study_page.html"
    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []

    lead_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_case_studies",
    )
    # A lead organisation the network does not list yet, as a member named it; an editor
    # can add the organisation and choose it above.
    lead_organisation_name = models.CharField(
        max_length=255,
        blank=True,
        verbose_name="lead organisation, if not listed",
        help_text="The name as the contributor gave it, when the organisation is not in "
        "the list yet. Add the organisation under Taxonomy, then choose it above.",
    )
    partner_organisations = ParentalManyToManyField(
        Organisation, blank=True, related_name="partner_case_studies"
    )
    # Partners the network does not list yet, one name a line, as a member named them.
    partner_organisation_names = models.TextField(
        blank=True,
        verbose_name="partner organisations, if not listed",
        help_text="One name a line, as the contributor gave them, for partners not in the "
        "list yet. Add the organisation under Taxonomy, then choose it above.",
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="case_studies"
    )
    sectors = ParentalManyToManyField(Sector, blank=True, related_name="case_studies")
    themes = ParentalManyToManyField(Theme, blank=True, related_name="case_studies")
    outcome_areas = ParentalManyToManyField(OutcomeArea, blank=True, related_name="case_studies")
    stages = ParentalManyToManyField(Stage, blank=True, related_name="case_studies")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    body = StreamField(BodyBlock(), blank=True)
    tags = ClusterTaggableManager(through=CaseStudyTag, blank=True)
    is_illustrative = models.BooleanField(
        default=False,
        verbose_name="This case study is an invented example",
        help_text="Tick it for an example made up to show how commissioning for social "
        "value can work, not a real account. The page then says so.",
    )
    # A member's contribution: a draft page until an editor approves it through the
    # moderation workflow (contributions/). The row stays when the member
    # deletes their account, and the page then credits "a former member".
    contributor = models.ForeignKey(
        "members.Profile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        help_text="The member who contributed this case study, credited on the page.",
    )
    is_contribution = models.BooleanField(
        default=False,
        editable=False,
        help_text="Written by a member: credited, even after the member leaves.",
    )
    evidence_level = models.CharField(
        max_length=20,
        choices=evidence.CHOICES,
        default=evidence.NOT_ASSESSED.slug,
        help_text="How strong the evidence is that the approach worked, on Nesta's "
        "Standards of Evidence (explained at /evidence/). Leave it not yet assessed "
        "until an editor has weighed it.",
    )
    # What the contributor proposed, and why: an editor reads it before setting the level.
    proposed_evidence_level = models.CharField(max_length=20, choices=evidence.CHOICES, blank=True)
    evidence_level_reason = models.TextField(
        blank=True,
        verbose_name="why this level",
        help_text="The contributor's reason for the level they proposed.",
    )
    licence = models.CharField(
        max_length=20,
        choices=[("", "None stated"), ("CC-BY-4.0", "Creative Commons Attribution 4.0")],
        blank=True,
        help_text="The licence the contributor agreed to publish it under.",
    )

    # The child relation CaseStudySource's ParentalKey gives; modelcluster also takes a
    # list assigned to it (`set_sources`), which the type checker would read as its type.
    sources: Any
    notices: Any

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("lead_organisation"),
                FieldPanel("lead_organisation_name"),
                FieldPanel("partner_organisations", widget=OrganisationsInput),
                FieldPanel("partner_organisation_names", widget=forms.Textarea(attrs={"rows": 3})),
                FieldPanel("region"),
                FieldPanel("year"),
                FieldPanel("is_illustrative"),
            ],
            heading="Who, where and when",
        ),
        MultiFieldPanel(
            [
                FieldPanel("evidence_level"),
                FieldPanel("proposed_evidence_level", read_only=True),
                FieldPanel("evidence_level_reason", read_only=True),
            ],
            heading="Evidence",
        ),
        MultiFieldPanel(
            [FieldPanel("contributor"), FieldPanel("licence")],
            heading="Contribution",
        ),
        MultiFieldPanel(
            [
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("outcome_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("stages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading="Classification",
        ),
        FieldPanel("body"),
        InlinePanel(
            "contacts",
            heading="Contacts",
            label="contact",
            help_text="Members behind this case study, linked from the page.",
        ),
        InlinePanel("sources", heading="Sources", label="source"),
        InlinePanel(
            "notices",
            heading="Contract notices",
            label="contract notice",
            help_text="The procurement notices this case study came from.",
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    @property
    def level_of_evidence(self) -> evidence.Level:
        return evidence.level(self.evidence_level)

    def get_context(self, request, *args, **kwargs):
        prefetch_for_page(self, linked_members("contacts"))
        return super().get_context(request, *args, **kwargs)

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"

    # The import format and members' contributions write a case study's parts the same
    # way, through these, so a page reads the same whoever wrote it.
    def set_content(self, markdown: str, outcomes=(), lessons=()) -> None:
        """The body: the prose in Markdown, then each outcome, then each lesson as a
        heading and its Markdown. A case study's lessons are body text: the one kind of
        lesson with its own panel, numbering and search is a seminar's."""
        self.body = [
            *([("markdown", markdown)] if markdown else []),
            *[("outcome", {key: row.get(key, "") for key in OUTCOME_KEYS}) for row in outcomes],
            *[
                block
                for row in lessons
                for block in (("heading", row["title"]), ("markdown", row["body"]))
                if block[1] or block[0] == "heading"
            ],
        ]

    def _lessons_start(self) -> int:
        """Where the lessons begin in a body that `set_content` wrote: its first heading."""
        kinds = [block.block_type for block in self.body]
        return kinds.index("heading") if "heading" in kinds else len(kinds)

    def prose_markdown(self) -> str:
        """The Markdown before the lessons (what `set_content` took as `markdown`)."""
        blocks = list(self.body)[: self._lessons_start()]
        return "\n\n".join(str(block.value) for block in blocks if block.block_type == "markdown")

    def outcome_values(self) -> list[dict[str, str]]:
        """Each outcome block as {measure, before, after, evidence, evidence_type}."""
        return [
            {key: block.value[key] or "" for key in OUTCOME_KEYS}
            for block in self.body
            if block.block_type == "outcome"
        ]

    def lesson_values(self) -> list[dict[str, str]]:
        """Each lesson that `set_content` wrote as {title, body}, the body in Markdown."""
        lessons = []
        for block in list(self.body)[self._lessons_start() :]:
            if block.block_type == "heading":
                lessons.append({"title": str(block.value), "body": ""})
            elif block.block_type == "markdown":
                lessons[-1]["body"] = str(block.value)
        return lessons

    def unlisted_partner_names(self) -> list[str]:
        """The partners the network does not list yet, one a line of their field."""
        lines = (line.strip() for line in self.partner_organisation_names.splitlines())
        return list(dict.fromkeys(line for line in lines if line))

    def set_unlisted_partner_names(self, names) -> None:
        self.partner_organisation_names = "\n".join(
            dict.fromkeys(n.strip() for n in names if n.strip())
        )

    def unlisted_organisation_names(self) -> list[str]:
        """The names of the lead and partners kept as text, for search beside the linked
        organisations' names."""
        lead = [] if self.lead_organisation_id else [self.lead_organisation_name.strip()]
        return [name for name in lead if name] + self.unlisted_partner_names()

    def set_notices(self, rows) -> None:
        """The contract notices, in order, from {ocid, url} items."""
        self.notices = [
            ContractNotice(ocid=row.get("ocid", ""), url=row.get("url", ""), sort_order=position)
            for position, row in enumerate(rows)
        ]

    def set_sources(self, sources) -> None:
        """The sources, in order, from {title, url} items."""
        self.sources = [
            CaseStudySource(title=source["title"], url=source.get("url", ""), sort_order=position)
            for position, source in enumerate(sources)
        ]


OUTCOME_KEYS = ("measure", "before", "after", "evidence", "evidence_type")


class CaseStudySource(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=255)
    url = models.URLField(blank=True, max_length=500, verbose_name="web address")

    panels = [FieldPanel("title", widget=title_input()), FieldPanel("url")]


class ContractNotice(Orderable):
    """A procurement notice the case study came from (`casestudies/notices.py`)."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="notices")
    ocid = models.CharField(
        "OCDS identifier",
        max_length=notices.OCID_MAX_LENGTH,
        blank=True,
        validators=[notices.validate_ocid],
        help_text="The contracting process's identifier, e.g. ocds-h6vhtk-0123ab.",
    )
    url = models.URLField(
        "notice's web address",
        max_length=500,
        blank=True,
        validators=[notices.validate_notice_url],
        help_text="The notice on Find a Tender or Contracts Finder.",
    )

    panels = [FieldPanel("ocid"), FieldPanel("url")]

    def clean(self) -> None:
        self.ocid = self.ocid.strip()
        if not self.ocid and not self.url:
            raise ValidationError("Give the notice's OCDS identifier, its web address or both.")

    @property
    def link(self) -> str:
        return notices.notice_link(self.ocid, self.url)

    @property
    def site_name(self) -> str:
        return notices.site_name(self.link)


class CaseStudyContact(Orderable):
    """A member behind a case study. When the member deletes their account the row stays,
    with no member, and the page credits "a former member"."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="contacts")
    member = models.ForeignKey(
        "members.Profile",
        null=True,
        on_delete=models.SET_NULL,
        related_name="case_study_contacts",
        verbose_name="member profile",
        help_text="Only profiles listed in the directory can be chosen.",
    )
    role = models.CharField(
        max_length=255, blank=True, help_text="For example Commissioning lead or Author."
    )

    panels = [FieldPanel("member"), FieldPanel("role")]
