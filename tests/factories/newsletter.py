"""Newsletter issues as an editor leaves them: pages under the newsletter archive, with
a saved draft revision, never sent."""

from casestudies.site_tree import ensure_site_tree
from newsletter.models import NewsletterArchivePage, NewsletterIssuePage


def archive() -> NewsletterArchivePage:
    existing = NewsletterArchivePage.objects.first()
    if existing:
        return existing
    home = ensure_site_tree().home
    return home.add_child(
        instance=NewsletterArchivePage(
            title="Newsletter", slug="newsletters", summary="Past issues."
        )
    )


def issue(
    title="Spring newsletter", *, intro="Hello from the network.", body=(), audience=(), user=None
):
    """A draft issue; `body` is a list of (block type, value) pairs."""
    page = archive().add_child(
        instance=NewsletterIssuePage(
            title=title, intro=intro, body=list(body), audience=list(audience), live=False
        )
    )
    page.save_revision(user=user)
    return page
