"""The taxonomy: one small snippet model per vocabulary, all of the same shape, and the
organisations that lead or partner in case studies and employ members.

This app is a leaf: everything may import it, and it imports nothing of ours."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from . import org_id as identifiers


class Term(index.Indexed, models.Model):
    """A term of a controlled vocabulary. The slug is a contract; the name is for people."""

    vocabulary: str = ""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=50, unique=True)
    description = models.CharField(max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Sector(Term):
    vocabulary = "sector"


class Theme(Term):
    vocabulary = "theme"


class OutcomeArea(Term):
    vocabulary = "outcome_area"


class Stage(Term):
    vocabulary = "stage"


# The type checker cannot see the reverse relation: it is declared on a Wagtail page,
# and Wagtail has no type information.
class Region(Term):  # type: ignore[django-manager-missing]
    vocabulary = "region"


class OrganisationType(Term):
    vocabulary = "organisation_type"


class Role(Term):
    vocabulary = "role"


TAXONOMY_MODELS: dict[str, type[Term]] = {
    model.vocabulary: model
    for model in (Sector, Theme, OutcomeArea, Stage, Region, OrganisationType, Role)
}


# The type checker cannot see the reverse relation: it is declared on a Wagtail page,
# and Wagtail has no type information.
class Organisation(index.Indexed, models.Model):  # type: ignore[django-manager-missing]
    name = models.CharField(max_length=255, unique=True)
    organisation_type = models.ForeignKey(
        OrganisationType, on_delete=models.PROTECT, related_name="organisations"
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    website = models.URLField(blank=True)
    org_id = models.CharField(
        "organisation identifier",
        max_length=identifiers.MAX_LENGTH,
        blank=True,
        validators=[identifiers.validate],
        help_text=(
            "Its identifier in the org-id scheme: the list's prefix, a hyphen and its "
            "number on that list, e.g. GB-COH-01234567 (Companies House), GB-CHC-1234567 "
            "(a charity), GB-LAE-LBH (an English council), GB-NHS-RJ1 (an NHS body)."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation_type"),
        FieldPanel("sector"),
        FieldPanel("region"),
        FieldPanel("website"),
        FieldPanel("org_id"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("org_id"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_id"],
                condition=~models.Q(org_id=""),
                name="organisation_org_id_unique",
                violation_error_message="Another organisation has this identifier.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.org_id = identifiers.normalise(self.org_id)

    @property
    def register_url(self) -> str:
        """The organisation's page on its identifier's public register, or ""."""
        return identifiers.register_url(self.org_id)


class SynonymSet(models.Model):
    """Words and phrases that searches should treat as the same, one per line."""

    phrases_text = models.TextField(
        "Words and phrases",
        help_text=(
            "One per line, e.g. “looked-after children” and “children in care”. A search for "
            "any of them also finds the others, as soon as this is saved."
        ),
    )
    note = models.CharField(max_length=255, blank=True, help_text="Why these belong together.")

    panels = [FieldPanel("phrases_text"), FieldPanel("note")]

    class Meta:
        verbose_name = "synonym set"
        ordering = ["pk"]

    def __str__(self) -> str:
        return " = ".join(self.phrases()) or "Empty synonym set"

    def phrases(self) -> tuple[str, ...]:
        lines = (line.strip() for line in self.phrases_text.splitlines())
        return tuple(dict.fromkeys(line for line in lines if line))
