"""Signal receivers that keep search current; connected in `SearchConfig.ready()`.

Pages: published, unpublished, deleted, moved or renamed (their URLs change, and their
descendants'), or put behind a view restriction. Other sources (e.g. member profiles):
saved or deleted. Anything a kind `depends_on` (taxonomy terms, organisations): saved or
deleted, which refreshes the sources whose documents carry it. Every refresh runs after
the transaction commits.
"""

from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .indexing import schedule
from .kinds import kinds_of_model, registered_kinds, source_key, source_models


def _page_models() -> set[type[Page]]:
    return {model for model in source_models() if issubclass(model, Page)}


def page_changed(sender, instance, **kwargs):
    model = type(instance)
    if kinds_of_model(model):
        schedule([source_key(model, instance.pk)])


def source_saved_or_deleted(sender, instance, **kwargs):
    schedule([source_key(sender, instance.pk)])


def pages_below(page) -> list[str]:
    """The indexed pages at or below `page`, whose URLs follow it."""
    keys = []
    for model in _page_models():
        pks = model.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
        keys.extend(source_key(model, pk) for pk in pks)
    return keys


def page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if url_path_before != url_path_after:
        schedule(pages_below(instance))


def page_slug_was_changed(sender, instance, **kwargs):
    schedule(pages_below(instance))


def restriction_changed(sender, instance, **kwargs):
    schedule(pages_below(instance.page))


def dependency_changed(sender, instance, **kwargs):
    keys = []
    for kind in registered_kinds():
        keys.extend(source_key(kind.model, pk) for pk in kind.sources_depending_on(instance))
    schedule(keys)


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="search.page_published")
    page_unpublished.connect(page_changed, dispatch_uid="search.page_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="search.page_moved")
    page_slug_changed.connect(page_slug_was_changed, dispatch_uid="search.page_slug")
    for name, signal in (("save", post_save), ("delete", post_delete)):
        uid = f"search.restriction.{name}"
        signal.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid=uid)
    for model in source_models():
        uid = f"search.source.{model._meta.label_lower}"
        post_delete.connect(source_saved_or_deleted, sender=model, dispatch_uid=f"{uid}.delete")
        if not issubclass(model, Page):
            post_save.connect(source_saved_or_deleted, sender=model, dispatch_uid=f"{uid}.save")
    dependencies = {model for kind in registered_kinds() for model in kind.depends_on}
    for model in dependencies:
        uid = f"search.dependency.{model._meta.label_lower}"
        post_save.connect(dependency_changed, sender=model, dispatch_uid=f"{uid}.save")
        # Before the delete: afterwards the rows that carried it no longer say so.
        pre_delete.connect(dependency_changed, sender=model, dispatch_uid=f"{uid}.delete")
