"""The pages of questions and answers at /questions/. Every view asks `access` whether
this viewer may, before reading or writing anything, and calls one function of
`threads` to make a change. Refusals are a page with a sentence (403), never a 500.
"""

from dataclasses import dataclass
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from allauth.account.decorators import verified_email_required

from base.numbers import MAX_ID
from members.profiles import profile_for
from members.visibility import Access, visible_levels

from . import access, citations, following, limits, moderation, suggestions, threads
from .forms import AnswerForm, QuestionForm
from .models import Answer, HelpfulMark, Question, Status
from .moderation_forms import ReportForm

PAGE_SIZE = 20
# Answers counted on the list: published ones whose author is not suspended.
LIVE_ANSWERS = Q(answers__status=Status.LIVE, answers__author__suspended_at__isnull=True)
# A form sent back with errors, and a post refused by the daily limit (as contributions).
BAD_REQUEST, TOO_MANY = HTTPStatus.BAD_REQUEST, HTTPStatus.TOO_MANY_REQUESTS


@require_safe
def question_list(request):
    questions = (
        Question.objects.live()
        .filter(audience__in=visible_levels(request.user))
        .annotate(answer_count=Count("answers", filter=LIVE_ANSWERS))
        .order_by("-created_at", "-pk")
    )
    page_obj = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "questions/list.html", {"page_obj": page_obj})


@dataclass
class AnswerRow:
    """An answer as the page shows it, with what this viewer may do to it."""

    answer: Answer
    is_accepted: bool
    marked_helpful: bool
    can_edit: bool
    can_withdraw: bool
    can_mark_helpful: bool
    can_report: bool
    cites: list[citations.Link]


@require_safe
def detail(request, pk):
    question = _find(Question.objects.with_terms(), pk)
    if question is not None and question.merged_into_id:
        # A merged duplicate: for good, so links and search engines follow to the kept one.
        return HttpResponsePermanentRedirect(question.merged_into.get_absolute_url())
    if refusal := _refusal(request, question):
        return refusal
    assert question is not None
    return _detail_page(request, question, AnswerForm())


def _detail_page(request, question: Question, form, status=HTTPStatus.OK):
    user = request.user
    answers = (
        _answers_shown(user, question)
        .select_related("author")
        .annotate(helpful_count=Count("helpful_marks"))
    )
    marked = set()
    if user.is_authenticated:
        marked = set(
            HelpfulMark.objects.filter(answer__question=question, member__user=user).values_list(
                "answer_id", flat=True
            )
        )
    cited = citations.links(question)
    rows = [
        AnswerRow(
            answer=answer,
            is_accepted=answer.pk == question.accepted_answer_id,
            marked_helpful=answer.pk in marked,
            can_edit=access.can_edit(user, answer),
            can_withdraw=access.can_withdraw(user, answer),
            can_mark_helpful=access.can_mark_helpful(user, answer),
            can_report=access.can_report(user, answer),
            cites=cited.get(answer.pk, []),
        )
        for answer in answers
    ]
    rows.sort(key=lambda row: not row.is_accepted)  # the accepted answer first
    context = {
        "question": question,
        "question_cites": cited.get(None, []),
        "rows": rows,
        "region_terms": [question.region] if question.region else [],
        "form": form if access.can_answer(user, question) else None,
        "can_accept": access.can_accept(user, question),
        "can_edit": access.can_edit(user, question),
        "can_withdraw": access.can_withdraw(user, question),
        # Moderation: reporting posts, editors' tools.
        "can_report": access.can_report(user, question),
        "can_manage": access.can_manage(user),
        "can_follow": access.can_follow(user, question),
        "following": following.is_following(getattr(user, "profile", None), question),
    }
    return render(request, "questions/detail.html", context, status=status)


def _answers_shown(user, question: Question):
    """Published answers, and the viewer's own answers waiting for a moderator."""
    answers = question.answers.live()
    if user.is_authenticated:
        own = question.answers.filter(author__user=user, status=Status.PENDING)
        answers = answers | own
    return answers


@require_http_methods(["GET", "HEAD", "POST"])
@verified_email_required
def ask(request):
    form = QuestionForm(request.POST or None)
    if request.method != "POST":
        return render(request, "questions/ask.html", {"form": form})
    if suggestions.CHECK in request.POST:  # "Check for similar questions": nothing is posted
        context = {"form": form, "suggestions": suggestions.for_question(form, request.user)}
        return render(request, "questions/ask.html", context, status=_form_status(form))
    if not form.is_valid():
        return render(request, "questions/ask.html", {"form": form}, status=BAD_REQUEST)
    if form.is_bot():
        return redirect("questions:list")
    asker = profile_for(request.user)
    with transaction.atomic():
        if refusal := limits.question_refusal(asker):
            form.add_error(None, refusal)
            return render(request, "questions/ask.html", {"form": form}, status=TOO_MANY)
        question = threads.ask(asker, form)
    messages.success(request, _published_or_waiting(question, "question"))
    return redirect(question)


@require_POST
@verified_email_required
def answer(request, pk):
    question = _find(Question.objects.with_terms(), pk)
    if refusal := _refusal(request, question):
        return refusal
    assert question is not None
    if not access.can_answer(request.user, question):
        return _refused(request, "This question is closed to new answers.")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, question, form, status=BAD_REQUEST)
    if form.is_bot():
        return redirect(question)
    author = profile_for(request.user)
    with transaction.atomic():
        if refusal_text := limits.answer_refusal(author):
            form.add_error(None, refusal_text)
            return _detail_page(request, question, form, status=TOO_MANY)
        data = form.cleaned_data
        reply = threads.answer(question, author, data["body"], data["cites"])
    messages.success(request, _published_or_waiting(reply, "answer"))
    return redirect(reply)


@require_POST
@verified_email_required
def accept(request, pk):
    reply = _readable_answer(request, pk)
    if isinstance(reply, HttpResponse):
        return reply
    question = reply.question
    if not access.can_accept(request.user, question):
        return _refused(request, "Only the person who asked can choose the answer that helped.")
    threads.accept(question, reply, profile_for(request.user))
    messages.success(request, "The answer is marked as the one that helped.")
    return redirect(reply)


@require_POST
@verified_email_required
def unaccept(request, pk):
    question = _find(Question.objects.all(), pk)
    if refusal := _refusal(request, question):
        return refusal
    assert question is not None
    if not access.can_accept(request.user, question):
        return _refused(request, "Only the person who asked can change the answer that helped.")
    threads.accept(question, None, profile_for(request.user))
    messages.success(request, "No answer is marked as the one that helped now.")
    return redirect(question)


@require_POST
@verified_email_required
def helpful(request, pk):
    reply = _readable_answer(request, pk)
    if isinstance(reply, HttpResponse):
        return reply
    if not access.can_mark_helpful(request.user, reply):
        return _refused(request, "You cannot mark your own answer as helpful.")
    if threads.mark_helpful(reply, profile_for(request.user)):
        messages.success(request, "Thank you: you marked this answer as helpful.")
    else:
        messages.info(request, "You have already marked this answer as helpful.")
    return redirect(reply)


@require_http_methods(["GET", "HEAD", "POST"])
@verified_email_required
def edit_question(request, pk):
    question = _find(Question.objects.all(), pk)
    if refusal := _refusal(request, question):
        return refusal
    assert question is not None
    if not access.can_edit(request.user, question):
        return _refused(request, _edit_refusal(request.user, question))
    initial = {"cites": citations.addresses(question, None)}
    form = QuestionForm(request.POST or None, instance=question, initial=initial)
    if request.method == "POST" and form.is_valid() and not form.is_bot():
        threads.edit_question(question, profile_for(request.user), form)
        messages.success(request, "Your question is updated.")
        return redirect(question)
    context = {"form": form, "question": question}
    return render(request, "questions/edit_question.html", context, status=_form_status(form))


@require_http_methods(["GET", "HEAD", "POST"])
@verified_email_required
def edit_answer(request, pk):
    reply = _readable_answer(request, pk)
    if isinstance(reply, HttpResponse):
        return reply
    if not access.can_edit(request.user, reply):
        return _refused(request, _edit_refusal(request.user, reply))
    initial = {"body": reply.body, "cites": citations.addresses(reply.question, reply)}
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and not form.is_bot():
        data = form.cleaned_data
        threads.edit_answer(reply, profile_for(request.user), data["body"], data["cites"])
        messages.success(request, "Your answer is updated.")
        return redirect(reply)
    context = {"form": form, "answer": reply, "question": reply.question}
    return render(request, "questions/edit_answer.html", context, status=_form_status(form))


@require_POST
@verified_email_required
def withdraw_question(request, pk):
    question = _find(Question.objects.all(), pk)
    if refusal := _refusal(request, question):
        return refusal
    assert question is not None
    if not access.can_withdraw(request.user, question):
        return _refused(request, "Only the person who asked can withdraw a question.")
    threads.withdraw_question(question, profile_for(request.user))
    messages.success(request, "Your question is withdrawn: nobody else can read it now.")
    return redirect("questions:list")


@require_POST
@verified_email_required
def withdraw_answer(request, pk):
    reply = _readable_answer(request, pk)
    if isinstance(reply, HttpResponse):
        return reply
    if not access.can_withdraw(request.user, reply):
        return _refused(request, "Only the person who wrote an answer can withdraw it.")
    threads.withdraw_answer(reply, profile_for(request.user))
    messages.success(request, "Your answer is withdrawn: nobody else can read it now.")
    return redirect(reply.question)


def _find(queryset, pk: int):
    """The row with this primary key, or None; a number too large for the column is none."""
    return queryset.filter(pk=pk).first() if pk <= MAX_ID else None


def _refusal(request, question: Question | None) -> HttpResponse | None:
    """The answer for a viewer who may not read this question, or None if they may."""
    verdict = access.question_access(request.user, question)
    if verdict is Access.ALLOWED:
        return None
    if verdict is Access.NOT_FOUND:
        raise Http404("No question has that address.")
    if request.user.is_authenticated:
        return render(request, "questions/confirm_to_read.html", status=HTTPStatus.FORBIDDEN)
    messages.info(request, "Only signed-in members can read this question. Sign in to read it.")
    return redirect_to_login(request.get_full_path())


def _readable_answer(request, pk) -> Answer | HttpResponse:
    """A live answer to a question this viewer may read, or the refusal."""
    reply = _find(Answer.objects.select_related("question"), pk)
    if refusal := _refusal(request, reply.question if reply else None):
        return refusal
    if reply is None or not reply.is_live:
        raise Http404("No answer has that address.")
    return reply


def _form_status(form) -> HTTPStatus:
    return BAD_REQUEST if form.is_bound and form.errors else HTTPStatus.OK


def _refused(request, reason: str) -> HttpResponse:
    return render(
        request, "questions/refused.html", {"reason": reason}, status=HTTPStatus.FORBIDDEN
    )


def _edit_refusal(user, post: Question | Answer) -> str:
    if not access.can_withdraw(user, post):
        return "Only the person who wrote this can edit it."
    hours = int(access.edit_window().total_seconds() // 3600)
    return f"Posts can be edited for {hours} hours after they are written. You can withdraw it."


# --- Moderation: the messages of a new post, and members' reports -----------------------


def _published_or_waiting(post: Question | Answer, noun: str) -> str:
    if post.status == Status.PENDING:
        return (
            f"Thank you. Your first {noun} is waiting for a moderator: only you can see it "
            "until it is approved. After that, what you post is published at once."
        )
    return f"Your {noun} is published."


@require_http_methods(["GET", "HEAD", "POST"])
@verified_email_required
def report_question(request, pk):
    question = _find(Question.objects.all(), pk)
    if refusal := _refusal(request, question):
        return refusal
    assert question is not None
    return _report(request, question, question)


@require_http_methods(["GET", "HEAD", "POST"])
@verified_email_required
def report_answer(request, pk):
    reply = _readable_answer(request, pk)
    if isinstance(reply, HttpResponse):
        return reply
    return _report(request, reply, reply.question)


def _report(request, post: Question | Answer, question: Question) -> HttpResponse:
    """The report form (GET) and its sending (POST): once per member per post."""
    if not access.can_report(request.user, post):
        return _refused(request, "You can report other members' published posts only.")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if moderation.report(post, profile_for(request.user), form.cleaned_data["reason"]):
            messages.success(request, "Thank you: a moderator will look at it.")
        else:
            messages.info(request, "You have already reported this. A moderator will look at it.")
        return redirect(question)
    context = {"form": form, "post": post, "question": question}
    return render(request, "questions/report.html", context, status=_form_status(form))
