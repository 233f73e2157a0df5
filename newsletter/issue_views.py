"""The admin's two sending actions on a newsletter issue, each a page with one button:
"Send test to me" (anyone who may edit the issue; to their own address) and "Send to
subscribers" (only holders of `newsletter.send_issue`, the "Newsletter senders" group,
checked here on the server for both GET and POST)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .issue_sending import audience, send_test, start
from .models import NewsletterIssuePage, Send
from .topics import label

SEND_PERMISSION = "newsletter.send_issue"


def may_send(user) -> bool:
    """Sending emails every subscriber, so it takes its own permission: neither editing
    nor publishing pages implies it."""
    return user.has_perm(SEND_PERMISSION)


def _issue(request, page_id, *, send: bool) -> NewsletterIssuePage:
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    allowed = (
        may_send(request.user) if send else issue.permissions_for_user(request.user).can_edit()
    )
    if not allowed:
        raise PermissionDenied
    return issue


def _edit_url(issue) -> str:
    return reverse("wagtailadmin_pages:edit", args=[issue.pk])


@require_http_methods(["GET", "HEAD", "POST"])
def test_view(request, page_id):
    issue = _issue(request, page_id, send=False)
    if not request.user.email:
        messages.error(request, "Your account has no email address. Add one, then try again.")
        return redirect(_edit_url(issue))
    if request.method == "POST":
        send_test(issue, request.user.email)
        messages.success(request, f"A test of “{issue.title}” was sent to {request.user.email}.")
        return redirect(_edit_url(issue))
    context = {"issue": issue, "address": request.user.email, "edit_url": _edit_url(issue)}
    return TemplateResponse(request, "newsletter/admin/send_test.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def send_view(request, page_id):
    issue = _issue(request, page_id, send=True)
    existing = Send.objects.filter(issue=issue).first()
    if request.method == "POST":
        if existing is not None and existing.finished_at is not None:
            messages.warning(request, f"“{issue.title}” was already sent; no one gets it twice.")
            return redirect("newsletter_sends:index")
        start(issue, request.user)
        messages.success(request, f"“{issue.title}” is being sent; its count grows as it goes.")
        return redirect("newsletter_sends:index")
    context = {
        "issue": issue,
        "existing": existing,
        "recipients": audience(issue.audience).count(),
        "topics": [label(topic) for topic in issue.audience],
        "edit_url": _edit_url(issue),
    }
    return TemplateResponse(request, "newsletter/admin/send.html", context)
