"""Demo contributions for `seed_demo`, so that an editor trying the site sees a review
queue. Matched by title: safe to run again."""

from django.contrib.auth import get_user_model
from django.db import transaction

from casestudies.models import CaseStudyPage
from members.demo import demo_profile

from . import drafts, workflow

# Demo contributions:
# (author's name, title, what happens to it). Matched by title: safe to run again.
CONTRIBUTIONS = [
    ("Gareth Pryor", "Day opportunities bought with the people who use them", "draft"),
    ("Gareth Pryor", "A social value panel for adult social care contracts", "submitted"),
    ("Cllr Aisha Rahman", "Neighbourhood budgets decided by residents", "changes_requested"),
]
DEMO_BODY = (
    "## What we did\n\nWe asked the people who use the service what a good week looks "
    "like, and wrote the outcomes with them.\n\n## What changed\n\n- more local "
    "providers bid\n- outcomes were reported every quarter"
)

DEMO_OUTCOME = {
    "measure": "Local providers bidding",
    "before": "3",
    "after": "11",
    "evidence": "The council's tender returns, before and after",
}
DEMO_LESSON = {
    "title": "Write the outcomes with the people who use the service",
    "body": "They named what a good week looks like; the specification followed.",
}


@transaction.atomic
def seed_contributions() -> None:
    """A draft, one waiting for review and one sent back with changes requested."""
    reviewer = get_user_model().objects.filter(is_superuser=True).first()
    for name, title, state in CONTRIBUTIONS:
        profile = demo_profile(name)
        if profile is None or CaseStudyPage.objects.filter(title=title).exists():
            continue
        draft = drafts.Draft(
            title=title,
            summary="A member's account, waiting for an editor.",
            body=DEMO_BODY,
            region=profile.region,
            outcomes=[DEMO_OUTCOME],
            lessons=[DEMO_LESSON],
        )
        page = drafts.create(profile, profile.user, draft)
        if state == "draft":
            continue
        workflow.submit(page, profile.user)
        if state == "changes_requested":
            task_state = page.current_workflow_state.current_task_state
            task_state.reject(
                user=reviewer, comment="Please add the figures you measured before and after."
            )
