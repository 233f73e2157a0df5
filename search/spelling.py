"""Spelling corrections for the database backend, which has no suggester: a vocabulary of
the words of the public documents (`SpellingWord`: each word and how many entries hold
it), kept by the same writes as the entries, and a cheap lookup of the nearest known word
for each word of a query that no document holds.

Only public documents teach the vocabulary words: Elasticsearch's "did you mean" has the
same rule, so a members-only name is never offered to anyone. The service decides what a
correction is worth (it searches it, and shows it only when it finds at least as much);
this module only proposes one.

The lookup reads the known words sharing the misspelt word's first letter whose length is
within the edits allowed, and measures each by Damerau-Levenshtein distance (optimal
string alignment, stopped early once past the limit): a few hundred short comparisons.
"""

import re
from collections import Counter
from collections.abc import Iterable

from .models import SpellingWord
from .words import plain

_LETTERS = re.compile(r"[^\W\d_]+")
# Words shorter than this are neither learnt nor corrected: too many neighbours.
MIN_LENGTH = 4
MAX_LENGTH = 40  # SpellingWord.word's length
# Up to this length a word may be one edit away from its correction, beyond it two
# (Elasticsearch's suggester allows two edits, but one is enough for a short word).
ONE_EDIT_UP_TO = 7
CHUNK = 500  # words per query: SQLite limits a statement's parameters


def words_in(text: str) -> set[str]:
    """The distinct words of `text` the vocabulary keeps: letters only, lower case."""
    found = (word.lower() for word in _LETTERS.findall(text))
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
    """The query with each word that no public document holds replaced by the nearest
    word that one does; None when every word is known or none has a near neighbour."""
    asked = {word.lower() for word in _LETTERS.findall(query) if len(word) >= MIN_LENGTH}
    unknown = asked - _known(asked)
    replacements = {word: best for word in unknown if (best := nearest(word))}
    if not replacements:
        return None
    return _LETTERS.sub(lambda found: replacements.get(found.group().lower(), found.group()), query)


def _known(words: set[str]) -> set[str]:
    """The words a document holds, as the database backend matches them: the word itself,
    or its plain form (`words.plain`) starting a word."""
    if not words:
        return set()
    stored = set(
        SpellingWord.objects.filter(word__in=[*words, *map(plain, words)]).values_list(
            "word", flat=True
        )
    )
    known = {word for word in words if word in stored or plain(word) in stored}
    for word in words - known:
        if SpellingWord.objects.filter(word__startswith=plain(word)).exists():
            known.add(word)
    return known


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
