"""What each record of the import format holds, field by field: the one definition that
the import validates against (`records.py`), the exports and open data write
(`exporter.py`, `tables.py`), and the JSON Schemas and the codebook describe
(`schemas.py`). Change a field here and all of them follow.
"""

from dataclasses import dataclass
from typing import Any

from casestudies import evidence, notices
from casestudies.models.seminar import LESSON_SLUG_LENGTH
from taxonomy import org_id

MAX_TEXT = 100_000
LICENCES = ("", "CC-BY-4.0")


@dataclass(frozen=True)
class Field:
    """One field of a record. `kind` says how it is read and described:

    text, markdown, slug, lesson_slug, url, org_id, ocid, notice_url, contributor,
    licence: strings; term: a vocabulary's slug or null; terms: a list of them;
    strings: a list of short strings; boolean; year; date; choice: one of `choices`;
    object / objects: one or a list of objects of the `items` fields.
    """

    name: str
    kind: str
    description: str
    required: bool = False
    max_length: int = 0
    lines: bool = False  # text that keeps its line breaks
    vocabulary: str = ""  # for term and terms
    choices: tuple[tuple[str, str], ...] = ()  # (slug, meaning) for choice
    default: Any = None
    items: tuple["Field", ...] = ()  # for object and objects
    any_of: tuple[str, ...] = ()  # for object(s): at least one of these items is given
    example: Any = None
    # Written by the open data (where to read it, whom to credit), ignored by the import.
    read_only: bool = False


@dataclass(frozen=True)
class RecordType:
    name: str  # the value of "type"
    label: str
    description: str
    fields: tuple[Field, ...]
    file_stem: str  # the open data files' names: case-studies.jsonl, .csv
    importable: bool = True

    @property
    def names(self) -> set[str]:
        return {"type", *(f.name for f in self.fields)}

    @property
    def imported(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.read_only)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _title(description: str = "The title.") -> Field:
    return Field("title", "text", description, required=True, max_length=255)


URL = Field(
    "url",
    "url",
    "Where the site shows it (in the open data; the import ignores it).",
    max_length=500,
    read_only=True,
)
ATTRIBUTION = Field(
    "attribution",
    "text",
    "Whom to credit when reusing it, as the site credits it to everyone (in the open "
    "data; the import ignores it).",
    max_length=500,
    read_only=True,
)


ORGANISATION_REF = (
    Field("name", "text", "The organisation's name.", required=True, max_length=255),
    Field(
        "type",
        "term",
        "What kind of organisation it is.",
        required=True,
        vocabulary="organisation_type",
    ),
    Field(
        "org_id",
        "org_id",
        "Its identifier in the org-id scheme (the list's prefix, a hyphen, its number on "
        "that list), or empty.",
        example="GB-LAE-LBH",
    ),
)
OUTCOME = (
    Field("measure", "text", "What was measured.", required=True, max_length=255),
    Field("before", "text", "The figure before.", max_length=2000),
    Field("after", "text", "The figure after.", max_length=2000),
    Field("evidence", "text", "Where the figures come from.", max_length=2000, lines=True),
    Field(
        "evidence_type",
        "choice",
        "What kind of evidence the figures are, or empty.",
        choices=tuple(evidence.OUTCOME_EVIDENCE_TYPES.items()),
        default="",
    ),
)
CASE_STUDY_LESSON = (
    _title("What was learnt, in a line."),
    Field("body", "markdown", "The lesson, in Markdown."),
)
SOURCE = (
    _title("The source's title."),
    Field("url", "url", "Its web address, or empty.", max_length=500),
)
NOTICE = (
    Field(
        "ocid",
        "ocid",
        "The contracting process's OCDS identifier, or empty.",
        max_length=notices.OCID_MAX_LENGTH,
        example="ocds-h6vhtk-0123ab",
    ),
    Field(
        "url",
        "notice_url",
        "The notice's web address on Find a Tender or Contracts Finder, or empty.",
        max_length=500,
    ),
)
SPEAKER = (
    Field("name", "text", "The speaker's name.", required=True, max_length=255),
    Field("role", "text", "Their role.", max_length=255),
    Field("organisation", "text", "Their organisation.", max_length=255),
)
SEMINAR_LESSON = (
    _title("What was learnt, in a line."),
    Field(
        "slug",
        "lesson_slug",
        "Its address on the seminar's page (#lesson-<slug>); made from the title when empty.",
        max_length=LESSON_SLUG_LENGTH,
    ),
    Field("body", "markdown", "The lesson, in Markdown."),
    Field("themes", "terms", "Its themes.", vocabulary="theme"),
    Field("stages", "terms", "The commissioning stages it is about.", vocabulary="stage"),
)

CASE_STUDY = RecordType(
    "case_study",
    "Case study",
    "An account of how a commissioner bought for social value, and what came of it.",
    (
        Field("slug", "slug", "Its address on the site.", required=True, max_length=255),
        _title(),
        Field(
            "summary", "text", "A paragraph saying what it is about.", max_length=2000, lines=True
        ),
        Field("body", "markdown", "The account, in Markdown."),
        Field("organisation", "object", "The lead organisation, or null.", items=ORGANISATION_REF),
        Field(
            "partners",
            "objects",
            "The partner organisations the network lists.",
            items=ORGANISATION_REF,
        ),
        Field(
            "partner_names",
            "strings",
            "Partners the network does not list yet, by name.",
            max_length=255,
        ),
        Field("region", "term", "Where it happened.", vocabulary="region"),
        Field("sectors", "terms", "The sectors it is in.", vocabulary="sector"),
        Field("themes", "terms", "Its themes.", vocabulary="theme"),
        Field("outcome_areas", "terms", "The outcomes it sought.", vocabulary="outcome_area"),
        Field("stages", "terms", "The commissioning stages it covers.", vocabulary="stage"),
        Field("year", "year", "The year it happened, or null.", example=2019),
        Field("tags", "strings", "Free tags.", max_length=100),
        Field("lessons", "objects", "What was learnt.", items=CASE_STUDY_LESSON),
        Field("outcomes", "objects", "What changed, with figures.", items=OUTCOME),
        Field("sources", "objects", "Where to read more.", items=SOURCE),
        Field(
            "notices",
            "objects",
            "The procurement notices it came from.",
            items=NOTICE,
            any_of=("ocid", "url"),
        ),
        Field("published", "boolean", "Whether the site shows it.", default=True),
        Field(
            "illustrative",
            "boolean",
            "An invented example rather than a real account.",
            default=False,
        ),
        Field(
            "evidence_level",
            "choice",
            "How strong the evidence of its impact is (Nesta's Standards of Evidence).",
            choices=tuple((level.slug, level.label) for level in evidence.LEVELS),
            default=evidence.NOT_ASSESSED.slug,
        ),
        Field(
            "contributor",
            "contributor",
            "The contributing member's profile address, or null.",
            max_length=80,
        ),
        Field(
            "contributed",
            "boolean",
            "Contributed by a member, even one who has since left; true when contributor is given.",
            default=None,
        ),
        Field(
            "licence", "licence", "The licence the contributor agreed to, or empty.", max_length=20
        ),
        URL,
        ATTRIBUTION,
    ),
    "case-studies",
)
SEMINAR = RecordType(
    "seminar",
    "Seminar",
    "A practitioners' seminar: who spoke, and the lessons drawn from it.",
    (
        Field("slug", "slug", "Its address on the site.", required=True, max_length=255),
        _title(),
        Field("date", "date", "The day it was held.", required=True, example="2024-03-14"),
        Field("location", "text", "Where it was held.", max_length=255),
        Field("series", "text", "The series it belongs to.", max_length=255),
        Field(
            "summary", "text", "A paragraph saying what it was about.", max_length=2000, lines=True
        ),
        Field("body", "markdown", "The write-up, in Markdown."),
        Field("speakers", "objects", "Who spoke.", items=SPEAKER),
        Field("lessons", "objects", "The lessons drawn from it.", items=SEMINAR_LESSON),
        Field("published", "boolean", "Whether the site shows it.", default=True),
        URL,
    ),
    "seminars",
)
LESSON = RecordType(
    "lesson",
    "Lesson",
    "One lesson of a seminar, on its own for analysis; it is imported with its seminar.",
    (
        Field("seminar", "slug", "The seminar's slug.", required=True, max_length=255),
        *SEMINAR_LESSON,
        URL,
    ),
    "lessons",
    importable=False,
)
ORGANISATION = RecordType(
    "organisation",
    "Organisation",
    "An organisation that leads or partners in case studies.",
    (
        ORGANISATION_REF[0],
        Field(
            "organisation_type",
            "term",
            "What kind of organisation it is.",
            required=True,
            vocabulary="organisation_type",
        ),
        ORGANISATION_REF[2],
        Field("website", "url", "Its website, or empty.", max_length=200),
        Field("sector", "term", "Its sector, or null.", vocabulary="sector"),
        Field("region", "term", "Its region, or null.", vocabulary="region"),
    ),
    "organisations",
)
RECORD_TYPES = {record.name: record for record in (CASE_STUDY, SEMINAR, LESSON, ORGANISATION)}

ORG_ID_PATTERN = (
    "^(?:"
    + "|".join(f"{scheme.prefix}-{scheme.pattern}" for scheme in org_id.SCHEMES.values())
    + ")$"
)
