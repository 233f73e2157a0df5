"""An issue's contents, rendered once for the web page and once for every email.

`items` is the one place that decides what an issue shows: the chosen case studies,
seminars and lessons that are live and public now (anything unpublished or restricted
since it was chosen drops out), and the free sections, in the editor's order.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from wagtail.models import Page

from base.identity import site_name
from base.markdown import render_markdown
from search.text import markdown_text, truncate

from . import emails
from .choosers import public_lessons

LESSON_SUMMARY_LENGTH = 240
PAGE_KINDS = {"case_study": "Case study", "seminar": "Seminar"}


@dataclass(frozen=True)
class Item:
    kind: str  # "Case study", "Seminar", "Lesson", or "" for a free section
    title: str
    summary: str = ""
    url: str = ""  # the site's own path
    text: str = ""  # a free section's Markdown
    html: SafeString | str = ""


def items(issue) -> list[Item]:
    blocks = list(issue.body)
    page_ids = [b.value.pk for b in blocks if b.block_type in PAGE_KINDS and b.value]
    lesson_ids = [b.value.pk for b in blocks if b.block_type == "lesson" and b.value]
    pages = Page.objects.live().public().filter(pk__in=page_ids).specific().in_bulk()
    lessons = public_lessons().filter(pk__in=lesson_ids).select_related("page").in_bulk()
    result = []
    for block in blocks:
        value = block.value
        if block.block_type == "section":
            result.append(
                Item("", value["heading"], text=value["text"], html=render_markdown(value["text"]))
            )
        elif block.block_type in PAGE_KINDS and value and value.pk in pages:
            page = pages[value.pk]
            result.append(Item(PAGE_KINDS[block.block_type], page.title, page.summary, page.url))
        elif block.block_type == "lesson" and value and value.pk in lessons:
            lesson = lessons[value.pk]
            summary = truncate(markdown_text(lesson.body), LESSON_SUMMARY_LENGTH)
            url = f"{lesson.page.url}#{lesson.anchor}"
            result.append(Item("Lesson", lesson.title, summary, url))
    return result


@dataclass(frozen=True)
class Rendered:
    subject: str
    context: dict


def render(issue, *, test: bool = False) -> Rendered:
    """The subject and template context of the issue's email, the same for everyone."""
    contents = [
        {
            "kind": item.kind,
            "title": item.title,
            "summary": item.summary,
            "url": emails.absolute(item.url),
            "text": item.text,
            "html": item.html,
        }
        for item in items(issue)
    ]
    subject = f"[Test] {issue.title}" if test else issue.title
    context = {
        "issue": issue,
        "intro_text": issue.intro,
        "intro_html": render_markdown(issue.intro) if issue.intro else "",
        "contents": contents,
        "web_url": "" if test or not issue.url else emails.absolute(issue.url),
        "site_name": site_name(),
    }
    return Rendered(subject, context)


def preview_html(rendered: Rendered) -> str:
    """The issue's email as HTML, with placeholder links, for the admin's preview."""
    return render_to_string(
        "newsletter/email/issue.html",
        {**rendered.context, "unsubscribe_url": "#", "manage_url": "#"},
    )
