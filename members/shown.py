"""What a member has shown the network, told by the apps that hold it.

Case studies name their contacts and contributors, and seminars their speakers, by a
foreign key to `Profile`: those apps sit above this one, and this app imports none of
them. Each registers a `Shown` here when it starts instead, and the profile page, "your
data" and the directory's "has contributed" facet read the registry. A feature that
credits members with something new (answers to questions, say) registers one more.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, Exists, OuterRef, QuerySet, Value
from django.db.models.expressions import Combinable


@dataclass(frozen=True)
class Shown:
    """One kind of thing a member is credited with.

    `name` is its name in the profile page's context; `public`, if given, gives the live,
    public items for the profile page, in the order shown; `export` gives every item linked
    to the member, as the profile part of "your data" lists them under `export_name` (else
    `name`). When `contributions` is given, a member with any of the rows it returns for a
    profile (`OuterRef("pk")` or a profile) "has contributed", the directory's facet.

    When `counts` is given, it says how many of these items each of some profiles has
    (profile id -> number, in one query; absent ids have none): the people who can help
    are ranked by them (`helpers.py`) and show them in `phrases`, the singular and the
    plural with `{n}` for the number ("{n} accepted answer", "{n} accepted answers")."""

    name: str
    public: Callable[..., QuerySet] | None = None
    export: Callable[..., list[dict]] | None = None
    export_name: str = ""
    contributions: Callable[..., QuerySet] | None = None
    counts: Callable[[Collection[int]], dict[int, int]] | None = None
    phrases: tuple[str, str] = ("", "")

    def phrase(self, number: int) -> str:
        return self.phrases[number != 1].format(n=number)


_registry: dict[str, Shown] = {}


def register(shown: Shown) -> None:
    _registry[shown.name] = shown


def registered() -> list[Shown]:
    return list(_registry.values())


def on_profile(profile) -> dict[str, QuerySet]:
    """The profile page's lists, by name."""
    return {shown.name: shown.public(profile) for shown in registered() if shown.public}


def exported(profile) -> dict[str, list[dict]]:
    """The profile part of "your data" that other apps hold, by name."""
    return {
        shown.export_name or shown.name: shown.export(profile)
        for shown in registered()
        if shown.export
    }


def counted() -> list[Shown]:
    """The kinds that count towards what a member has shown, in the order registered."""
    return [shown for shown in registered() if shown.counts]


def count_by(items: QuerySet, member: str, profile_ids: Collection[int]) -> dict[int, int]:
    """How many of `items` each of these profiles has, in one query; `member` is the
    lookup from an item to its profile (`"speakers__member"`). For `Shown.counts`."""
    rows = (
        items.filter(**{f"{member}__in": profile_ids})
        .order_by()
        .values(member)
        .annotate(number=Count("pk", distinct=True))
        .values_list(member, "number")
    )
    return dict(rows)


def has_contributed(profile) -> Combinable | bool:
    """An expression for `annotate` (with `OuterRef("pk")`) or a plain boolean for one
    profile: has the member any published contribution of any kind?"""
    kinds = [shown.contributions for shown in registered() if shown.contributions]
    if isinstance(profile, OuterRef):
        if not kinds:
            return Value(False)
        return reduce(or_, (Exists(contributions(profile)) for contributions in kinds))
    return any(contributions(profile).exists() for contributions in kinds)
