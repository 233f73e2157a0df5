"""Text analysis for the index, built only from what every Elasticsearch 8 node has in its
core: the standard tokenizer and the lowercase, stop, shingle and hunspell filters.

`SEARCH_ANALYZER` chooses the analyzer of text fields:
- `hunspell_en_GB` (default): British English stemming with the en_GB hunspell dictionary,
  which the node must have in `config/hunspell/en_GB/`;
- `english`: the built-in English analyzer, for clusters that lack the dictionary;
- `standard`: no stemming at all.
"""

from typing import Any

ANALYZERS = ("hunspell_en_GB", "english", "standard")


def analysis_settings(analyzer: str) -> dict[str, Any]:
    """The `analysis` block of the index settings, defining the `text_en`, `shingles` and
    `spell` analyzers for the chosen analyzer."""
    if analyzer not in ANALYZERS:
        choices = ", ".join(ANALYZERS)
        raise ValueError(f"SEARCH_ANALYZER must be one of {choices}, not {analyzer!r}.")
    filters: dict[str, Any] = {
        "en_stop": {"type": "stop", "stopwords": "_english_"},
        # Two passes over the en_GB dictionary. The first keeps only the longest stem, which
        # avoids the dictionary's stray affix readings ("commissions" alone would give
        # "mission" and "commit" but not "commission"). The second adds every stem of that,
        # so that words the dictionary lists in their own right ("commissioned",
        # "measurement", "delivery") also carry their root ("commission", "measure",
        # "deliver") and match the other forms.
        "en_GB_longest": {"type": "hunspell", "locale": "en_GB", "longest_only": True},
        "en_GB_stems": {"type": "hunspell", "locale": "en_GB", "dedup": True},
        "two_word_shingles": {
            "type": "shingle",
            "min_shingle_size": 2,
            "max_shingle_size": 2,
            "output_unigrams": False,
        },
        "spell_shingles": {
            "type": "shingle",
            "min_shingle_size": 2,
            "max_shingle_size": 3,
            "output_unigrams": True,
        },
    }
    if analyzer == "hunspell_en_GB":
        text_en = {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "en_stop", "en_GB_longest", "en_GB_stems"],
        }
    elif analyzer == "english":
        text_en = {"type": "english"}
    else:
        text_en = {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]}
    if analyzer != "hunspell_en_GB":
        del filters["en_GB_longest"], filters["en_GB_stems"]
    return {
        "filter": filters,
        "analyzer": {
            "text_en": text_en,
            "shingles": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "two_word_shingles"],
            },
            # Unstemmed words and their two- and three-word shingles, for "did you mean".
            "spell": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "spell_shingles"],
            },
        },
    }
