"""The member directory at /members/: faceted search over member profiles.

It is a listing of the one faceted view (`search.views`): the same parameters, the same
search service and index, and so the same visibility rules, applied by the service for the
viewer, with the `member` kind fixed and the facets that describe people.
"""

from django.views.decorators.http import require_safe

from search.facets import FACETS
from search.views import Listing, render_listing

DIRECTORY_FACETS = (
    "role",
    "contributed",
    "open_to_questions",
    "sector",
    "region",
    "theme",
    "stage",
    "outcome_area",
)


def member_card(hit) -> dict:
    terms = [
        FACETS[name].label_of(value)
        for name in ("role", "sector", "region", "contributed", "open_to_questions")
        for value in hit.facets.get(name, [])
    ]
    return {"hit": hit, "terms": terms}


DIRECTORY = Listing(
    "members/directory.html",
    fixed={"kind": ("member",)},
    facets=DIRECTORY_FACETS,
    present=member_card,
)


@require_safe
def directory(request):
    return render_listing(request, DIRECTORY)
