"""Plain text out of page bodies, for indexing, and the snippets that results show cut from
it, on both backends.

The text keeps its structure as lines: each heading, paragraph, list item, quotation,
table row and figure of a body is a line of its own, so a heading never runs into the
sentence after it ("Governance The change needed …") and table cells never into a run of
numbers (a table's row reads "Measure: jobs; 2014: 12; 2015: 30"). A snippet is one or more
whole sentences of one line, cut at a word boundary with an ellipsis only where it is cut,
and never a sentence already shown.

Fast rather than perfect: StreamField bodies are read from their raw JSON (no block
objects are built) and Markdown loses its syntax by regular expression, because a rebuild
runs this over every page.
"""

import html
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

LINE = "\n"
SNIPPET_LENGTH = 160
# A sentence of fewer words (a heading, a cell) is a snippet only when nothing longer is.
SHORT_SENTENCE_WORDS = 4

_TAG = re.compile(r"<[^>]+>")
_BLOCK_TAG = re.compile(r"</?(p|div|h[1-6]|li|ul|ol|blockquote|tr|table|br|hr)\b[^>]*>", re.I)
_CELL_TAG = re.compile(r"</t[dh]\s*>", re.I)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"[*_`~]+")
_SPACE = re.compile(r"\s+")
# A sentence ends with . ! ? or … (and any closing quote or bracket) before a capital,
# a digit or an opening quote.
_SENTENCE_END = re.compile(
    "(?<=[.!?\u2026])([\"'\u201d\u2019)\\]]*)\\s+(?=[\"'\u201c\u2018(\\[]?[A-Z0-9])"
)
_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)

# Block types whose raw value is HTML; every other string in a body is Markdown or plain.
HTML_BLOCKS = {"rich_text"}
SKIPPED_BLOCKS = {"image"}


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def lines(parts: Iterable[str]) -> str:
    """The non-empty parts, each squashed to one line."""
    return LINE.join(part for part in (squash(p) for p in parts) if part)


def html_text(value: str) -> str:
    """The text of HTML: a line per block element and per table row, cells apart."""
    text = _CELL_TAG.sub("; ", value)
    text = _BLOCK_TAG.sub(LINE, text)
    text = html.unescape(_TAG.sub(" ", text))
    return lines(line.strip().rstrip(";") for line in text.split(LINE))


def _inline(text: str) -> str:
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return squash(html.unescape(_TAG.sub(" ", text)))


def _cells(row: str) -> list[str]:
    return [_inline(cell) for cell in row.strip().strip("|").split("|")]


def _table_row(headers: list[str], row: str) -> str:
    """A row of a table as one line, each cell after its column's heading."""
    pairs = zip(headers, _cells(row), strict=False)
    return "; ".join(f"{head}: {cell}" if head else cell for head, cell in pairs if cell)


def markdown_text(value: str) -> str:
    """The text of Markdown: a line per paragraph, heading, list item, quotation and table
    row, without the syntax."""
    out: list[str] = []
    paragraph: list[str] = []
    headers: list[str] | None = None
    source = (value or "").splitlines()

    def end_paragraph():
        if paragraph:
            out.append(_inline(" ".join(paragraph)))
            paragraph.clear()

    for number, line in enumerate(source):
        following = source[number + 1] if number + 1 < len(source) else ""
        if headers is not None and "|" in line:
            if not _TABLE_RULE.match(line):
                out.append(_table_row(headers, line))
            continue
        headers = None
        if not line.strip():
            end_paragraph()
        elif "|" in line and _TABLE_RULE.match(following):
            end_paragraph()
            headers = _cells(line)
        elif _TABLE_RULE.match(line):
            continue
        elif found := (_HEADING.match(line) or _ITEM.match(line)):
            end_paragraph()
            paragraph.append(found.group(1))
            if _HEADING.match(line):
                end_paragraph()
        elif found := _QUOTE.match(line):
            if paragraph and not _QUOTE.match(source[number - 1]):
                end_paragraph()
            paragraph.append(found.group(1))
        else:
            paragraph.append(line)
    end_paragraph()
    return lines(out)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# A block type -> its value's lines, for blocks whose fields read better together (a
# figure with its "before" and "after") than as a line each.
BlockLines = Callable[[Any], Iterable[str]]


def stream_text(stream_value, formats: Mapping[str, BlockLines] | None = None) -> str:
    """The text of a StreamField value, block by block: every string of a block on lines
    of its own, or the lines `formats` makes of its type's value."""
    parts = []
    for block in stream_value.raw_data:
        kind, value = block.get("type"), block.get("value")
        if kind in SKIPPED_BLOCKS:
            continue
        if formats and kind in formats:
            parts.extend(formats[kind](value))
            continue
        to_text = html_text if kind in HTML_BLOCKS else markdown_text
        parts.extend(to_text(text) for text in _strings(value))
    return lines(part for chunk in parts for part in chunk.split(LINE))


def truncate(text: str, length: int) -> str:
    """At most `length` characters, cut at a word boundary, with an ellipsis when cut."""
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",.;:")
    return f"{cut}…"


# --- Sentences and snippets ------------------------------------------------------------


def sentences(text: str) -> list[tuple[int, int]]:
    """Where each sentence of `text` starts and ends; no sentence spans two lines."""
    found = []
    start = 0
    for line in text.split(LINE):
        cut = 0
        for end in _SENTENCE_END.finditer(line):
            found.append((start + cut, start + end.end(1)))
            cut = end.end()
        found.append((start + cut, start + len(line.rstrip())))
        start += len(line) + 1
    return [(a, b) for a, b in found if b > a]


def lead(text: str, length: int) -> str:
    """The first whole sentences of `text` that fit in `length`, on one line; the first
    sentence cut with an ellipsis when even it does not fit."""
    taken, size = [], 0
    for start, end in sentences(text):
        sentence = text[start:end]
        if size + len(sentence) + bool(taken) > length:
            break
        taken.append(sentence)
        size += len(sentence) + 1
    return " ".join(taken) if taken else truncate(squash(text), length)


def marked(fragment: str) -> tuple[str, list[tuple[int, int]]]:
    """The plain text of an HTML-escaped fragment with <mark>s, and where the marks were."""
    text, spans, last = [], [], 0
    size = 0
    for found in _MARK.finditer(fragment):
        before = html.unescape(fragment[last : found.start()])
        word = html.unescape(found.group(1))
        text += [before, word]
        size += len(before)
        spans.append((size, size + len(word)))
        size += len(word)
        last = found.end()
    text.append(html.unescape(fragment[last:]))
    return "".join(text), spans


def mark(text: str, spans: Iterable[tuple[int, int]], start: int = 0, end: int | None = None):
    """`text[start:end]` HTML-escaped, with <mark> around the spans inside it."""
    end = len(text) if end is None else end
    parts, last = [], start
    for a, b in sorted(spans):
        if a < last or b > end:
            continue
        parts += [html.escape(text[last:a]), f"<mark>{html.escape(text[a:b])}</mark>"]
        last = b
    parts.append(html.escape(text[last:end]))
    return "".join(parts)


def _key(sentence: str) -> str:
    return " ".join(re.findall(r"\w+", sentence.lower()))


def snippets(
    text: str,
    spans: list[tuple[int, int]],
    *,
    limit: int = 2,
    length: int = SNIPPET_LENGTH,
    shown: Iterable[str] = (),
) -> list[str]:
    """Up to `limit` HTML snippets of `text` with the matched `spans` marked: the sentences
    holding the most different matched words (a heading or a cell only when no longer
    sentence matches as well), in the order of the text, each cut to `length` around its
    first match. A sentence already shown (in `shown`, or twice in the text) is left out."""
    if not spans or limit < 1:
        return []
    seen = {_key(known[a:b]) for known in shown for a, b in sentences(known)}
    ranked = []
    for index, (start, end) in enumerate(sentences(text)):
        inside = [(a, b) for a, b in spans if start <= a and b <= end]
        if inside:
            words = len({text[a:b].lower() for a, b in inside})
            short = len(text[start:end].split()) < SHORT_SENTENCE_WORDS
            ranked.append(((-words, short, index), (start, end), inside))
    chosen = []
    for _rank, (start, end), inside in sorted(ranked):
        key = _key(text[start:end])
        if key in seen:
            continue
        seen.add(key)
        chosen.append((start, end, inside))
        if len(chosen) == limit:
            break
    return [_cut(text, start, end, inside, length) for start, end, inside in sorted(chosen)]


def _cut(text: str, start: int, end: int, spans: list[tuple[int, int]], length: int) -> str:
    """The sentence text[start:end], or `length` characters of it around its first match,
    cut at spaces, with an ellipsis on each side where it is cut."""
    if end - start > length:
        first = spans[0][0]
        begin = max(start, min(first - length // 4, end - length))
        if begin > start:
            space = text.find(" ", begin, first)
            begin = space + 1 if space != -1 else begin
        stop = min(end, begin + length)
        if stop < end:
            space = text.rfind(" ", begin, stop)
            stop = space if space > first else stop
    else:
        begin, stop = start, end
    body = mark(text, spans, begin, stop)
    if stop < end:
        body = body.rstrip(",;: ") + "…"
    return ("…" if begin > start else "") + body


def highlights(
    summary: str,
    summary_spans: list[tuple[int, int]],
    body: str,
    body_spans: list[tuple[int, int]],
    limit: int = 2,
) -> list[str]:
    """What a result shows of a document's matches, on either backend: its summary whole
    when a match is in it, then snippets of its body that do not repeat the summary."""
    shown = [mark(summary, summary_spans)] if summary_spans else []
    more = snippets(body, body_spans, limit=limit - len(shown), shown=[summary] if shown else [])
    return shown + more
