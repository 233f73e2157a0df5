"""The one Markdown renderer for text written outside the rich-text editor.

Imported case studies and everything members write go through `render_markdown`:
Python-Markdown with raw HTML escaped, then nh3 with an allowlist, so no script,
style or event handler can reach a page. Links get `rel="nofollow ugc noopener"`.
"""

from django.utils.safestring import SafeString, mark_safe

import markdown
import nh3
from markdown.extensions import Extension

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol",
    "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
LINK_REL = "nofollow ugc noopener"


class _EscapeRawHtml(Extension):
    """Treat raw HTML in the source as text: it is shown, never interpreted."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("entity")


def render_markdown(text: str) -> SafeString:
    """Render member- or import-supplied Markdown to sanitised HTML."""
    html = markdown.markdown(
        text or "", extensions=[_EscapeRawHtml(), "sane_lists", "tables"], output_format="html"
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
    )
    return mark_safe(cleaned)  # noqa: S308 (sanitised by nh3 above)
