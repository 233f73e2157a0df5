"""Demo members for `seed_demo`: a dozen invented practitioners across roles, sectors and
regions, with every visibility, some linked as seminar speakers and case study contacts.

Safe to run again: members are matched by their (example.org) address and updated.
Demo accounts have no usable password; in development, "Forgot your password?" prints
a reset link to the console.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from allauth.account.models import EmailAddress

from casestudies.contributions import drafts, workflow
from casestudies.models import CaseStudyContact, CaseStudyPage, SeminarPage
from taxonomy.models import OutcomeArea, Region, Role, Sector, Stage, Theme

from .models import Profile, Visibility
from .profiles import unique_slug


@dataclass
class DemoMember:
    name: str
    job_title: str
    organisation: str
    role: str
    sector: str
    region: str
    visibility: str = Visibility.PUBLIC
    themes: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    outcome_areas: list[str] = field(default_factory=list)
    bio: str = ""
    speaker: bool = False  # named as a speaker in the demo seminars
    case_studies: tuple[str, ...] = ()  # slugs of case studies they are a contact for

    @property
    def email(self) -> str:
        return f"{unique_slug_base(self.name)}@example.org"


def unique_slug_base(name: str) -> str:
    return name.lower().replace("cllr ", "").replace("dr ", "").replace(" ", ".")


MEMBERS = [
    DemoMember(
        "Gareth Pryor", "Head of commissioning, adults and communities",
        "London Borough of Hollowmead", "commissioner", "public", "london",
        themes=["relationships"], stages=["needs-and-assets", "outcome-definition"],
        outcome_areas=["social"], speaker=True,
        case_studies=("hollowmead-day-opportunities-co-production",),
        bio="I commission day opportunities **with** the people who use them. Ask me about "
        "co-production panels and how to pay for them.",
    ),
    DemoMember(
        "Cllr Aisha Rahman", "Cabinet member for neighbourhoods", "Northmoor Borough Council",
        "councillor", "public", "north-west", themes=["leadership"],
        outcome_areas=["social", "jobs"], speaker=True,
        bio="Councillor for twelve years. I chair our social value board.",
    ),
    DemoMember(
        "Colin Fraser", "Head of procurement", "Northmoor Borough Council", "procurement",
        "public", "north-west", Visibility.MEMBERS, themes=["governance"],
        stages=["market-engagement", "procurement"], outcome_areas=["jobs", "growth"],
        speaker=True, case_studies=("northmoor-construction-apprenticeships",),
        bio="Procurement lead for construction. Happy to share our apprenticeship clauses.",
    ),
    DemoMember(
        "Maureen Okafor", "Chief executive", "Hollowmead Carers' Network", "provider",
        "social", "london", themes=["relationships"], stages=["delivery"],
        outcome_areas=["social"], speaker=True,
        bio="We run peer support for unpaid carers and bid for council contracts with partners.",
    ),
    DemoMember(
        "Ravi Chandra", "Managing director", "Harbourside Construction Ltd", "provider",
        "private", "east-of-england", Visibility.MEMBERS, stages=["delivery", "measurement"],
        outcome_areas=["jobs", "environment"], speaker=True,
        bio="A contractor's view of social value: what we can promise and how we report it.",
    ),
    DemoMember(
        "Priya Nair", "Investment director", "Kinderbridge Social Investment", "other",
        "private", "uk-wide", themes=["governance"], outcome_areas=["innovation", "growth"],
        speaker=True, bio="Social investment in outcomes contracts.",
    ),
    DemoMember(
        "Dr Helen Marsh", "Director of strategy", "Calder Moor Hospitals NHS Foundation Trust",
        "service-leader", "public", "yorkshire-and-the-humber", Visibility.HIDDEN,
        themes=["leadership"], outcome_areas=["jobs"], speaker=True,
        bio="Anchor institution work in the NHS.",
    ),
    DemoMember(
        "Owen Gwilym", "Sustainable procurement adviser", "Cwm Aran Health Board",
        "procurement", "public", "wales", themes=["governance"], stages=["procurement"],
        outcome_areas=["environment"],
        bio="Well-being of Future Generations duties in NHS procurement.",
    ),
    DemoMember(
        "Fiona MacLeod", "Researcher", "Clydeholm Policy Institute", "researcher", "social",
        "scotland", Visibility.MEMBERS, stages=["measurement"], outcome_areas=["social"],
        bio="I study how councils measure social value, and how they could do it better.",
    ),
    DemoMember(
        "Niamh Byrne", "Community energy co-ordinator", "Ballycarra Community Energy",
        "provider", "social", "northern-ireland", themes=["relationships"],
        outcome_areas=["environment", "growth"],
    ),
    DemoMember(
        "Tomasz Kowalski", "Commissioning officer", "Soarbrook City Council", "commissioner",
        "public", "west-midlands", Visibility.HIDDEN, stages=["needs-and-assets"],
        outcome_areas=["social"],
    ),
    DemoMember(
        "Grace Adeyemi", "Social value manager", "Kestrel Homes", "service-leader", "social",
        "south-east", themes=["leadership", "relationships"], stages=["outcome-definition"],
        outcome_areas=["environment", "social"],
        bio="Housing association social value: retrofit, local jobs and tenant voice.",
    ),
]  # fmt: skip


@transaction.atomic
def seed_members() -> int:
    """Create or update the demo members and their links; return how many there are."""
    for spec in MEMBERS:
        profile = _profile(spec)
        _link_case_studies(profile, spec.case_studies)
    _link_speakers()
    _contributions()
    return len(MEMBERS)


# Demo contributions, so that an editor trying the site sees a review queue:
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


def _contributions() -> None:
    """A draft, one waiting for review and one sent back with changes requested."""
    reviewer = get_user_model().objects.filter(is_superuser=True).first()
    by_name = {spec.name: spec.email for spec in MEMBERS}
    for name, title, state in CONTRIBUTIONS:
        profile = Profile.objects.filter(user__email=by_name[name]).first()
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


def _profile(spec: DemoMember) -> Profile:
    user, created = get_user_model().objects.get_or_create(
        email=spec.email, defaults={"username": f"demo-{unique_slug_base(spec.name)}"[:150]}
    )
    if created:
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=spec.email, defaults={"verified": True, "primary": True}
    )
    profile = Profile.objects.filter(user=user).first() or Profile(
        user=user, slug=unique_slug(spec.name)
    )
    profile.display_name = spec.name
    profile.job_title = spec.job_title
    profile.organisation_name = spec.organisation
    profile.role = Role.objects.get(slug=spec.role)
    profile.sector = Sector.objects.get(slug=spec.sector)
    profile.region = Region.objects.get(slug=spec.region)
    profile.visibility = spec.visibility
    profile.bio = spec.bio
    profile.save()
    profile.themes.set(Theme.objects.filter(slug__in=spec.themes))
    profile.stages.set(Stage.objects.filter(slug__in=spec.stages))
    profile.outcome_areas.set(OutcomeArea.objects.filter(slug__in=spec.outcome_areas))
    return profile


def _link_speakers() -> None:
    """Point the demo seminars' speakers at the members of the same name."""
    speakers = {spec.email: spec.name for spec in MEMBERS if spec.speaker}
    by_name = {
        speakers[email]: pk
        for email, pk in Profile.objects.filter(user__email__in=speakers).values_list(
            "user__email", "pk"
        )
    }
    for seminar in SeminarPage.objects.live():
        page = seminar.get_latest_revision_as_object()
        speakers = list(page.speakers.all())
        changed = False
        for speaker in speakers:
            member_id = by_name.get(speaker.name)
            if member_id and speaker.member_id != member_id:
                speaker.member_id = member_id
                changed = True
        if changed:
            page.speakers = speakers
            page.save_revision(clean=False).publish()


def _link_case_studies(profile: Profile, slugs: tuple[str, ...]) -> None:
    for case_study in CaseStudyPage.objects.live().filter(slug__in=slugs):
        page = case_study.get_latest_revision_as_object()
        if any(contact.member_id == profile.pk for contact in page.contacts.all()):
            continue
        page.contacts = [*page.contacts.all(), CaseStudyContact(member=profile, role="Contact")]
        page.save_revision(clean=False).publish()
