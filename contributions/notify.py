"""Telling the member what an editor decided: an email at each decision of the workflow
("changes requested", published, not accepted), with the editor's comment.

Wagtail's own notifications go to the people in the admin; the author of a contribution
is not one of them. Links use SITE_BASE_URL, never the host of the request that happened
to make the decision.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_cancelled, workflow_rejected

from base.identity import site_name
from base.site_address import absolute, site_url
from casestudies.models import CaseStudyPage

from .workflow import Status, standing

SUBJECTS = {
    Status.CHANGES_REQUESTED: "Changes requested to your case study",
    Status.PUBLISHED: "Your case study is published",
    Status.NOT_ACCEPTED: "Your case study was not accepted",
}


def _contribution(state: WorkflowState) -> CaseStudyPage | None:
    page = state.content_object
    page = getattr(page, "specific", page)
    if isinstance(page, CaseStudyPage) and page.is_contribution and page.contributor_id:
        return page
    return None


def send_decision(page: CaseStudyPage) -> None:
    """Email the contributor where their contribution now stands."""
    member = page.contributor
    user = member.user
    if not user.email:
        return
    page.refresh_from_db()
    now = standing(page)
    context = {
        "name": member.display_name,
        "title": page.draft_title or page.title,
        "status": now.status,
        "comment": now.comment,
        "site_name": site_name(),
        "site_url": site_url(),
        "page_url": absolute(page.url) if page.live and page.url else "",
        "contributions_url": absolute(reverse("contribute:mine")),
        "edit_url": absolute(reverse("contribute:edit", args=[page.pk])),
    }
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{SUBJECTS[now.status]}",
        body=render_to_string("contribute/email/decision.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("contribute/email/decision.html", context), "text/html"
    )
    message.send()


def _on_rejected(sender, instance, user=None, **kwargs):
    if page := _contribution(instance):
        send_decision(page)


def _on_approved(sender, instance, user=None, **kwargs):
    if page := _contribution(instance):
        send_decision(page)


def _on_cancelled(sender, instance, user=None, **kwargs):
    # Cancelled with no user: the member was suspended; they are not written to.
    if user is not None and (page := _contribution(instance)):
        send_decision(page)


def connect() -> None:
    workflow_rejected.connect(_on_rejected, dispatch_uid="contributions-rejected")
    workflow_approved.connect(_on_approved, dispatch_uid="contributions-approved")
    workflow_cancelled.connect(_on_cancelled, dispatch_uid="contributions-cancelled")
