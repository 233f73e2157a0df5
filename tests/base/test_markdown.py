"""The one sanitising Markdown renderer: scripts, handlers and unsafe links never pass."""

from html.parser import HTMLParser

import pytest

from base.markdown import ALLOWED_TAGS, render_markdown


class _Elements(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.elements = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert('x')</script>",
        "Text <img src=x onerror=alert(1)>",
        "<div onclick=alert(1)>click</div>",
        "[click](javascript:alert(1))",
        "<style>body{display:none}</style>",
        '<a href="https://example.org" onmouseover="alert(1)">x</a>',
    ],
)
def test_no_executable_markup_survives(source):
    elements = _Elements(render_markdown(source)).elements
    assert {tag for tag, _attrs in elements} <= ALLOWED_TAGS - {"script", "style"}
    for _tag, attrs in elements:
        assert not [name for name in attrs if name.startswith("on")]
        assert not attrs.get("href", "").lower().startswith("javascript")


def test_ordinary_markdown_renders_and_links_get_rel():
    html = render_markdown("## Lessons\n\n- **one**\n- [two](https://example.org)")
    assert "<h2>Lessons</h2>" in html
    assert "<strong>one</strong>" in html
    assert '<a href="https://example.org" rel="nofollow ugc noopener">two</a>' in html


def test_raw_html_is_shown_as_text():
    assert render_markdown("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>"


def test_empty_input_renders_empty():
    assert render_markdown("") == ""
