"""The fixed shape of the page tree: a home page with one index for case studies and one
for seminars. Importers and the demo seed call `ensure_site_tree` so that they work on an
empty site as well as on an existing one."""

from typing import NamedTuple

from django.db import transaction

from wagtail.models import Page, Site

from .models import CaseStudyIndexPage, HomePage, SeminarIndexPage


class SiteTree(NamedTuple):
    home: HomePage
    case_study_index: CaseStudyIndexPage
    seminar_index: SeminarIndexPage


HOME_INTRODUCTION = (
    "<p>Councils, the NHS, charities and businesses are asked to buy for value beyond "
    "price. Here practitioners share how they did it: case studies, lessons from seminars "
    "and the people who have done it before.</p>"
)


@transaction.atomic
def ensure_site_tree() -> SiteTree:
    home = HomePage.objects.first() or _create_home()
    case_study_index = CaseStudyIndexPage.objects.first() or home.add_child(
        instance=CaseStudyIndexPage(
            title="Case studies",
            slug="case-studies",
            show_in_menus=True,
            summary="How organisations commissioned for social value, and what they learnt.",
        )
    )
    seminar_index = SeminarIndexPage.objects.first() or home.add_child(
        instance=SeminarIndexPage(
            title="Seminars",
            slug="seminars",
            show_in_menus=True,
            summary="Write-ups of practitioner-led seminars, each broken into lessons.",
        )
    )
    return SiteTree(home, case_study_index, seminar_index)


def _create_home() -> HomePage:
    """Put a home page at the root of the default site, in place of Wagtail's welcome page."""
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    previous_root = site.root_page if site else None
    home = root.add_child(
        instance=HomePage(
            title="Social Value Network",
            slug="social-value-network",
            summary="Practice in social value commissioning, shared by the people doing it.",
            introduction=HOME_INTRODUCTION,
        )
    )
    if site:
        site.root_page = home
        site.save()
    else:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    if previous_root and previous_root.specific_class is Page and not previous_root.get_children():
        previous_root.delete()
    return home
