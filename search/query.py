"""A search's words, analysed once: what every step of a search and either backend reads.

A search asks several things of its words: the search itself (on Elasticsearch or the
database), whether a spelling correction may be tried, and the glossary's definitions
shown above the results. Each step used to work out the words' forms and their synonyms
for itself, reading the synonym groups again each time (a round trip to a shared cache in
production). Now the service analyses the words once (`analyse`) and hands the one
`AnalysedQuery` to every step. A spelling correction is other words: when the service
tries one, it analyses those once too.

The words' compounds are written one way before anything else reads them
(`words.canonical`): "coproduction", '"co production"' and "co-production" are one
analysis, the same synonyms and the same documents; each backend then searches the
compound every way it may be written. Two words apart that make a compound ("co
production") keep matching apart too, the compound being an alternative of them.
"""

from dataclasses import dataclass
from functools import cached_property

from . import spelling, synonyms, vectors
from .words import canonical, plain_query, required_matches, terms_of, without_filler

# The number of terms a database form requires when it is an idea of the query
# (`synonyms.concepts`): a row must hold one phrase of it.
IDEA = 0

# Terms of a database form, and how many of them a row must hold (IDEA: one phrase).
Form = tuple[tuple[str, ...], int]


@dataclass(frozen=True)
class AnalysedQuery:
    # The words as asked (cleaned by `params.clean_query`).
    text: str = ""
    # Without question words and filler (`words.without_filler`), compounds written with
    # their hyphens (`words.canonical`), but for two words apart: what must match.
    words: str = ""
    # `words` made plain where hunspell falls short (`words.plain_query`), if that
    # changes them: Elasticsearch searches for both.
    plainer: str | None = None
    # `words` with one phrase said in other words (`synonyms.alternatives`).
    alternatives: tuple[str, ...] = ()
    # The ideas `words` name, each as its phrases (`synonyms.concepts`).
    concepts: tuple[tuple[str, ...], ...] = ()
    # The words use a phrase of the glossary or the synonyms (an acronym the dictionary
    # does not know): they are never spelling-corrected.
    names_a_term: bool = False
    # The glossary's entries for terms the words use, as the search page shows them.
    definitions: tuple[dict[str, str], ...] = ()
    # What the database backend matches: the terms of `words` and of each alternative,
    # then of each idea (`IDEA`). A row matching any form is found.
    forms: tuple[Form, ...] = ()

    @cached_property
    def meaning(self) -> list[float] | None:
        """What the words mean (`vectors.py`), made when a backend first asks: of the
        words without question words and filler, which only blur a pooled vector."""
        return vectors.embed_query(self.words or self.text)

    @property
    def terms(self) -> list[str]:
        """Every term of every form, once: what the database backend highlights."""
        return list(dict.fromkeys(term for terms, _required in self.forms for term in terms))


NOTHING = AnalysedQuery()


def analyse(text: str) -> AnalysedQuery:
    """The one analysis of a search's words, reading the synonym groups once."""
    if not text:
        return NOTHING
    groups = synonyms.groups()
    compounds = spelling.compounds(text)
    written = canonical(text, compounds)
    words = canonical(without_filler(text), compounds, pairs=False)
    # Two words apart that make a compound ("co production") are also searched side by
    # side or solid, and name what the compound names in the glossary and the synonyms.
    paired = canonical(words, compounds)
    synonymous = synonyms.alternatives(paired, groups)
    alternatives = ([paired] if paired != words else []) + synonymous
    concepts = synonyms.concepts(paired, groups)
    return AnalysedQuery(
        text=text,
        words=words,
        plainer=plain_query(words),
        alternatives=tuple(alternatives),
        concepts=tuple(tuple(phrases) for phrases in concepts),
        names_a_term=bool(
            synonymous if paired == written else synonyms.alternatives(written, groups)
        ),
        definitions=tuple(synonyms.definitions(written)),
        forms=_forms(words, alternatives, concepts),
    )


def _forms(words: str, alternatives: list[str], concepts: list[list[str]]) -> tuple[Form, ...]:
    """The terms of the words and of the same said in other words, each with how many of
    them a row must hold; then the ideas the words name, of which a row must hold one
    phrase. A row matching only an idea ranks below those matching words."""
    said = [terms_of(text) for text in [words, *alternatives]]
    found = [(tuple(terms), required_matches(len(terms))) for terms in said if terms]
    ideas = [terms_of(" ".join(phrases)) for phrases in concepts]
    return tuple(found + [(tuple(terms), IDEA) for terms in ideas if terms])
