"""The moderators' and editors' pages in Wagtail's admin, for holders of
`questions.moderate_question` (others are sent to the admin's dashboard, as Wagtail does):
the queue of posts waiting or reported (approve, reject with a reason, suspend the
author), and one thread's tools (lock, pin, move, merge). Each decision is a POST that
calls one function of `moderation` or `curation` and comes back with a message.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST, require_safe

from base.numbers import MAX_ID
from members.models import Profile

from . import curation, moderation
from .models import Answer, Question
from .moderation_forms import DecisionForm, MergeForm, MoveForm

KINDS = {"question": Question, "answer": Answer}
DECISIONS = ("approve", "reject", "suspend")


def _actor(request) -> Profile | None:
    return Profile.objects.filter(user=request.user).first()


def _post(kind: str, pk: int):
    post = None
    if kind in KINDS and pk <= MAX_ID:
        post = KINDS[kind]._default_manager.filter(pk=pk).first()
    if post is None:
        raise Http404("No post has that number.")
    return post


@require_safe
def queue(request):
    context = {
        "items": moderation.queue(),
        "form": DecisionForm(),
        "page_title": "Questions to moderate",
        "header_icon": "help",
    }
    return TemplateResponse(request, "questions/admin/queue.html", context)


@require_POST
def decide(request, kind: str, pk: int, decision: str):
    if decision not in DECISIONS:
        raise Http404("No such decision.")
    post = _post(kind, pk)
    if decision == "approve":
        moderation.approve(post, _actor(request))
        messages.success(request, f"The {kind} is published.")
        return redirect("questions_moderation")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the reason first: the author is told it.")
        return redirect("questions_moderation")
    reason = form.cleaned_data["reason"]
    if decision == "reject":
        moderation.reject(post, _actor(request), reason)
        messages.success(request, f"The {kind} is rejected and its author has been told why.")
    elif decision == "suspend" and moderation.suspend_author(post, _actor(request), reason):
        messages.success(request, "The author is suspended: none of their posts show now.")
    else:
        messages.error(request, "This post's author has deleted their account.")
    return redirect("questions_moderation")


def thread(request, pk: int):
    question = _post("question", pk)
    move_form = MoveForm(instance=question)
    merge_form = MergeForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "move":
            move_form = MoveForm(request.POST, instance=question)
        elif action == "merge":
            merge_form = MergeForm(request.POST)
        if _act(request, question, action, move_form, merge_form):
            return redirect("questions_thread", pk=question.pk)
    context = {
        "question": question,
        "move_form": move_form,
        "merge_form": merge_form,
        "page_title": "Manage a question",
        "page_subtitle": question.title,
        "header_icon": "help",
    }
    return TemplateResponse(request, "questions/admin/thread.html", context)


def _act(request, question: Question, action: str, move_form, merge_form) -> bool:
    """Carry out one of the thread's tools; False when a form needs correcting."""
    editor = _actor(request)
    if action in ("lock", "unlock"):
        curation.lock(question, editor, action == "lock")
        messages.success(request, f"The question is {action}ed.")
    elif action in ("pin", "unpin"):
        curation.pin(question, editor, action == "pin")
        messages.success(request, f"The question is {action}ned.")
    elif action == "move" and move_form.is_valid():
        curation.move(question, editor, move_form)
        messages.success(request, "The question's topics are changed.")
    elif action == "merge" and merge_form.is_valid():
        kept = Question.objects.filter(pk=merge_form.cleaned_data["into"]).first()
        if refusal := curation.merge_refusal(question, kept):
            merge_form.add_error("into", refusal)
            return False
        assert kept is not None
        moved = curation.merge(question, kept, editor)
        messages.success(request, f"Merged: {moved} answer(s) moved to “{kept.title}”.")
    else:
        return action not in ("move", "merge")
    return True
