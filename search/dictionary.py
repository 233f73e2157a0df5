"""The words of the en_GB hunspell dictionary, which Elasticsearch stems with, read in
Python: what makes a word of a query a real word that no spelling correction may replace,
and which words English writes with a hyphen ("co-production", "well-being") that a
query may write solid ("coproduction", "wellbeing").

Elasticsearch cannot say whether its dictionary knows a word (its hunspell filter gives
an unknown word back unchanged, as it gives a word that is its own stem), so the files
are read here: `SEARCH_DICTIONARY` names them without their `.dic` and `.aff` endings
(Debian's `hunspell-en-gb` puts them in /usr/share/hunspell/). A process reads them once,
at its first search that needs them. Without them no word is known to the dictionary:
corrections then rely on the documents' vocabulary and the glossary alone, and the
project logs a warning once.

Only what the en_GB files use is read: one-character flags, and prefix and suffix rules
without continuation classes, combined once each as hunspell allows. Words are compared
in lower case, so "london" is as known as "London".
"""

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    """One affix rule: take `strip` off the stem, put `add` on, where `condition` holds
    (at the stem's end for a suffix, at its start for a prefix)."""

    flag: str
    strip: str
    add: str
    condition: re.Pattern
    cross: bool  # may combine with a rule of the other side


@dataclass
class Dictionary:
    # Every stem in lower case, with the flags of its affix rules (one character each).
    stems: dict[str, str] = field(default_factory=dict)
    # Suffix and prefix rules by what they add.
    suffixes: dict[str, list[Rule]] = field(default_factory=lambda: defaultdict(list))
    prefixes: dict[str, list[Rule]] = field(default_factory=lambda: defaultdict(list))
    # The rules of each flag, with their side ("SFX" or "PFX").
    flagged: dict[str, list[tuple[str, Rule]]] = field(default_factory=lambda: defaultdict(list))
    # Every form of a hyphenated word, written solid -> as the dictionary writes it.
    hyphenated: dict[str, str] = field(default_factory=dict)

    def knows(self, word: str) -> bool:
        """Whether `word` is a stem, or a stem with a prefix, a suffix or both."""
        word = word.lower()
        if word in self.stems:
            return True
        if any(self._has(stem, rule) for stem, rule in self._unsuffixed(word)):
            return True
        return any(
            self._has(stem, rule) or self._cross(stem, rule)
            for stem, rule in self._unprefixed(word)
        )

    def _unsuffixed(self, word: str):
        """(stem, rule) for every suffix rule that could have made `word`."""
        for start in range(len(word) + 1):
            for rule in self.suffixes.get(word[start:], ()):
                stem = word[:start] + rule.strip
                if stem and rule.condition.search(stem):
                    yield stem, rule

    def _unprefixed(self, word: str):
        """(stem, rule) for every prefix rule that could have made `word`."""
        for end in range(len(word) + 1):
            for rule in self.prefixes.get(word[:end], ()):
                stem = rule.strip + word[end:]
                if stem and rule.condition.search(stem):
                    yield stem, rule

    def _has(self, stem: str, rule: Rule) -> bool:
        return rule.flag in self.stems.get(stem, "")

    def _cross(self, stem: str, prefix: Rule) -> bool:
        """Whether `stem` (a word without its prefix) is a root with a suffix, and the
        root takes both rules."""
        return prefix.cross and any(
            suffix.cross and self._has(root, suffix) and self._has(root, prefix)
            for root, suffix in self._unsuffixed(stem)
        )

    def forms(self, stem: str) -> set[str]:
        """The stem and every form one of its suffix or prefix rules makes of it."""
        made = {stem}
        for flag in self.stems.get(stem, ""):
            for kind, rule in self.flagged.get(flag, ()):
                if not rule.condition.search(stem):
                    continue
                if kind == "SFX" and stem.endswith(rule.strip):
                    made.add(stem[: len(stem) - len(rule.strip)] + rule.add)
                elif kind == "PFX" and stem.startswith(rule.strip):
                    made.add(rule.add + stem[len(rule.strip) :])
        return made


def _rule(kind: str, parts: list[str], cross: bool) -> Rule:
    strip, add = parts[2], parts[3].split("/")[0]
    condition = parts[4] if len(parts) > 4 else "."
    return Rule(
        flag=parts[1],
        strip="" if strip == "0" else strip.lower(),
        add="" if add == "0" else add.lower(),
        condition=re.compile(f"(?:{condition})$" if kind == "SFX" else f"^(?:{condition})"),
        cross=cross,
    )


def parse(aff: str, dic: str) -> Dictionary:
    """A dictionary from the text of its `.aff` and `.dic` files."""
    dictionary = Dictionary()
    cross: dict[tuple[str, str], bool] = {}
    for line in aff.splitlines():
        parts = line.split()
        if len(parts) < 4 or parts[0] not in ("SFX", "PFX"):
            continue
        kind, flag = parts[0], parts[1]
        if parts[2] in ("Y", "N") and parts[3].isdigit():  # the rules' header
            cross[kind, flag] = parts[2] == "Y"
            continue
        rule = _rule(kind, parts, cross.get((kind, flag), False))
        (dictionary.suffixes if kind == "SFX" else dictionary.prefixes)[rule.add].append(rule)
        dictionary.flagged[flag].append((kind, rule))
    for line in dic.splitlines()[1:]:
        entry = line.split(maxsplit=1)[0] if line.strip() else ""
        word, _slash, flags = entry.partition("/")
        if word:
            word = word.lower()
            dictionary.stems[word] = dictionary.stems.get(word, "") + flags
    for stem in [stem for stem in dictionary.stems if "-" in stem]:
        for form in sorted(dictionary.forms(stem)):
            dictionary.hyphenated.setdefault(form.replace("-", ""), form)
    return dictionary


@cache
def load() -> Dictionary:
    """The dictionary `SEARCH_DICTIONARY` names, read once per process; empty (with a
    warning) when its files cannot be read."""
    base = Path(settings.SEARCH_DICTIONARY)
    try:
        aff = base.with_suffix(".aff").read_text(encoding="utf-8-sig")
        dic = base.with_suffix(".dic").read_text(encoding="utf-8-sig")
    except OSError as error:
        logger.warning(
            "The spelling dictionary %s cannot be read (%s): spelling corrections know only "
            "the documents' words. Install Debian's hunspell-en-gb or set SEARCH_DICTIONARY.",
            base,
            error,
        )
        return Dictionary()
    return parse(aff, dic)


def knows(word: str) -> bool:
    """Whether the dictionary knows `word`, in any case."""
    return load().knows(word)


def hyphenated(solid: str) -> str | None:
    """The hyphenated word the dictionary writes for `solid` ("wellbeing" ->
    "well-being"), if any."""
    return load().hyphenated.get(solid.lower())
