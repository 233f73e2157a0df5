"""The site's own pages: about, privacy notice, accessibility statement and contact.

They are ordinary Wagtail pages that editors keep up to date. Each says which of those
jobs it does (`purpose`), so the footer and the privacy links beside forms find them by
that, never by a title an editor may change.
"""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from base.pages import BasePage


class Purpose(models.TextChoices):
    # In the footer's order.
    ABOUT = "about", "About"
    CONTACT = "contact", "Contact"
    PRIVACY = "privacy", "Privacy notice"
    ACCESSIBILITY = "accessibility", "Accessibility statement"
    # Offers the open data files (`opendata`) under its words.
    OPEN_DATA = "data", "Open data"


class StandardPage(BasePage):
    """A page of text with the date it was last reviewed."""

    template = "pages/standard_page.html"
    parent_page_types = ["casestudies.HomePage"]
    subpage_types = []

    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    last_updated = models.DateField(
        help_text="When the content last changed in substance; shown on the page."
    )
    purpose = models.CharField(
        max_length=20,
        choices=Purpose.choices,
        blank=True,
        help_text="Puts the page in the footer; the privacy notice is also linked beside "
        "every form that asks for personal data. One page per purpose.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        FieldPanel("last_updated"),
    ]
    promote_panels = [*BasePage.promote_panels, FieldPanel("purpose")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = "standard page"
        constraints = [
            models.UniqueConstraint(
                fields=["purpose"],
                condition=~models.Q(purpose=""),
                name="home_standardpage_one_page_per_purpose",
            )
        ]
