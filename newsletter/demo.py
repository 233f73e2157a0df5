"""Demo content for the newsletter: the archive page and a draft issue for the demo
editor to preview, test and send. Safe to run again: both are found by slug."""

from casestudies.models import CaseStudyPage, SeminarPage
from casestudies.site_tree import ensure_site_tree

from .choosers import public_lessons
from .models import NewsletterArchivePage, NewsletterIssuePage

INTRO = (
    "Welcome to the first newsletter of the network. This month: a council that shares "
    "power with residents, and what four seminars taught us about commissioning."
)


def seed_newsletter() -> str:
    archive = NewsletterArchivePage.objects.first() or ensure_site_tree().home.add_child(
        instance=NewsletterArchivePage(
            title="Newsletter",
            slug="newsletter-archive",
            summary="Past issues of the network's newsletter, written by its editors.",
        )
    )
    if NewsletterIssuePage.objects.filter(slug="welcome").exists():
        return "the newsletter archive and its draft issue were already there"
    body = [
        ("section", {"heading": "From the editors", "text": "Tell us what you would like to read."})
    ]
    body += [("case_study", page) for page in CaseStudyPage.objects.live().public()[:2]]
    body += [("seminar", page) for page in SeminarPage.objects.live().public()[:1]]
    body += [("lesson", lesson) for lesson in public_lessons()[:1]]
    issue = archive.add_child(
        instance=NewsletterIssuePage(
            title="Welcome to the network", slug="welcome", intro=INTRO, body=body, live=False
        )
    )
    issue.save_revision()
    return "the newsletter archive and a draft issue"
