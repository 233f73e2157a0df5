"""Questions members ask, the answers other members give, the "helpful" marks on answers
and the history of every post.

A post stays when its author deletes their account (`on_delete=SET_NULL`): the page then
credits "a former member", as contributions do. Nothing is deleted by its author either:
withdrawing a post sets its status, so the history and the answers that quote it keep
their meaning.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import slugify

from base.markdown import render_markdown
from taxonomy.models import OutcomeArea, Region, Sector, Stage, Theme


class Audience(models.TextChoices):
    """Who may read a question and its answers. The values are the search index's
    visibility levels (the same as members-only profiles'), so the search service shows
    a members-only question to exactly the viewers who may see members-only profiles."""

    MEMBERS = "members", "Members only: signed-in members who have confirmed their address"
    PUBLIC = "public", "Everyone, including people who are not signed in"


class Status(models.TextChoices):
    LIVE = "live", "Live"
    WITHDRAWN = "withdrawn", "Withdrawn by its author"
    # Moderation (questions/moderation.py): a first post waits, reports can hide a post,
    # a moderator rejects one; a duplicate merged into another question redirects there.
    PENDING = "pending", "Waiting for a moderator"
    HIDDEN = "hidden", "Hidden after reports, until a moderator reviews it"
    REJECTED = "rejected", "Rejected by a moderator"
    MERGED = "merged", "Merged into another question"


class Post(models.Model):
    """What a question and an answer share: an author, Markdown, a status, timestamps."""

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.LIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def author_profile(self):
        raise NotImplementedError

    @property
    def is_live(self) -> bool:
        """Shown to its readers: live, and its author not suspended (a suspended member's
        posts leave every surface; `live()` below is the same rule in SQL)."""
        author = self.author_profile
        return self.status == Status.LIVE and not (author and author.is_suspended)


def _live(queryset, author: str):
    """Live posts whose author is not suspended (a deleted author's posts stay)."""
    return queryset.filter(status=Status.LIVE, **{f"{author}__suspended_at__isnull": True})


class QuestionQuerySet(models.QuerySet):
    def live(self):
        return _live(self, "asker")

    def with_terms(self):
        return self.select_related(
            "asker", "region", "accepted_answer", "accepted_answer__author"
        ).prefetch_related("sectors", "themes", "stages", "outcome_areas")


class Question(Post):
    asker = models.ForeignKey(
        "members.Profile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text="Empty once the member has deleted their account: a former member.",
    )
    title = models.CharField(max_length=150)
    details = models.TextField(blank=True, help_text="Markdown.")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.MEMBERS)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="questions")
    themes = models.ManyToManyField(Theme, blank=True, related_name="questions")
    stages = models.ManyToManyField(Stage, blank=True, related_name="questions")
    outcome_areas = models.ManyToManyField(OutcomeArea, blank=True, related_name="questions")
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="questions"
    )
    accepted_answer = models.OneToOneField(
        "Answer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_for",
        help_text="The answer the asker (or an editor) marked as the one that helped.",
    )

    # Editors' care of a thread (questions/curation.py).
    locked_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when an editor locked it: no new answers."
    )
    pinned_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when an editor pinned it to the home page."
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text="The question this duplicate was merged into; its address redirects there.",
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            (
                "moderate_question",
                "Can moderate questions and answers: review, accept, lock, move, merge, pin",
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # The title is not in the address: a stranger sent to sign in sees the address.
        return reverse("questions:detail", kwargs={"pk": self.pk})

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80] or "question"

    @property
    def details_html(self) -> SafeString:
        return render_markdown(self.details)

    @property
    def is_answered(self) -> bool:
        return self.accepted_answer_id is not None

    @property
    def author_profile(self):
        return self.asker

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class AnswerQuerySet(models.QuerySet):
    def live(self):
        return _live(self, "author")


class Answer(Post):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        "members.Profile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
        help_text="Empty once the member has deleted their account: a former member.",
    )
    body = models.TextField(help_text="Markdown.")

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"An answer to {self.question}"

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"

    @property
    def body_html(self) -> SafeString:
        return render_markdown(self.body)

    @property
    def author_profile(self):
        return self.author


class HelpfulMark(models.Model):
    """A member found an answer helpful: once each, never on their own answer. The mark
    goes with the member's account."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="helpful_marks")
    member = models.ForeignKey(
        "members.Profile", on_delete=models.CASCADE, related_name="helpful_marks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "member"], name="one_helpful_mark_each")
        ]

    def __str__(self) -> str:
        return f"{self.member} found {self.answer} helpful"


class Action(models.TextChoices):
    ASKED = "asked", "Asked"
    ANSWERED = "answered", "Answered"
    EDITED = "edited", "Edited"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ACCEPTED = "accepted", "Accepted an answer"
    UNACCEPTED = "unaccepted", "Unmarked the accepted answer"
    # Moderators and editors (questions/moderation.py, questions/curation.py).
    APPROVED = "approved", "Approved by a moderator"
    REJECTED = "rejected", "Rejected by a moderator"
    LOCKED = "locked", "Locked: no new answers"
    UNLOCKED = "unlocked", "Unlocked"
    MOVED = "moved", "Moved to other topics"
    MERGED = "merged", "Merged"
    PINNED = "pinned", "Pinned to the home page"
    UNPINNED = "unpinned", "Unpinned from the home page"


class Event(models.Model):
    """The history of a thread, one row per change and never changed: who asked,
    answered, edited (with the text as it then read), withdrew, accepted or unaccepted."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="events")
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        "members.Profile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_events",
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    title = models.CharField(max_length=150, blank=True)
    text = models.TextField(blank=True, help_text="The post's Markdown after the change.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.question}"


class Report(models.Model):
    """A member's report that a post breaks the site's rules, with their reason: once
    each per post. The moderators' queue lists posts with reports not yet reviewed, and a
    post reported by QUESTIONS_REPORTS_TO_HIDE members is hidden until reviewed."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="reports")
    answer = models.ForeignKey(
        Answer,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
        help_text="Empty when the report is about the question itself.",
    )
    reporter = models.ForeignKey(
        "members.Profile", on_delete=models.CASCADE, related_name="question_reports"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "reporter"],
                condition=models.Q(answer__isnull=True),
                name="one_report_each_per_question",
            ),
            models.UniqueConstraint(
                fields=["answer", "reporter"],
                condition=models.Q(answer__isnull=False),
                name="one_report_each_per_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reporter} reported {self.answer or self.question}"


# --- Following a question, and the emails owed about it (following.py, notify.py) -------


class Follow(models.Model):
    """A member wants an email when a question gets new answers. The asker follows their
    own question from the start. Stopping (the page's button or an email's unsubscribe
    link) keeps the row with `stopped_at`, so that a member who stopped hears nothing more
    about that question, not even that their answer was accepted, until they follow it
    again; and an asker who stopped is not made to follow again."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        "members.Profile", on_delete=models.CASCADE, related_name="question_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "member"], name="one_follow_each")
        ]

    def __str__(self) -> str:
        return f"{self.member} follows {self.question}"


class Reason(models.TextChoices):
    ANSWERED = "answered", "A new answer to a question they follow"
    ACCEPTED = "accepted", "Their answer was accepted"


class Notice(models.Model):
    """An email owed to a member and not sent yet: one row per answer (or acceptance) and
    recipient, written with the change. The sender (`notify.send_due`) claims a
    recipient's rows for one question and reason, sends one email covering them all and
    deletes them: rows exist only while pending."""

    recipient = models.ForeignKey(
        "members.Profile", on_delete=models.CASCADE, related_name="question_notices"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notices")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="notices")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.get_reason_display()} for {self.recipient}"


# --- Citations: the case studies and lessons a post draws on (citations.py) -----------


class Citation(models.Model):
    """A post cites a published page of the site: a case study, or a seminar (a lesson of
    it when `lesson_slug` is set, the lesson at `#lesson-<slug>`). `answer` is empty when
    the question itself cites the page. The cited page lists the question
    (`templatetags/questions_citing.py`), to the viewers who may read it."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="citations")
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="question_citations"
    )
    lesson_slug = models.SlugField(
        max_length=255, blank=True, help_text="Empty when the whole page is cited."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.answer or self.question} cites page {self.page_id}"
