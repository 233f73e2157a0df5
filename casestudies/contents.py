"""Contents lists for long pages, built from the headings the page already has.

A case study's body is rendered once; each of its `<h2>` headings gets an `id` (from its
text, unique on the page) and becomes an entry of the contents list. Short pages get no
list: it would only repeat what fits on the screen.
"""

import re
from dataclasses import dataclass, field
from html import unescape

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

# A page is long enough for a contents list with this many entries and words.
MIN_ENTRIES = 3
MIN_WORDS = 400

_HEADING = re.compile(r"<h2(?P<attrs>[^>]*)>(?P<text>.*?)</h2>", re.DOTALL)
_ID = re.compile(r"""\bid=["']([^"']+)["']""")


@dataclass(frozen=True)
class Entry:
    anchor: str
    title: str
    children: tuple["Entry", ...] = ()


@dataclass
class Contents:
    """A page's contents: its `entries`, its `body` with anchored headings, and its
    length in words; `reserved` are the ids already on the page."""

    body: SafeString = field(default_factory=lambda: mark_safe(""))
    reserved: set[str] = field(default_factory=set)
    entries: list[Entry] = field(default_factory=list)
    words: int = 0

    def anchor(self, text: str) -> str:
        base = slugify(text)[:60] or "section"
        anchor, n = base, 1
        while anchor in self.reserved:
            n += 1
            anchor = f"{base}-{n}"
        self.reserved.add(anchor)
        return anchor

    def add_html(self, html: str) -> tuple[SafeString, list[Entry]]:
        """`html` with an id on every `<h2>`, and those headings as entries (not yet
        added to the list: the caller decides where they belong)."""
        found: list[Entry] = []

        def give_id(match: re.Match) -> str:
            attrs, text = match["attrs"], match["text"]
            title = unescape(strip_tags(text)).strip()
            existing = _ID.search(attrs)
            if existing:
                anchor = existing.group(1)
                self.reserved.add(anchor)
            else:
                anchor = self.anchor(title)
                attrs = f'{attrs} id="{anchor}"'
            found.append(Entry(anchor, title))
            return f"<h2{attrs}>{text}</h2>"

        anchored = _HEADING.sub(give_id, str(html))
        self.words += len(strip_tags(anchored).split())
        return mark_safe(anchored), found  # noqa: S308 (already-rendered, escaped HTML)

    def count_words(self, text: str) -> None:
        self.words += len(strip_tags(str(text)).split())

    @property
    def is_long(self) -> bool:
        total = sum(1 + len(entry.children) for entry in self.entries)
        return total >= MIN_ENTRIES and self.words >= MIN_WORDS


def anchored(html) -> SafeString:
    """`html` with an id on every `<h2>`, for pages that link to their own sections
    (the privacy notice's "Cookies") without a contents list."""
    return Contents().add_html(html)[0]
