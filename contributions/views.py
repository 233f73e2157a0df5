"""The pages a member sees: write (/contribute/), autosave, and their contributions.

Only confirmed, unsuspended members write: strangers are sent to sign in and come back,
an unconfirmed member gets allauth's "confirm your address" page (as for editing a
profile). A member sees and changes only their own contributions, and only while no
editor is reviewing them.
"""

from functools import wraps
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from allauth.account.decorators import verified_email_required

from base.markdown import render_markdown
from base.numbers import BadNumber, whole_number
from casestudies.models import CaseStudyPage
from contributions import drafts, workflow
from members.profiles import profile_for
from search import service
from search.kinds import viewer_for
from taxonomy.models import Organisation

from .forms import BODY_MAX, ContributionForm
from .limits import drafts_refusal, submission_refusal

SIMILAR_LIMIT = 5


def member_required(view):
    """Signed in (else sign in and come back), confirmed (else the confirm page), and not
    suspended (else a 403 saying so)."""

    @verified_email_required
    def wrapped(request, *args, **kwargs):
        profile = profile_for(request.user)
        if profile.is_suspended:
            return render(request, "contribute/suspended.html", status=HTTPStatus.FORBIDDEN)
        return view(request, profile, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def signed_in_or_401(view):
    """For background saves: a session that has ended gets a 401 whose answer holds a
    sign-in address that comes back to the draft, not a redirect to a page."""

    @wraps(view)
    def wrapped(request, *args, pk=None, **kwargs):
        if not request.user.is_authenticated:
            draft = (
                reverse("contribute:edit", kwargs={"pk": pk}) if pk else reverse("contribute:new")
            )
            sign_in = f"{reverse('account_login')}?{urlencode({'next': draft})}"
            return JsonResponse(
                {
                    "saved": False,
                    "message": "You have been signed out, so this was not saved.",
                    "sign_in_url": sign_in,
                },
                status=HTTPStatus.UNAUTHORIZED,
            )
        return view(request, *args, pk=pk, **kwargs)

    return wrapped


def _own(profile, pk) -> CaseStudyPage:
    page = CaseStudyPage.objects.filter(pk=pk, contributor=profile, is_contribution=True).first()
    if page is None:
        raise Http404("You have no contribution at that address.")
    return page


def _similar(text: str, request, exclude_url: str = ""):
    hits = service.similar_to_text(text, "case_study", viewer_for(request.user), SIMILAR_LIMIT + 1)
    return [hit for hit in hits if hit.url != exclude_url][:SIMILAR_LIMIT]


def _rows(form, name) -> list[dict]:
    """A part's filled rows: as posted (those without errors), or as loaded."""
    if form.is_bound:
        form.is_valid()
        return form.parts[name].values()
    return form.initial.get(name) or []


def _preview(form) -> str:
    """The draft as its page will show it: the body through the one Markdown renderer,
    then the outcomes, lessons, sources and partner organisations."""
    context = {
        "body": render_markdown((form["body"].value() or "")[: 2 * BODY_MAX]),
        "outcomes": _rows(form, "outcomes"),
        "lessons": [
            {"title": row["title"], "html": render_markdown(row["body"])}
            for row in _rows(form, "lessons")
        ],
        "sources": _rows(form, "sources"),
        "partners": [str(row["name"]) for row in _rows(form, "partners")],
    }
    return render_to_string("contribute/preview.html", context)


def _render_form(request, form, page=None, *, status=HTTPStatus.OK, conflict_text=""):
    now = workflow.standing(page) if page else workflow.Standing(workflow.Status.DRAFT)
    text = f"{form['title'].value() or ''} {form['summary'].value() or ''}"
    context = {
        "form": form,
        "parts": form.parts,
        "errors_in_order": form.errors_in_order() if form.is_bound else [],
        "contribution": page,
        "standing": now,
        "base_revision": page.latest_revision_id if page else "",
        "organisations": Organisation.objects.values_list("name", flat=True),
        "preview": _preview(form),
        "similar": _similar(text, request) if text.strip() else [],
        "conflict_text": conflict_text,
        "more_open": page is not None or _filled(form, MORE_FIELDS),
        "evidence_open": page is not None or _filled(form, EVIDENCE_FIELDS),
        "results_open": page is not None
        or any(_rows(form, name) for name in ("outcomes", "lessons", "sources")),
    }
    return render(request, "contribute/form.html", context, status=status)


MORE_FIELDS = ("sectors", "themes", "stages", "outcome_areas", "year", "tags")
EVIDENCE_FIELDS = ("evidence_level", "evidence_reason")


def _filled(form, names) -> bool:
    return form.is_bound and (
        any(form[name].value() for name in names) or bool(_rows(form, "partners"))
    )


def _save(request, profile, page, draft):
    """Save the draft; returns (page, error message): (None, message) when nothing was
    saved, (page, message) when the draft changed since it was loaded."""
    try:
        if page is None:
            with transaction.atomic():
                if refusal := drafts_refusal(profile):
                    return None, refusal
                return drafts.create(profile, request.user, draft), ""
        base = whole_number(request.POST, "base_revision")
        return drafts.update(page, request.user, draft, base), ""
    except BadNumber as error:
        return None, str(error)
    except drafts.Conflict as conflict:
        return page, str(conflict)


@transaction.atomic
def _save_and_submit(request, profile, page, form, submitting: bool):
    """Save the draft and, when asked and the daily limit allows, submit it, in one
    transaction, so that the limit's count and the submission cannot interleave with
    another request's. Returns (page, error message, submitted)."""
    if submitting and (refusal := submission_refusal(profile)):
        form.add_error(None, refusal)
        submitting = False
    saved, error = _save(request, profile, page, form.draft())
    if submitting and not error:
        workflow.submit(saved, request.user)
    return saved, error, submitting and not error


@member_required
def write(request, profile, pk=None):
    """Start or continue a contribution; "Save draft" keeps it, "Submit for review" sends
    it to the moderators."""
    page = _own(profile, pk) if pk else None
    if page is not None and page.live:
        return redirect(page.url)
    if page is not None and not workflow.standing(page).editable:
        return render(
            request,
            "contribute/in_review.html",
            {"contribution": page, "standing": workflow.standing(page)},
        )
    if request.method != "POST":
        initial = (
            ContributionForm.initial_from(drafts.as_draft(drafts.latest(page))) if page else {}
        )
        return _render_form(request, ContributionForm(initial=initial), page)

    submitting = "submit" in request.POST
    form = ContributionForm(request.POST, submitting=submitting)
    if form.is_trapped():
        # A robot filled the hidden field: answer as if all went well, keep nothing.
        messages.success(request, "Your draft has been saved.")
        return redirect("contribute:mine")
    if not form.is_valid():
        return _render_form(request, form, page, status=HTTPStatus.BAD_REQUEST)
    saved, error, submitted = _save_and_submit(request, profile, page, form, submitting)
    if error:
        form.add_error(None, error)
        conflict = page is not None and saved is page
        return _render_form(
            request,
            form,
            saved or page,
            status=HTTPStatus.CONFLICT if conflict else HTTPStatus.BAD_REQUEST,
            conflict_text=form.cleaned_data.get("body", "") if conflict else "",
        )
    if submitted:
        messages.success(
            request,
            f"“{saved.draft_title}” has been submitted. An editor will review it and we "
            "will email you their decision.",
        )
        return redirect("contribute:mine")
    if form.errors:  # the daily limit refused the submission; the draft is saved
        return _render_form(request, form, saved, status=HTTPStatus.BAD_REQUEST)
    messages.success(
        request, "Your draft has been saved. You can come back to it from “Your contributions”."
    )
    return redirect("contribute:edit", pk=saved.pk)


@require_POST
@signed_in_or_401
@member_required
def autosave(request, profile, pk=None):
    """Save the form in the background: JSON with the time, the new revision, the
    preview and similar case studies; 409 with the refused text on a conflict."""
    page = _own(profile, pk) if pk else None
    form = ContributionForm(request.POST)
    preview = _preview(form)
    text = f"{request.POST.get('title', '')} {request.POST.get('summary', '')}"
    answer: dict[str, Any] = {
        "preview": str(preview),
        "similar": [{"title": hit.title, "url": hit.url} for hit in _similar(text, request)]
        if text.strip()
        else [],
    }
    if form.is_trapped():
        return JsonResponse({**answer, "saved": False, "message": ""})
    if page is not None and not workflow.standing(page).editable:
        return JsonResponse(
            {
                **answer,
                "saved": False,
                "message": "An editor is reviewing this contribution: it cannot be changed now.",
            },
            status=HTTPStatus.CONFLICT,
        )
    if not (request.POST.get("title") or "").strip():
        message = "Give it a title and it will be saved as a draft as you write."
        return JsonResponse({**answer, "saved": False, "message": message})
    if not form.is_valid():
        # Save what is valid, and name each box that is not: a bad row never holds back
        # the rest of what the member wrote.
        answer["not_saved"] = [
            {"id": target, "label": called, "message": message}
            for target, called, message in form.errors_in_order()
        ]
        previous = drafts.as_draft(drafts.latest(page)) if page else None
        draft = form.draft(previous)
        if not draft.title:
            called = ", ".join(f"{row['label']}: {row['message']}" for row in answer["not_saved"])
            return JsonResponse(
                {**answer, "saved": False, "message": f"Not saved. {called}"},
                status=HTTPStatus.BAD_REQUEST,
            )
    else:
        draft = form.draft()
    saved, error = _save(request, profile, page, draft)
    if error:
        status = HTTPStatus.CONFLICT if saved is not None else HTTPStatus.BAD_REQUEST
        return JsonResponse(
            {
                **answer,
                "saved": False,
                "message": error,
                "refused_text": form.cleaned_data.get("body", ""),
            },
            status=status,
        )
    return JsonResponse(
        {
            **answer,
            "saved": True,
            "saved_at": timezone.localtime().strftime("%H:%M"),
            "revision": saved.latest_revision_id,
            "edit_url": reverse("contribute:edit", kwargs={"pk": saved.pk}),
            "autosave_url": reverse("contribute:autosave_existing", kwargs={"pk": saved.pk}),
        }
    )


@member_required
def mine(request, profile):
    """The member's contributions and where each stands."""
    pages = CaseStudyPage.objects.filter(contributor=profile, is_contribution=True).order_by(
        "-latest_revision_created_at", "-pk"
    )
    rows = [{"contribution": page, "standing": workflow.standing(page)} for page in pages]
    return render(request, "contribute/mine.html", {"rows": rows, "member": profile})
