"""Helpers content pages share to read what they show in few queries."""

from django.db.models import prefetch_related_objects

from wagtail.models import Page


def prefetch_for_page(page: Page, *lookups: str) -> None:
    """Read the related rows a page's template shows in one query per relation, so its
    query count does not grow with its speakers, lessons or contacts."""
    prefetch_related_objects([page], *lookups)


def linked_members(relation: str) -> str:
    """The lookup that reads the members behind `relation` (contacts, speakers) with what
    linking to them checks (`visible_profile`): their accounts and confirmed addresses."""
    return f"{relation}__member__user__emailaddress_set"
