"""English words in queries, made plainer in Python for both backends.

The en_GB hunspell dictionary does not give every plural the stem of its singular
("outcomes" -> "comes", "contracts" -> "tract"), and a core-only node has no other
stemmer. So the Elasticsearch backend also searches for each query with its words made
singular or stripped of "-ing" and "-ed", and the database backend matches the same
shortened words as prefixes. The database backend matches a query's terms (`terms_of`):
its quoted phrases whole, then its other words without stop words, made plain.
"""

import re

from .synonyms import normalise

_LETTERS = re.compile(r"[A-Za-z]+")
_WORD = re.compile(r"[\w'-]+")
_QUOTED = re.compile(r'"([^"]*)"')
MIN_LENGTH = 4
# Elasticsearch's English stop words (`_english_`), which its analyzers drop too.
STOP_WORDS = frozenset(
    (
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into",
        "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then",
        "there", "these", "they", "this", "to", "was", "will", "with",
    )
)  # fmt: skip


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


def words_of(text: str) -> list[str]:
    """The query's words, lower-cased, without stop words or repeats, lightly stemmed."""
    words = [word.strip("'-") for word in _WORD.findall(text.lower())]
    return list(dict.fromkeys(plain(word) for word in words if word and word not in STOP_WORDS))


def terms_of(text: str) -> list[str]:
    """Quoted phrases whole (as Elasticsearch matches them), then the other words."""
    phrases = [normalise(phrase) for phrase in _QUOTED.findall(text)]
    return list(dict.fromkeys([*(p for p in phrases if p), *words_of(_QUOTED.sub(" ", text))]))


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
