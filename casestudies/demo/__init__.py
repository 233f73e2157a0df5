"""Demo content: the Lambeth case study, the 2013 seminars and illustrative case studies."""

from pathlib import Path

from casestudies.importexport.importer import ImportReport, import_lines
from casestudies.models import CaseStudyPage, FeaturedCaseStudy
from casestudies.site_tree import ensure_site_tree

CONTENT_FILE = Path(__file__).with_name("content.jsonl")
# Lambeth first, then two illustrative examples from other sectors and nations.
FEATURED_SLUGS = (
    "lambeth-co-operative-commissioning",
    "hillfoot-care-co-operative",
    "fenmoor-icb-social-prescribing-alliance",
)


def seed_content(*, overwrite: bool = False) -> ImportReport:
    """Import the demo content and feature the Lambeth case study (and two more) on the
    home page. Pages that exist already are kept as they are unless `overwrite`."""
    with CONTENT_FILE.open(encoding="utf-8") as lines:
        report = import_lines(lines, keep_existing=not overwrite)
    home = ensure_site_tree().home
    pages = {page.slug: page for page in CaseStudyPage.objects.filter(slug__in=FEATURED_SLUGS)}
    if pages and not home.featured_case_studies.exists():
        home.featured_case_studies = [
            FeaturedCaseStudy(page=pages[slug], sort_order=position)
            for position, slug in enumerate(FEATURED_SLUGS)
            if slug in pages
        ]
        home.save_revision().publish()
    return report
