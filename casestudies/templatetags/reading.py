"""Template tags for reading a case study or seminar: contents lists, and links from its
terms and tags to the matching search."""

from urllib.parse import urlencode, urlsplit

from django import template
from django.urls import reverse

from casestudies.contents import Contents, Entry, anchored
from casestudies.evidence import OUTCOME_EVIDENCE_TYPES

register = template.Library()

# Ids the article templates give their own sections; body headings never take them.
CASE_STUDY_IDS = {"at-a-glance-title", "illustrative-title", "sources-title", "tags-title"}
SEMINAR_IDS = {"speakers-title", "write-up-title", "lessons-title"}


def search_url(**params) -> str:
    return f"{reverse('search')}?{urlencode(params)}"


@register.simple_tag
def facet_search_url(facet: str, value) -> str:
    """The site search filtered to one facet value, e.g. `/search/?sector=public`."""
    return search_url(**{facet: value})


@register.simple_tag
def tag_search_url(tag) -> str:
    """The site search for a tag as a phrase, taken as written (no spelling correction)."""
    return search_url(q=f'"{tag}"', exact=1)


@register.simple_tag
def case_study_contents(page, sources) -> Contents:
    """The body rendered with anchored headings (`contents.body`) and its contents."""
    contents = Contents(reserved=set(CASE_STUDY_IDS))
    contents.body, entries = contents.add_html(page.body.render_as_block())
    contents.entries = entries
    if sources:
        contents.entries.append(Entry("sources-title", "Sources"))
    return contents


@register.simple_tag
def seminar_contents(page, speakers, lessons) -> Contents:
    contents = Contents(reserved=set(SEMINAR_IDS))
    contents.body, headings = contents.add_html(page.body.render_as_block())
    if speakers:
        contents.entries.append(Entry("speakers-title", "Speakers"))
    if page.body:
        contents.entries.append(Entry("write-up-title", "Write-up", tuple(headings)))
    if lessons:
        for lesson in lessons:
            contents.count_words(lesson.body_html())
        children = tuple(Entry(lesson.anchor, lesson.title) for lesson in lessons)
        contents.entries.append(Entry("lessons-title", "Lessons", children))
    return contents


@register.filter
def outcome_evidence_type(slug: str) -> str:
    """The name of the kind of evidence an outcome rests on (`evidence.py`)."""
    return OUTCOME_EVIDENCE_TYPES.get(slug, "")


@register.filter
def source_host(url: str) -> str:
    """The site a source's link goes to, shown beside it: `www.example.org`."""
    return urlsplit(url).hostname or ""


register.filter("anchored", anchored)
