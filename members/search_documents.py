"""Member profiles in the search index: the `member` kind.

A listed profile (confirmed, not suspended, not hidden) is one document whose visibility
is the profile's own (`public` or `members`); the search service shows it only to viewers
whose `visible_levels` include it. Hidden, suspended and unconfirmed profiles are not in
the index at all. No email address is ever put in a document.
"""

from functools import partial

from django.db.models import OuterRef

from search.facets import Facet
from search.kinds import Document, DocumentKind, register
from search.text import markdown_text
from taxonomy import terms
from taxonomy.models import Organisation, OutcomeArea, Region, Role, Sector, Stage, Theme

from . import shown
from .models import Profile
from .visibility import visible_levels

HAS_CONTRIBUTED = "yes"
# "Has contributed": members with a published contribution (what counts is registered in
# `shown`). The app that holds contributions refreshes the document when one of theirs is
# published, unpublished or deleted.
CONTRIBUTED = Facet(
    "contributed", "Contributions", lambda: {HAS_CONTRIBUTED: "Has contributed a case study"}
)
OPEN = "yes"
# "Open to questions": members who said they are (a profile choice), as `helpers.py` offers.
OPEN_TO_QUESTIONS = Facet("open_to_questions", "Questions", lambda: {OPEN: "Open to questions"})


@register
class MemberDocument(DocumentKind[Profile]):
    kind = "member"
    label = "Member"
    model = Profile
    found_by_meaning = False  # a name must never bring back another person
    depends_on = {
        Role: "role",
        Sector: "sector",
        Region: "region",
        Organisation: "organisation",
        Theme: "themes",
        Stage: "stages",
        OutcomeArea: "outcome_areas",
    }
    # Role, contributions and questions are members' own; the others are the case studies' facets,
    # registered first.
    facets = (Facet("role", "Role", partial(terms.names, "role")), CONTRIBUTED, OPEN_TO_QUESTIONS)

    def published(self):
        return (
            Profile.objects.listed()
            .with_related()
            .annotate(has_contributed=shown.has_contributed(OuterRef("pk")))
        )

    def documents(self, profile: Profile, prepared=None):
        document = Document(
            kind=self.kind,
            key=profile.pk,
            title=profile.display_name,
            url=profile.get_absolute_url(),
            slug=profile.slug,
            summary=_summary(profile),
            body=markdown_text(profile.bio),
            organisations=[profile.organisation_label] if profile.organisation_label else [],
            people=[profile.display_name],
            published_at=profile.published_at,
            visibility=str(profile.visibility),
            completions=[profile.display_name],
        )
        document.add_terms("role", [profile.role] if profile.role else [])
        document.add_terms("sector", [profile.sector] if profile.sector else [])
        document.add_terms("region", [profile.region] if profile.region else [])
        document.add_terms("theme", profile.themes.all())
        document.add_terms("stage", profile.stages.all())
        document.add_terms("outcome_area", profile.outcome_areas.all())
        has_contributed = getattr(profile, "has_contributed", None)
        if has_contributed is None:
            has_contributed = shown.has_contributed(profile)
        if has_contributed:
            document.facets[CONTRIBUTED.name] = [HAS_CONTRIBUTED]
        if profile.open_to_questions:
            document.facets[OPEN_TO_QUESTIONS.name] = [OPEN]
        yield document

    @classmethod
    def visible_levels(cls, user) -> frozenset[str]:
        return frozenset(str(level) for level in visible_levels(user))


def _summary(profile: Profile) -> str:
    return ", ".join(part for part in (profile.job_title, profile.organisation_label) if part)
