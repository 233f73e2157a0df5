"""Following a question from its page, and the link in every email about a question that
stops them. The link is signed (`following.read_stop_token`): it works without signing
in, and one forged, cut short or expired gets a page saying so (400), never a 500.
"""

from http import HTTPStatus

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from allauth.account.decorators import verified_email_required

from base.numbers import MAX_ID
from members.profiles import profile_for
from members.visibility import Access

from . import access, following
from .models import Question


def _followable(request, pk: int) -> Question:
    """A live question this member may read; any other is not found (as on its page)."""
    question = Question.objects.filter(pk=pk).first() if pk <= MAX_ID else None
    if question is None or access.question_access(request.user, question) is not Access.ALLOWED:
        raise Http404("No question has that address.")
    if not access.can_follow(request.user, question):
        raise Http404("This question can no longer be followed.")
    return question


@require_POST
@verified_email_required
def follow(request, pk):
    question = _followable(request, pk)
    following.follow(question, profile_for(request.user))
    messages.success(request, "You follow this question: we will email you its new answers.")
    return redirect(question)


@require_POST
@verified_email_required
def unfollow(request, pk):
    question = _followable(request, pk)
    following.stop(question, profile_for(request.user))
    messages.success(request, "You no longer follow this question: we will not email you about it.")
    return redirect(question)


# Mail providers press the link's button for the reader (RFC 8058's one-click POST),
# without a CSRF token; the signed link is what proves it came from the email.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def stop_notices(request, token):
    named = following.read_stop_token(token)
    if named is None:
        return _noindex(
            render(request, "questions/stop_bad_link.html", status=HTTPStatus.BAD_REQUEST)
        )
    member, question = named
    may_read = access.question_access(member.user, question) is Access.ALLOWED
    context = {"question": question if may_read else None}
    if request.method == "POST":
        following.stop(question, member)
        return _noindex(render(request, "questions/stopped.html", context))
    return _noindex(render(request, "questions/stop.html", context))


def _noindex(response):
    response["X-Robots-Tag"] = "noindex"
    return response
