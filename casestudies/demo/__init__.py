"""Demo content: the Lambeth case study, the 2013 seminars and illustrative case studies."""

from pathlib import Path

from casestudies.importexport.importer import ImportReport, import_lines
from casestudies.models import CaseStudyPage
from casestudies.site_tree import ensure_site_tree
from network.home.models import FeaturedCaseStudy

CONTENT_FILE = Path(__file__).with_name("content.jsonl")
FEATURED_SLUG = "lambeth-co-operative-commissioning"


def seed_content() -> ImportReport:
    """Import the demo content and feature the Lambeth case study on the home page."""
    with CONTENT_FILE.open(encoding="utf-8") as lines:
        report = import_lines(lines)
    home = ensure_site_tree().home
    featured = CaseStudyPage.objects.filter(slug=FEATURED_SLUG).first()
    if featured and not home.featured_case_studies.exists():
        home.featured_case_studies = [FeaturedCaseStudy(page=featured)]
        home.save_revision().publish()
    return report
