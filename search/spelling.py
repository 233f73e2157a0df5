"""Spelling corrections for the database backend, which has no suggester: a vocabulary of
the words of the public documents (`SpellingWord`: each word and how many entries hold
it), kept by the same writes as the entries, and a cheap lookup of the nearest known word
for each word of a query that no document holds.

Only public documents teach the vocabulary words: Elasticsearch's "did you mean" has the
same rule, so a members-only name is never offered to anyone. The service decides what a
correction is worth (it searches it, and shows it only when it finds at least as much);
this module only proposes one.

Corrections do no harm (`harmless`, for either backend's proposal): a word is corrected
only when it is no real word, that is, when the en_GB dictionary does not know it
(`dictionary.py`), no public document holds it, and it is no compound either writes with
a hyphen ("wellbeing", "eprocurement"). "lived experience" is never "like experience".
The vocabulary also keeps the documents' hyphenated words, which tell the query's
compounds (`compounds`, `words.canonical`).

The lookup reads the known words sharing the misspelt word's first letter whose length is
within the edits allowed, and measures each by Damerau-Levenshtein distance (optimal
string alignment, stopped early once past the limit): a few hundred short comparisons.
"""

import re
from collections import Counter
from collections.abc import Iterable

from . import dictionary
from .models import SpellingWord
from .words import compound_candidates, hyphenations, plain

_LETTERS = re.compile(r"[^\W\d_]+")
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
# Words shorter than this are neither learnt nor corrected: too many neighbours.
MIN_LENGTH = 4
MAX_LENGTH = 40  # SpellingWord.word's length
# Up to this length a word may be one edit away from its correction, beyond it two
# (Elasticsearch's suggester allows two edits, but one is enough for a short word).
ONE_EDIT_UP_TO = 7
CHUNK = 500  # words per query: SQLite limits a statement's parameters


def words_in(text: str) -> set[str]:
    """The distinct words of `text` the vocabulary keeps, in lower case: words of letters,
    and hyphenated words whole ("co-production" keeps "co-production" and "production")."""
    text = text.lower()
    found = [*_LETTERS.findall(text), *_HYPHENATED.findall(text)]
    return {word for word in found if MIN_LENGTH <= len(word) <= MAX_LENGTH}


def count(texts: Iterable[str]) -> Counter:
    """How many of `texts` hold each word."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(words_in(text))
    return counts


def _chunks(words: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(words), CHUNK):
        yield words[start : start + CHUNK]


def adjust(delta: Counter) -> None:
    """Add `delta` to the words' counts and forget the words no entry holds any more. Run
    in the transaction that writes the entries; rows are locked in one order, so two
    writes at once wait for each other rather than deadlock."""
    words = sorted(word for word, change in delta.items() if change)
    for chunk in _chunks(words):
        new = [SpellingWord(word=word, length=len(word)) for word in chunk if delta[word] > 0]
        SpellingWord.objects.bulk_create(new, ignore_conflicts=True)
        rows = list(
            SpellingWord.objects.select_for_update().filter(word__in=chunk).order_by("word")
        )
        for row in rows:
            row.documents = max(0, row.documents + delta[row.word])
        SpellingWord.objects.bulk_update(rows, ["documents"])
    SpellingWord.objects.filter(documents=0).delete()


def replace_all(counts: Counter) -> None:
    """The vocabulary of a rebuild: exactly these counts."""
    SpellingWord.objects.all().delete()
    SpellingWord.objects.bulk_create(
        (SpellingWord(word=w, length=len(w), documents=n) for w, n in counts.items() if n),
        batch_size=CHUNK,
    )


def correction(query: str) -> str | None:
    """The query with each word that is no real word (`_unknown`) replaced by the nearest
    word that a public document holds; None when every word is known or none has a near
    neighbour."""
    unknown = _unknown({word.lower() for word in _LETTERS.findall(query)})
    replacements = {word: best for word in unknown if (best := nearest(word))}
    if not replacements:
        return None
    return _LETTERS.sub(lambda found: replacements.get(found.group().lower(), found.group()), query)


def harmless(query: str, suggestion: str | None) -> str | None:
    """What of a backend's suggestion for the query may be offered: its corrections of
    the words that are no real word (`_unknown`), the other words kept as typed; None when
    nothing is left to correct, or when the suggestion does not say the query's words one
    for one."""
    if not suggestion:
        return None
    asked, offered = _LETTERS.findall(query), _LETTERS.findall(suggestion)
    if len(asked) != len(offered):
        return None
    changed = {a.lower(): b.lower() for a, b in zip(asked, offered, strict=True) if a != b}
    wrong = _unknown({word for word, better in changed.items() if word != better})
    kept = {word: better for word, better in changed.items() if word in wrong}
    if not kept:
        return None
    return _LETTERS.sub(lambda found: kept.get(found.group().lower(), found.group()), query)


def _unknown(words: set[str]) -> set[str]:
    """Those of the words (lower case, letters only) that may be corrected: long enough,
    unknown to the dictionary, held by no public document (`_known`)."""
    asked = {w for w in words if len(w) >= MIN_LENGTH and not dictionary.knows(w)}
    return asked - _known(asked)


def _known(words: set[str]) -> set[str]:
    """The words a document holds, as the database backend matches them: the word itself,
    or its plain form (`words.plain`) starting a word, or with a hyphen in it (a compound
    the documents write hyphenated, or the dictionary does)."""
    if not words:
        return set()
    split = {word: hyphenations(word) for word in words}
    asked = [*words, *map(plain, words), *(h for forms in split.values() for h in forms)]
    stored = set(SpellingWord.objects.filter(word__in=asked).values_list("word", flat=True))
    known = {
        word
        for word in words
        if word in stored
        or plain(word) in stored
        or dictionary.hyphenated(word)
        or stored.intersection(split[word])
    }
    for word in words - known:
        if SpellingWord.objects.filter(word__startswith=plain(word)).exists():
            known.add(word)
    return known


def compounds(text: str) -> dict[str, str]:
    """The query's compounds (`words.compound_candidates`: solid words, and pairs "a b"),
    each with the hyphenated word it is, as the dictionary or the public documents write
    it: a solid word that they write with a hyphen ("wellbeing": "well-being"), a pair
    they write hyphenated or solid ("co production": "co-production"; "health care":
    "health-care", because "healthcare" is a word). Read from the vocabulary in one
    query; the most common writing wins."""
    words, pairs = compound_candidates(text)
    found: dict[str, str] = {}
    asked: dict[str, list[str]] = {}
    for word in words:
        if written := dictionary.hyphenated(word):
            found[word] = written
        else:
            asked[word] = hyphenations(word)
    for pair in pairs:
        written = pair.replace(" ", "-")
        if dictionary.knows(written) or dictionary.knows(solid := pair.replace(" ", "")):
            found[pair] = written
        else:
            asked[pair] = [written, solid]
    if not asked:
        return found
    wanted = {form for forms in asked.values() for form in forms}
    counts = dict(SpellingWord.objects.filter(word__in=wanted).values_list("word", "documents"))
    for asking, forms in asked.items():
        held = sorted((-counts[form], form) for form in forms if form in counts)
        if held:
            found[asking] = asking.replace(" ", "-") if " " in asking else held[0][1]
    return found


def nearest(word: str) -> str | None:
    """The known word fewest edits from `word` (the most common of equals), if any is
    within the edits allowed for its length."""
    limit = 1 if len(word) <= ONE_EDIT_UP_TO else 2
    rows = SpellingWord.objects.filter(
        word__startswith=word[0],
        length__gte=len(word) - limit,
        length__lte=len(word) + limit,
    ).values_list("word", "documents")
    scored = [
        (edits, -documents, candidate)
        for candidate, documents in rows.iterator(chunk_size=2_000)
        if (edits := distance(word, candidate, limit)) <= limit
    ]
    return min(scored)[2] if scored else None


def distance(a: str, b: str, limit: int) -> int:
    """Edits (insertions, deletions, substitutions, swaps of neighbours) from `a` to `b`,
    or `limit + 1` as soon as it is certain to be more than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, row = None, list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (letter != other))
            if before and i > 1 and j > 1 and letter == b[j - 2] and a[i - 2] == other:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1] if row[-1] <= limit else limit + 1
