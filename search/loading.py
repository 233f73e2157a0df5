"""Loading what documents read, for a batch of sources, in a few queries.

A rebuild reads every page; building model instances for every term each page carries
would cost more than everything else. The vocabularies are small, so each batch loads
them whole once and looks terms up by primary key.
"""

from collections import defaultdict

from django.db import models


def terms_by_pk(model: type[models.Model]) -> dict[int, models.Model]:
    """Every term of a vocabulary, in the vocabulary's order."""
    return {term.pk: term for term in model._default_manager.all()}


def linked(model: type[models.Model], relation: str, pks: list[int]) -> dict[int, list[int]]:
    """Primary keys of the objects that each of `pks` links to through a many-to-many
    `relation` of `model`, in link order."""
    field = model._meta.get_field(relation)
    assert isinstance(field, models.ManyToManyField)
    through = field.remote_field.through
    assert through is not None  # Django makes one for every many-to-many field
    own, other = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    links = defaultdict(list)
    rows = (
        through._default_manager.filter(**{f"{own}__in": pks})
        .order_by("pk")
        .values_list(own, other)
    )
    for pk, target in rows:
        links[pk].append(target)
    return links


def linked_terms(model, relation: str, pks: list[int]) -> dict[int, list[models.Model]]:
    """The terms each of `pks` carries through `relation`, in the vocabulary's order."""
    terms = terms_by_pk(model._meta.get_field(relation).related_model)
    order = {pk: position for position, pk in enumerate(terms)}
    links = linked(model, relation, pks)
    return {
        pk: [terms[t] for t in sorted(targets, key=order.__getitem__)]
        for pk, targets in links.items()
    }


class SiteRootPaths:
    """Stands in for a request in `Page.get_url`, so that Wagtail looks the sites' root
    paths up once per batch rather than once per page."""

    _wagtail_site = None
