"""English words in queries, made plainer in Python for both backends.

The en_GB hunspell dictionary does not give every plural the stem of its singular
("outcomes" -> "comes", "contracts" -> "tract"), and a core-only node has no other
stemmer. So the Elasticsearch backend also searches for each query with its words made
singular or stripped of "-ing" and "-ed", and the database backend matches the same
shortened words as prefixes.
"""

import re

_LETTERS = re.compile(r"[A-Za-z]+")
MIN_LENGTH = 4


def plain(word: str) -> str:
    """`word` without a plural, "-ing" or "-ed" ending, when enough of it is left."""
    lower = word.lower()
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", "")):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= MIN_LENGTH - 1:
            return word[: -len(suffix)] + replacement
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > MIN_LENGTH:
        return word[:-1]
    return word


def plain_query(text: str) -> str | None:
    """The query with every word made plain, or None when that changes nothing. Only
    letters are touched, so the query's syntax stays as it was."""
    changed = _LETTERS.sub(lambda found: plain(found.group()), text)
    return changed if changed != text else None


# Words that make a query a question or a request and say nothing of what it is about.
FILLER = frozenset(
    (
        "how", "what", "why", "when", "where", "which", "who", "whom", "whose", "do", "does",
        "did", "we", "our", "ours", "us", "i", "my", "me", "you", "your", "its", "them", "can",
        "could", "should", "would", "shall", "may", "might", "must", "get", "make", "help",
        "find", "best", "way", "ways", "about", "any", "some", "anyone", "anything", "example",
        "examples", "instead", "tell", "show",
    )
)  # fmt: skip


def without_filler(text: str) -> str:
    """The query without question words and filler, so that "how do we involve residents
    in setting outcomes?" is matched on what it is about; unchanged when nothing would be
    left."""
    kept = [word for word in text.split() if word.strip("?!.,;:'\"").lower() not in FILLER]
    return " ".join(kept) if kept else text


def required_matches(count: int) -> int:
    """How many of `count` words a document must hold: all of up to two, three in four of
    up to five, three in five of a longer question (Elasticsearch's "2<75% 5<60%")."""
    if count <= 2:
        return count
    return count * 3 // 4 if count <= 5 else count * 3 // 5
