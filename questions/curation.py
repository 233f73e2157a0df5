"""Editors' care of a thread (the `questions.moderate_question` permission): lock it
against new answers, move it to other topics, merge a duplicate into the question it
repeats, and pin a question to the home page. Each change writes a history row in the
same transaction as the change.

A merged duplicate keeps its row (status `merged`, pointing at the kept question): its
address answers with a permanent redirect, and its history still says what happened.
Its answers, with their helpful marks and reports, move to the kept question.
"""

from django.db import transaction
from django.utils import timezone

from members.models import Profile
from search.indexing import schedule
from search.kinds import source_key

from .models import Action, Answer, Event, Question, Report, Status


def _record(question: Question, actor: Profile | None, action: str, **text) -> None:
    Event.objects.create(question=question, actor=actor, action=action, **text)


@transaction.atomic
def lock(question: Question, editor: Profile | None, locked: bool) -> None:
    if question.is_locked == locked:
        return
    question.locked_at = timezone.now() if locked else None
    question.save(update_fields=["locked_at", "updated_at"])
    _record(question, editor, Action.LOCKED if locked else Action.UNLOCKED)


@transaction.atomic
def pin(question: Question, editor: Profile | None, pinned: bool) -> None:
    """Pin to (or unpin from) the home page, which shows pinned public questions only."""
    if (question.pinned_at is not None) == pinned:
        return
    question.pinned_at = timezone.now() if pinned else None
    question.save(update_fields=["pinned_at", "updated_at"])
    _record(question, editor, Action.PINNED if pinned else Action.UNPINNED)


@transaction.atomic
def move(question: Question, editor: Profile | None, form) -> None:
    """Save a valid topics form (`moderation_forms.MoveForm`). The question's save
    schedules its search document, which is read after the commit, new terms and all."""
    form.save()
    names = ", ".join(str(term) for term in [*question.sectors.all(), *question.themes.all()])
    _record(question, editor, Action.MOVED, text=names)


def merge_refusal(duplicate: Question, kept: Question | None) -> str:
    """Why `duplicate` cannot be merged into `kept`, or ""."""
    if kept is None:
        return "No question has that number."
    if kept.pk == duplicate.pk:
        return "A question cannot be merged into itself. Choose the question it repeats."
    if duplicate.merged_into_id is not None:
        return "This question has already been merged into another."
    if not kept.is_live:
        return "Choose a published question to keep: that one is not published."
    return ""


@transaction.atomic
def merge(duplicate: Question, kept: Question, editor: Profile | None) -> int:
    """Move the duplicate's answers to `kept` and leave the duplicate pointing there;
    returns how many answers moved. Call `merge_refusal` first."""
    moved = list(duplicate.answers.values_list("pk", flat=True))
    duplicate.accepted_answer = None
    duplicate.status = Status.MERGED
    duplicate.merged_into = kept
    duplicate.pinned_at = None
    duplicate.save(
        update_fields=["accepted_answer", "status", "merged_into", "pinned_at", "updated_at"]
    )
    Answer.objects.filter(pk__in=moved).update(question=kept)
    Report.objects.filter(answer__in=moved).update(question=kept)
    _record(
        duplicate, editor, Action.MERGED, title=kept.title, text=f"Merged into question {kept.pk}."
    )
    _record(
        kept,
        editor,
        Action.MERGED,
        title=duplicate.title,
        text=f"Question {duplicate.pk} merged into this one.",
    )
    schedule([source_key(Question, duplicate.pk), source_key(Question, kept.pk)])
    return len(moved)
