"""Models of the case studies app, one module per concern."""

from .case_study import (
    CaseStudyContact,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseStudySource,
    CaseStudyTag,
)
from .organisations import Organisation
from .seminar import SeminarIndexPage, SeminarLesson, SeminarPage, SeminarSpeaker
from .taxonomy import (
    TAXONOMY_MODELS,
    Kind,
    OrganisationType,
    OutcomeArea,
    Region,
    Role,
    Sector,
    Stage,
    Term,
    Theme,
)

__all__ = [
    "TAXONOMY_MODELS",
    "CaseStudyContact",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudySource",
    "CaseStudyTag",
    "Kind",
    "Organisation",
    "OrganisationType",
    "OutcomeArea",
    "Region",
    "Role",
    "Sector",
    "SeminarIndexPage",
    "SeminarLesson",
    "SeminarPage",
    "SeminarSpeaker",
    "Stage",
    "Term",
    "Theme",
]
