"""The people who can help: up to five members, among those a viewer may see, who said
they are open to questions, for a topic (the terms of a question, a case study, a seminar's
lessons or a search).

They are ranked by what they have shown the network, as the apps that hold it count it
through `shown` (case studies they are a contact for or contributed, seminars they spoke
at, accepted answers), then by how many of the topic's themes, stages, outcome areas,
sector and region their profile shares. A member must share at least one term (and a
topic without terms offers nobody): someone who knows another subject is no help, however
much they have shown. Only members who accept messages are offered, since "Ask them" sends one.

A fixed handful of queries whatever the number of members: the candidates with their
overlap, one per counted kind, then the five.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from taxonomy.models import OutcomeArea, Region, Sector, Stage, Theme

from . import shown
from .models import Profile
from .visibility import visible_levels

LIMIT = 5
# The facets a topic is made of, by the vocabulary whose terms name `profiles`.
TOPIC_VOCABULARIES = {
    "theme": Theme,
    "stage": Stage,
    "outcome_area": OutcomeArea,
    "sector": Sector,
    "region": Region,
}

Topic = dict[str, frozenset[str]]


@dataclass(frozen=True)
class Helper:
    """A member offered as someone who can help, with what they have shown in words
    ("2 accepted answers"), in the order the kinds registered."""

    profile: Profile
    shown: list[str]


def topic(terms: Mapping[str, object]) -> Topic:
    """The slugs of a topic by facet, from facet names mapped to terms, slugs or lists of
    either (a search's filters, a page's fields); other names are left out."""
    slugs = {name: frozenset(_slugs(terms.get(name))) for name in TOPIC_VOCABULARIES}
    return {name: values for name, values in slugs.items() if values}


def _slugs(value) -> Iterable[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if hasattr(value, "slug"):
        return [value.slug]
    if hasattr(value, "all"):  # a related manager
        value = value.all()
    return [item if isinstance(item, str) else item.slug for item in value]


def people_who_can_help(subject: Topic, viewer, exclude: Iterable[int] = ()) -> list[Helper]:
    """Up to five members the viewer may see who can help on `subject`, best first;
    never the viewer, nor the profiles in `exclude` (a question's asker)."""
    if not subject:
        return []
    candidates = _candidates(subject, viewer, exclude)
    if not candidates:
        return []
    counts = {kind.name: kind.counts(list(candidates)) for kind in shown.counted() if kind.counts}
    totals = {pk: sum(numbers.get(pk, 0) for numbers in counts.values()) for pk in candidates}
    ranked = sorted(candidates, key=lambda pk: (-totals[pk], -candidates[pk][0], candidates[pk][1]))
    chosen = ranked[:LIMIT]
    profiles = Profile.objects.select_related("organisation").in_bulk(chosen)
    return [
        Helper(
            profile=profiles[pk],
            shown=[
                kind.phrase(counts[kind.name][pk])
                for kind in shown.counted()
                if counts[kind.name].get(pk)
            ],
        )
        for pk in chosen
    ]


def _candidates(subject: Topic, viewer, exclude: Iterable[int]) -> dict[int, tuple[int, str]]:
    """Profile id -> (terms shared with the subject, name) of every member who may be
    offered to this viewer."""
    profiles = (
        Profile.objects.listed()
        .filter(
            open_to_questions=True,
            accepts_messages=True,
            visibility__in=visible_levels(viewer),
        )
        .exclude(pk__in=list(exclude))
    )
    if viewer is not None and viewer.is_authenticated:
        profiles = profiles.exclude(user=viewer)
    shared = sum(
        (_shared(TOPIC_VOCABULARIES[name], slugs) for name, slugs in subject.items()),
        start=Value(0),
    )
    rows = (
        profiles.annotate(overlap=shared)
        .filter(overlap__gte=1)
        .values_list("pk", "overlap", "display_name")
    )
    return {pk: (overlap, name) for pk, overlap, name in rows}


def _shared(vocabulary, slugs: frozenset[str]):
    """How many of these terms of a vocabulary the profile has (a subquery)."""
    rows = (
        vocabulary.objects.filter(profiles=OuterRef("pk"), slug__in=slugs)
        .order_by()
        .values("profiles")
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)
