"""Plain text out of page bodies, for indexing.

Fast rather than perfect: StreamField bodies are read from their raw JSON (no block
objects are built) and Markdown loses its syntax by regular expression, because a rebuild
runs this over every page.
"""

import html
import re
from collections.abc import Iterable
from typing import Any

_TAG = re.compile(r"<[^>]+>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"(^|\s)(#{1,6}|>|[-*+]|\d+\.)\s+", re.MULTILINE)
_EMPHASIS = re.compile(r"[*_`~]+")
_SPACE = re.compile(r"\s+")

# Block types whose raw value is HTML; every other string in a body is Markdown or plain.
HTML_BLOCKS = {"rich_text"}
SKIPPED_BLOCKS = {"image"}


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def html_text(value: str) -> str:
    return squash(html.unescape(_TAG.sub(" ", value)))


def markdown_text(value: str) -> str:
    text = _IMAGE.sub(r"\1", value)
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return squash(html.unescape(_TAG.sub(" ", text)))


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def stream_text(stream_value) -> str:
    """The text of a StreamField value, block by block."""
    parts = []
    for block in stream_value.raw_data:
        kind, value = block.get("type"), block.get("value")
        if kind in SKIPPED_BLOCKS:
            continue
        to_text = html_text if kind in HTML_BLOCKS else markdown_text
        parts.extend(to_text(text) for text in _strings(value))
    return " ".join(part for part in parts if part)


def truncate(text: str, length: int) -> str:
    """At most `length` characters, cut at a word boundary, with an ellipsis when cut."""
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",.;:")
    return f"{cut}…"
