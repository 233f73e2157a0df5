"""Models of the case studies app, one module per concern."""

from .case_study import (
    CaseStudyContact,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseStudySource,
    CaseStudyTag,
    ContractNotice,
)
from .home import FeaturedCaseStudy, HomePage
from .seminar import SeminarIndexPage, SeminarLesson, SeminarPage, SeminarSpeaker

__all__ = [
    "CaseStudyContact",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudySource",
    "CaseStudyTag",
    "ContractNotice",
    "FeaturedCaseStudy",
    "HomePage",
    "SeminarIndexPage",
    "SeminarLesson",
    "SeminarPage",
    "SeminarSpeaker",
]
