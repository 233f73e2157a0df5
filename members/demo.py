"""Demo members for `seed_demo`: a dozen invented practitioners across roles, sectors and
regions, with every visibility. The apps above link some of them as seminar speakers and
case study contacts (`casestudies.demo.members`) and give some contributions
(`contributions.demo`), from the same list.

Safe to run again: members are matched by their (example.org) address and updated.
Demo accounts have no usable password; in development, "Forgot your password?" prints
a reset link to the console.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from allauth.account.models import EmailAddress

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
    """Create or update the demo members; return how many there are."""
    for spec in MEMBERS:
        _profile(spec)
    return len(MEMBERS)


def demo_profile(name: str) -> Profile | None:
    """The demo member of that name, once seeded."""
    emails = {spec.name: spec.email for spec in MEMBERS}
    return Profile.objects.filter(user__email=emails[name]).select_related("user").first()


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
