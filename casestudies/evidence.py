"""How strong the evidence is that a case study's approach worked, and what kind of
evidence each of its outcomes rests on: the one source of the levels' slugs, names and
plain meanings, for the editor's field, the search facet, the badge, the import format
and the page that explains them (/evidence/).

The levels are Nesta's Standards of Evidence, from an account of impact (level 1) to
impact shown to hold at scale (level 5). Editors set a case study's level; a case study
no editor has assessed says so, and is never given a guessed level.
"""

from dataclasses import dataclass

# What the level is called wherever it is shown: the facet, the labels, the page.
HEADING = "Strength of evidence"


@dataclass(frozen=True)
class Level:
    slug: str  # in URLs, the API and the import format: a contract
    number: int | None  # 1 to 5; None when not yet assessed
    name: str
    meaning: str  # in plain words, for the badge and the explaining page

    @property
    def label(self) -> str:
        return f"Level {self.number}: {self.name}" if self.number else self.name

    @property
    def badge(self) -> str:
        """The words every listing shows, as the facet's `search.facets.badges` makes them."""
        return f"{HEADING}: {self.label}"


NOT_ASSESSED = Level(
    "not-assessed",
    None,
    "Not yet assessed",
    "No editor has yet weighed the evidence this case study gives.",
)
# Strongest first: the order the facet and the explaining page show them.
LEVELS = (
    Level(
        "level-5",
        5,
        "Shown at scale",
        "The approach has been repeated in other places with manuals and systems that "
        "keep its impact, and evaluations show it still works there.",
    ),
    Level(
        "level-4",
        4,
        "Independently confirmed",
        "One or more independent evaluations confirm that the approach caused the "
        "change, and say why and at what cost.",
    ),
    Level(
        "level-3",
        3,
        "Shown to cause change",
        "A comparison or control group shows that the change happened because of the "
        "approach, not for other reasons.",
    ),
    Level(
        "level-2",
        2,
        "Change measured",
        "Data collected before and after shows a change, but not that the approach caused it.",
    ),
    Level(
        "level-1",
        1,
        "An account of impact",
        "A clear, reasoned account of what was done and why it should make a difference, "
        "without measured results yet.",
    ),
    NOT_ASSESSED,
)
BY_SLUG = {level.slug: level for level in LEVELS}
CHOICES = [(level.slug, level.label) for level in LEVELS]


def level(slug: str) -> Level:
    """The level of a slug; an unknown or empty one is not yet assessed."""
    return BY_SLUG.get(slug, NOT_ASSESSED)


# What an outcome's figures rest on.
OUTCOME_EVIDENCE_TYPES = {
    "monitoring-data": "Monitoring data",
    "independent-evaluation": "Independent evaluation",
    "comparison-group": "Comparison group",
    "randomised-trial": "Randomised controlled trial",
    "cost-benefit-analysis": "Cost-benefit analysis",
    "testimony": "Testimony",
}
OUTCOME_EVIDENCE_CHOICES = list(OUTCOME_EVIDENCE_TYPES.items())
