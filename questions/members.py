"""Questions as the members app counts them: a member's accepted answers rank them among
the people who can help (registered in `members.shown`). Every live accepted answer
counts, members-only ones too: the number says nothing of what was asked."""

from members import shown

from .models import Answer, Status


def accepted_answer_counts(profile_ids) -> dict[int, int]:
    accepted = Answer.objects.filter(status=Status.LIVE, accepted_for__status=Status.LIVE)
    return shown.count_by(accepted, "author", profile_ids)


def register() -> None:
    shown.register(
        shown.Shown(
            "accepted_answers",
            counts=accepted_answer_counts,
            phrases=("{n} accepted answer", "{n} accepted answers"),
        )
    )
