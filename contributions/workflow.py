"""Contributions through the site's Wagtail workflow: submitting, resubmitting after
"changes requested", withdrawing a suspended member's, and where each one stands.

The workflow ("Contributions", one approval task for the "Contribution moderators" group)
is created by data migrations (casestudies 0003, network.access 0001) and assigned to the
case study index page, so every page under it, a member's contribution included, goes
through it."""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import GroupPagePermission, TaskState, Workflow, WorkflowPage, WorkflowState
from wagtail.users.models import UserProfile

from casestudies.models import CaseStudyIndexPage, CaseStudyPage

WORKFLOW_NAME = "Contributions"
MODERATORS = "Contribution moderators"
# Approving publishes the page, which Wagtail checks against page permissions; reviewing
# itself needs none (the task opens the editor to its group). Nothing more is given.
MODERATOR_PAGE_PERMISSIONS = ("publish_page",)
TASK_NAME = "Review by a moderator"


class Status:
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"
    NOT_ACCEPTED = "not_accepted"


LABELS = {
    Status.DRAFT: "Draft",
    Status.SUBMITTED: "Submitted: waiting for review",
    Status.CHANGES_REQUESTED: "Changes requested",
    Status.PUBLISHED: "Published",
    Status.NOT_ACCEPTED: "Not accepted",
}


@dataclass(frozen=True)
class Standing:
    """Where a contribution stands, for its author."""

    status: str
    comment: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def editable(self) -> bool:
        """The author may change it now (not while an editor reviews it, nor once live)."""
        return self.status in (Status.DRAFT, Status.CHANGES_REQUESTED, Status.NOT_ACCEPTED)


def index_created(sender, instance, created, raw=False, **kwargs) -> None:
    """A new case study index (a new site's, made after the migrations ran) takes the
    workflow at once, so no contribution under it can skip review."""
    if created and not raw:
        moderation_workflow(instance)


def moderation_workflow(index: CaseStudyIndexPage | None = None) -> Workflow:
    """The contributions workflow, assigned to the case study index, under which the
    moderators may publish (what approving does), made so here when the index was created
    after the migrations ran, as on a new site."""
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    index = index or CaseStudyIndexPage.objects.first()
    if index is not None:
        WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
        moderators = Group.objects.get(name=MODERATORS)
        for codename in MODERATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=moderators,
                page=index,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    return workflow


def standing(page: CaseStudyPage) -> Standing:
    """The status of a contribution and the editor's comment that goes with it."""
    if page.live:
        return Standing(Status.PUBLISHED, _last_comment(page))
    state = (
        WorkflowState.objects.filter(
            base_content_type=page.get_base_content_type(), object_id=str(page.pk)
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if state is None:
        return Standing(Status.DRAFT)
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        return Standing(Status.SUBMITTED)
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return Standing(Status.CHANGES_REQUESTED, _last_comment(page))
    if state.status == WorkflowState.STATUS_CANCELLED:
        # An editor cancelled the review (or the member was suspended): not accepted.
        return Standing(Status.NOT_ACCEPTED, _last_comment(page))
    return Standing(Status.DRAFT)


def _last_comment(page: CaseStudyPage) -> str:
    """The latest decision's comment on this page, if the editor wrote one."""
    latest = (
        TaskState.objects.for_instance(page)
        .exclude(comment="")
        .order_by("-finished_at", "-pk")
        .values_list("comment", flat=True)
        .first()
    )
    return latest or ""


@transaction.atomic
def submit(page: CaseStudyPage, user) -> WorkflowState:
    """Send the page's latest revision to the moderators: resume a workflow waiting for
    changes, or start a new one."""
    _own_emails_only(user)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    if state is not None:
        return state  # already waiting for review
    workflow = page.get_workflow() or moderation_workflow()
    return workflow.start(page, user)


def _own_emails_only(user) -> None:
    """A member hears of decisions from `notify.py`, in plain words with links to the
    site; Wagtail's own notices (with links into the admin) would only duplicate them."""
    if not user.is_staff:
        UserProfile.objects.update_or_create(
            user=user,
            defaults={"approved_notifications": False, "rejected_notifications": False},
        )


def withdraw_pending(pages) -> int:
    """Take these pages' contributions out of the review queue (a suspended member's)."""
    withdrawn = 0
    for page in pages:
        state = page.current_workflow_state
        if state is not None:
            state.cancel(user=None)
            withdrawn += 1
    return withdrawn


def pending_for(contributor_pk: int):
    """The contributor's pages waiting for an editor or for changes."""
    return CaseStudyPage.objects.filter(contributor_id=contributor_pk, live=False)
