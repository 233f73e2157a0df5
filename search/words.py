"""English words in queries, made plainer in Python for both backends.

The en_GB hunspell dictionary does not give every plural the stem of its singular
("outcomes" -> "comes", "contracts" -> "tract"), and a core-only node has no other
stemmer. So the Elasticsearch backend also searches for each query with its words made
singular or stripped of "-ing" and "-ed", and the database backend matches the same
shortened words as prefixes. The database backend matches a query's terms (`terms_of`):
its quoted phrases whole, then its other words without stop words, made plain.

A compound may be written solid, with hyphens or in parts; the query analysis writes it
one way and each backend searches it every way (see "Compounds" below).
"""

import re
from itertools import pairwise

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


# --- Compounds -------------------------------------------------------------------------
# One word may be written solid, with hyphens or in parts: "coproduction", "co-production",
# "co production". A query's compounds are its hyphenated words, and the solid words and
# pairs of words that the dictionary or the public documents write as one hyphenated (or,
# for a pair, solid) word (`spelling.compounds` finds those). Both backends search a
# compound every way it may be written: its parts side by side (which matches it
# hyphenated or in parts) or solid. The rule lives at query time only: the index and the
# entries are unchanged, so nothing is rebuilt for it.

_HYPHENATED = re.compile(
    r"(?<![\w'-])(?P<negated>(?<!\S)-)?(?P<word>[^\W\d_]+(?:-[^\W\d_]+)+)(?![\w'*~-])"
)
_QUOTED_PART = re.compile(r'("[^"]*")')
_TOKEN = re.compile(r"(?P<word>[^\W\d_]+)(?P<after>[?!.,;:]*)")


def solid(word: str) -> str:
    """The word without its hyphens."""
    return word.replace("-", "")


def hyphenations(word: str) -> list[str]:
    """The word with one hyphen in each place it could go ("co-production" is one of
    "coproduction"'s): how the documents' vocabulary is asked whether they write it so."""
    return [f"{word[:cut]}-{word[cut:]}" for cut in range(1, len(word))]


def _outside_quotes(text: str, change) -> str:
    """`text` with `change` made to what is not between double quotes."""
    parts = _QUOTED_PART.split(text)
    return "".join(part if _QUOTED_PART.fullmatch(part) else change(part) for part in parts)


def _tokens(part: str) -> list[tuple[str, str] | None]:
    """Each whitespace-separated token of `part` as (its word in lower case, what follows
    it), or None when it is not a word of letters alone (an operator, a number, a
    hyphenated word)."""
    found = [_TOKEN.fullmatch(token) for token in part.split()]
    return [(m["word"].lower(), m["after"]) if m else None for m in found]


def _may_join(word: str) -> bool:
    return word not in STOP_WORDS and word not in FILLER


def compound_candidates(text: str) -> tuple[set[str], set[str]]:
    """What in the query may be a compound: outside quotes, its solid words of MIN_LENGTH
    letters or more and its pairs of words side by side ("co production"); a quoted
    phrase of two words ('"co production"'). Never a stop word nor filler."""
    words: set[str] = set()
    pairs: set[str] = set()
    for part in _QUOTED_PART.split(text):
        quoted = bool(_QUOTED_PART.fullmatch(part))
        tokens = _tokens(part.strip('"') if quoted else part)
        if quoted and len(tokens) != 2:
            continue
        if not quoted:
            words.update(t[0] for t in tokens if t and len(t[0]) >= MIN_LENGTH and _may_join(t[0]))
        for first, second in pairwise(tokens):
            if first and second and not first[1] and _may_join(first[0]) and _may_join(second[0]):
                pairs.add(f"{first[0]} {second[0]}")
    return words, pairs


def canonical(text: str, compounds: dict[str, str], *, pairs: bool = True) -> str:
    """The query with each of its `compounds` (a solid word, or a pair "a b", from
    `compound_candidates`) written as its hyphenated word: "coproduction", '"co
    production"' and (with `pairs`) "co production" all become "co-production".

    Each rewriting matches all the query matched before, and more, except that of two
    words apart, which then must stand side by side: the query analysis searches those
    as an alternative of the words as typed (`query.analyse`)."""
    if not compounds:
        return text

    def quoted(part: str) -> str:
        joined = " ".join(part.strip('"').lower().split())
        return compounds.get(joined, part) if _QUOTED_PART.fullmatch(part) else part

    parts = _QUOTED_PART.split(text)
    return "".join(_join(quoted(part), compounds, pairs) for part in parts)


def _join(part: str, compounds: dict[str, str], pairs: bool) -> str:
    if _QUOTED_PART.fullmatch(part):
        return part
    tokens, pieces = _tokens(part), part.split()
    written, at = [], 0
    while at < len(pieces):
        this = tokens[at]
        after = tokens[at + 1] if at + 1 < len(tokens) else None
        pair = f"{this[0]} {after[0]}" if pairs and this and after and not this[1] else ""
        if pair in compounds and after:
            written.append(compounds[pair] + after[1])
            at += 2
            continue
        word = compounds.get(this[0]) if this else None
        written.append(word + this[1] if word and this else pieces[at])
        at += 1
    leading = part[: len(part) - len(part.lstrip())]
    trailing = part[len(part.rstrip()) :]
    return leading + " ".join(written) + trailing if written else part


def compound_forms(text: str) -> list[str]:
    """The query as Elasticsearch searches it: when it holds compounds (hyphenated words
    outside quotes), once with each as a phrase of its parts (its tokenizer splits a
    hyphenated word: the phrase matches it hyphenated or in parts, where the bare word
    would match either part anywhere) and once with each written solid; else as it is.
    A compound left out (`-co-production`) is left out every way it may be written."""

    def phrased(match: re.Match) -> str:
        word = match["word"]
        return f'-"{word}" -{solid(word)}' if match["negated"] else f'"{word}"'

    def solidly(match: re.Match) -> str:
        return phrased(match) if match["negated"] else solid(match["word"])

    first = _outside_quotes(text, lambda part: _HYPHENATED.sub(phrased, part))
    if first == text:
        return [text]
    second = _outside_quotes(text, lambda part: _HYPHENATED.sub(solidly, part))
    return list(dict.fromkeys([first, second]))
