"""What happens to a thread: asking, answering, editing, withdrawing, accepting and
marking an answer helpful. Views check who may (`access`) and call one function here;
each writes its change and the history row in one transaction, and the search index
follows after the commit (the question is a search source, and its document carries the
accepted answer's text: `search_documents.QuestionDocument.depends_on`).
"""

from django.db import IntegrityError, transaction

from members.models import Profile

from . import citations, following, notify
from .models import Action, Answer, Event, HelpfulMark, Question, Status
from .moderation import initial_status


def _record(question: Question, actor: Profile | None, action: str, answer=None, **text):
    Event.objects.create(question=question, answer=answer, actor=actor, action=action, **text)


@transaction.atomic
def ask(asker: Profile, form) -> Question:
    """Save a valid question form as the asker's new question."""
    question = form.save(commit=False)
    question.asker = asker
    question.status = initial_status(asker)  # a new member's first waits for a moderator
    question.save()
    form.save_m2m()
    citations.cite(question, None, form.cleaned_data["cites"])
    _record(question, asker, Action.ASKED, title=question.title, text=question.details)
    following.follow_as_asker(question, asker)
    return question


@transaction.atomic
def answer(question: Question, author: Profile, body: str, cited=()) -> Answer:
    status = initial_status(author)  # a new member's first waits for a moderator
    reply = Answer.objects.create(question=question, author=author, body=body, status=status)
    citations.cite(question, reply, list(cited))
    _record(question, author, Action.ANSWERED, answer=reply, text=body)
    if reply.status == Status.LIVE:  # one waiting for a moderator is told of on approval
        notify.answered(reply)
    return reply


@transaction.atomic
def edit_question(question: Question, editor: Profile, form) -> None:
    form.save()
    citations.cite(question, None, form.cleaned_data["cites"])
    _record(question, editor, Action.EDITED, title=question.title, text=question.details)


@transaction.atomic
def edit_answer(reply: Answer, editor: Profile, body: str, cited=()) -> None:
    reply.body = body
    reply.save(update_fields=["body", "updated_at"])
    citations.cite(reply.question, reply, list(cited))
    _record(reply.question, editor, Action.EDITED, answer=reply, text=body)


@transaction.atomic
def withdraw_question(question: Question, actor: Profile) -> None:
    question.status = Status.WITHDRAWN
    question.save(update_fields=["status", "updated_at"])
    _record(question, actor, Action.WITHDRAWN)


@transaction.atomic
def withdraw_answer(reply: Answer, actor: Profile) -> None:
    """A withdrawn answer is no longer the accepted one."""
    question = reply.question
    if question.accepted_answer_id == reply.pk:
        _set_accepted(question, None, actor)
    reply.status = Status.WITHDRAWN
    reply.save(update_fields=["status", "updated_at"])
    _record(question, actor, Action.WITHDRAWN, answer=reply)


@transaction.atomic
def accept(question: Question, reply: Answer | None, actor: Profile | None) -> None:
    """Mark `reply` as the answer that helped, or unmark the accepted one (`None`)."""
    if question.accepted_answer_id != (reply.pk if reply else None):
        _set_accepted(question, reply, actor)


def _set_accepted(question: Question, reply: Answer | None, actor: Profile | None) -> None:
    previous = question.accepted_answer
    question.accepted_answer = reply
    question.save(update_fields=["accepted_answer", "updated_at"])
    if reply is None:
        _record(question, actor, Action.UNACCEPTED, answer=previous)
    else:
        _record(question, actor, Action.ACCEPTED, answer=reply)
        notify.accepted(reply, actor)


def mark_helpful(reply: Answer, member: Profile) -> bool:
    """Record that `member` found the answer helpful; False if they already had."""
    try:
        with transaction.atomic():
            HelpfulMark.objects.create(answer=reply, member=member)
    except IntegrityError:
        return False
    return True
