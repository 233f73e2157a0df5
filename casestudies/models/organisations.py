"""Organisations that lead or partner in case studies."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .taxonomy import OrganisationType, Region, Sector


class Organisation(index.Indexed, models.Model):
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

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation_type"),
        FieldPanel("sector"),
        FieldPanel("region"),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
