"""Validation of one JSON object of the import format into a typed record.

Everything a line can get wrong is found here, before anything is written, and reported
as one sentence naming the field (and, for vocabulary slugs, the allowed values).
"""

import datetime
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug

from base.clean_text import one_line, prose
from casestudies.evidence import BY_SLUG, NOT_ASSESSED, OUTCOME_EVIDENCE_TYPES
from casestudies.models.seminar import LESSON_SLUG_LENGTH, NUMBERED
from taxonomy.models import TAXONOMY_MODELS, Organisation, Term


class InvalidRecord(ValueError):
    """A line that cannot be imported; the message says why in one sentence."""


@dataclass(frozen=True)
class OrganisationRef:
    name: str
    type: str


@dataclass(frozen=True)
class CaseStudyRecord:
    slug: str
    title: str
    summary: str
    body: str
    organisation: OrganisationRef | None
    partners: list[OrganisationRef]
    partner_names: list[str]  # partners the network does not list yet, by name
    region: str | None
    sectors: list[str]
    themes: list[str]
    outcome_areas: list[str]
    stages: list[str]
    year: int | None
    tags: list[str]
    lessons: list[dict[str, str]]
    outcomes: list[dict[str, str]]
    sources: list[dict[str, str]]
    published: bool = True
    illustrative: bool = False
    evidence_level: str = NOT_ASSESSED.slug  # `casestudies.evidence`
    contributor: str | None = None  # the contributing member's profile slug
    contributed: bool = False  # credited to a member, even one who has since left
    licence: str = ""
    type: str = field(default="case_study", init=False)


@dataclass(frozen=True)
class SeminarRecord:
    slug: str
    title: str
    date: datetime.date
    location: str
    series: str
    summary: str
    body: str
    speakers: list[dict[str, str]]
    lessons: list[dict[str, Any]]
    published: bool = True
    type: str = field(default="seminar", init=False)


Record = CaseStudyRecord | SeminarRecord

CASE_STUDY_FIELDS = {
    "type", "slug", "title", "summary", "body", "organisation", "partners", "partner_names",
    "region",
    "sectors", "themes", "outcome_areas", "stages", "year", "tags", "lessons", "outcomes",
    "sources", "published", "illustrative", "evidence_level", "contributor", "contributed",
    "licence",
}  # fmt: skip
SEMINAR_FIELDS = {
    "type", "slug", "title", "date", "location", "series", "summary", "body", "speakers",
    "lessons", "published",
}  # fmt: skip
MAX_TEXT = 100_000
LICENCES = ("", "CC-BY-4.0")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Vocabularies:
    """Every vocabulary's terms by slug, read from the database once per import: the
    validator checks slugs against them and the writer links pages to them. Organisations
    too, by name, as the writer finds or creates them."""

    def __init__(self) -> None:
        self.terms = {
            name: {term.slug: term for term in model.objects.all()}
            for name, model in TAXONOMY_MODELS.items()
        }
        self.organisations: dict[str, Organisation] = {}
        self._created: dict[str, Organisation] = {}

    @contextmanager
    def line(self) -> Iterator[None]:
        """An organisation a line creates is known to the next lines only if the line
        succeeds: otherwise its row was rolled back with the line."""
        self._created = {}
        try:
            yield
            self.organisations.update(self._created)
        finally:
            self._created = {}

    def organisation(self, name: str) -> Organisation | None:
        return self._created.get(name) or self.organisations.get(name)

    def remember(self, organisation: Organisation, *, created: bool) -> None:
        (self._created if created else self.organisations)[organisation.name] = organisation

    def check(self, vocabulary: str, value: Any, field_name: str) -> str:
        allowed = list(self.terms[vocabulary])
        if value not in allowed:
            raise InvalidRecord(
                f"{field_name} {value!r} is not one of the allowed values: {', '.join(allowed)}."
            )
        return value

    def get(self, model: type[Term], slug: str) -> Term:
        return self.terms[model.vocabulary][slug]

    def many(self, model: type[Term], slugs: list[str]) -> list[Term]:
        return [self.get(model, slug) for slug in slugs]


class _Reader:
    """Reads typed values out of one JSON object, raising InvalidRecord on the first fault."""

    def __init__(self, data: dict[str, Any], vocabularies: Vocabularies, prefix: str = "") -> None:
        self.data = data
        self.vocabularies = vocabularies
        self.prefix = prefix

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def text(
        self, key: str, *, required: bool = False, max_length: int = MAX_TEXT, lines: bool = False
    ) -> str:
        """A string field, trimmed, on one line unless it may have `lines` (see
        `base.clean_text`); see `markdown` for text whose spacing matters."""
        value = self._string(key, max_length)
        value = (value if lines else one_line(value)).strip()
        if required and not value:
            raise InvalidRecord(f"{self.name(key)} is missing; it must be a non-empty string.")
        return value

    def markdown(self, key: str) -> str:
        """Markdown, kept as written (leading spaces can mean code or a list), but for
        control characters other than tab and newline."""
        return self._string(key, MAX_TEXT)

    def _string(self, key: str, max_length: int) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise InvalidRecord(f"{self.name(key)} must be a string.")
        if len(value) > max_length:
            raise InvalidRecord(f"{self.name(key)} is longer than {max_length} characters.")
        return prose(value)

    def choice(self, key: str, allowed: Iterable[str], default: str) -> str:
        """One of the `allowed` slugs; `default` when missing or empty."""
        value = self.data.get(key)
        if value in (None, ""):
            return default
        allowed = list(allowed)
        if value not in allowed:
            raise InvalidRecord(
                f"{self.name(key)} {value!r} is not one of the allowed values: "
                f"{', '.join(allowed)}."
            )
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise InvalidRecord(f"{self.name(key)} must be true or false.")
        return value

    def items(self, key: str) -> list[Any]:
        value = self.data.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            raise InvalidRecord(f"{self.name(key)} must be a list.")
        return value

    def objects(self, key: str) -> list["_Reader"]:
        readers = []
        for position, item in enumerate(self.items(key), start=1):
            if not isinstance(item, dict):
                raise InvalidRecord(f"{self.name(key)}[{position}] must be an object.")
            readers.append(_Reader(item, self.vocabularies, f"{self.name(key)}[{position}]."))
        return readers

    def term(self, key: str, vocabulary: str) -> str | None:
        value = self.data.get(key)
        if value in (None, ""):
            return None
        return self.vocabularies.check(vocabulary, value, self.name(key))

    def terms(self, key: str, vocabulary: str) -> list[str]:
        values = [self.vocabularies.check(vocabulary, v, self.name(key)) for v in self.items(key)]
        return list(dict.fromkeys(values))

    def strings(self, key: str, max_length: int = 100) -> list[str]:
        values = self.items(key)
        if not all(isinstance(v, str) and 0 < len(v.strip()) <= max_length for v in values):
            raise InvalidRecord(
                f"{self.name(key)} must be a list of strings of 1 to {max_length} characters."
            )
        return list(dict.fromkeys(one_line(v).strip() for v in values))

    def slug(self) -> str:
        value = self.text("slug", required=True, max_length=255)
        try:
            validate_slug(value)
        except ValidationError:
            raise InvalidRecord(
                f"slug {value!r} may contain only letters, numbers, hyphens and underscores."
            ) from None
        return value

    def lesson_slug(self) -> str:
        """A lesson's optional slug (its link, #lesson-<slug>): made from the title when
        absent, as in the format before lessons had slugs."""
        value = self.text("slug", max_length=LESSON_SLUG_LENGTH)
        if value and (not SLUG.match(value) or NUMBERED.match(value)):
            raise InvalidRecord(
                f"{self.name('slug')} {value!r} may contain only lower-case letters, numbers "
                "and hyphens, and not numbers alone."
            )
        return value

    def organisation(self) -> OrganisationRef:
        return OrganisationRef(
            name=self.text("name", required=True, max_length=255),
            type=self.vocabularies.check(
                "organisation_type", self.data.get("type"), self.name("type")
            ),
        )

    def url(self, key: str) -> str:
        value = self.text(key, max_length=500)
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                raise InvalidRecord(f"{self.name(key)} {value!r} is not a web address.") from None
        return value


def parse_record(data: Any, vocabularies: Vocabularies) -> Record:
    """Turn one decoded JSON value into a record, or raise InvalidRecord."""
    if not isinstance(data, dict):
        raise InvalidRecord("the line must be a JSON object.")
    kind = data.get("type")
    if kind == "case_study":
        _reject_unknown(data, CASE_STUDY_FIELDS)
        return _case_study(_Reader(data, vocabularies))
    if kind == "seminar":
        _reject_unknown(data, SEMINAR_FIELDS)
        return _seminar(_Reader(data, vocabularies))
    raise InvalidRecord(f"type {kind!r} is not one of the allowed values: case_study, seminar.")


def _reject_unknown(data: dict[str, Any], known: set[str]) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise InvalidRecord(
            f"unknown field {unknown[0]!r}; the fields are: {', '.join(sorted(known))}."
        )


def _case_study(r: _Reader) -> CaseStudyRecord:
    organisation = r.data.get("organisation")
    if organisation is not None and not isinstance(organisation, dict):
        raise InvalidRecord("organisation must be an object with a name and a type.")
    return CaseStudyRecord(
        slug=r.slug(),
        title=r.text("title", required=True, max_length=255),
        summary=r.text("summary", max_length=2000, lines=True),
        body=r.markdown("body"),
        organisation=(
            _Reader(organisation, r.vocabularies, "organisation.").organisation()
            if organisation
            else None
        ),
        partners=[p.organisation() for p in r.objects("partners")],
        partner_names=r.strings("partner_names", max_length=255),
        region=r.term("region", "region"),
        sectors=r.terms("sectors", "sector"),
        themes=r.terms("themes", "theme"),
        outcome_areas=r.terms("outcome_areas", "outcome_area"),
        stages=r.terms("stages", "stage"),
        year=_year(r.data.get("year")),
        tags=r.strings("tags"),
        lessons=[
            {"title": o.text("title", required=True, max_length=255), "body": o.markdown("body")}
            for o in r.objects("lessons")
        ],
        outcomes=[
            {
                "measure": o.text("measure", required=True, max_length=255),
                "before": o.text("before", max_length=2000),
                "after": o.text("after", max_length=2000),
                "evidence": o.text("evidence", max_length=2000, lines=True),
                "evidence_type": o.choice("evidence_type", OUTCOME_EVIDENCE_TYPES, ""),
            }
            for o in r.objects("outcomes")
        ],
        sources=[
            {"title": o.text("title", required=True, max_length=255), "url": o.url("url")}
            for o in r.objects("sources")
        ],
        published=r.boolean("published", True),
        illustrative=r.boolean("illustrative", False),
        evidence_level=r.choice("evidence_level", BY_SLUG, NOT_ASSESSED.slug),
        **_credit(r),
    )


def _credit(r: _Reader) -> dict[str, Any]:
    """Who contributed it (a profile slug, resolved when the line is written) and the
    licence they agreed to."""
    contributor = r.text("contributor", max_length=80) or None
    if contributor is not None:
        try:
            validate_slug(contributor)
        except ValidationError:
            raise InvalidRecord(
                f"contributor {contributor!r} must be a member's profile address, such as "
                "sam-patel."
            ) from None
    licence = r.text("licence", max_length=20)
    if licence not in LICENCES:
        raise InvalidRecord(
            f"licence {licence!r} is not one of the allowed values: {', '.join(LICENCES[1:])} "
            "or empty."
        )
    return {
        "contributor": contributor,
        "contributed": r.boolean("contributed", contributor is not None),
        "licence": licence,
    }


def _seminar(r: _Reader) -> SeminarRecord:
    return SeminarRecord(
        slug=r.slug(),
        title=r.text("title", required=True, max_length=255),
        date=_date(r.data.get("date")),
        location=r.text("location", max_length=255),
        series=r.text("series", max_length=255),
        summary=r.text("summary", max_length=2000, lines=True),
        body=r.markdown("body"),
        speakers=[
            {
                "name": o.text("name", required=True, max_length=255),
                "role": o.text("role", max_length=255),
                "organisation": o.text("organisation", max_length=255),
            }
            for o in r.objects("speakers")
        ],
        lessons=[
            {
                "title": o.text("title", required=True, max_length=255),
                "slug": o.lesson_slug(),
                "body": o.markdown("body"),
                "themes": o.terms("themes", "theme"),
                "stages": o.terms("stages", "stage"),
            }
            for o in r.objects("lessons")
        ],
        published=r.boolean("published", True),
    )


def _year(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
        raise InvalidRecord("year must be a whole number between 1900 and 2100.")
    return value


def _date(value: Any) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidRecord(f"date {value!r} must be a date written as YYYY-MM-DD.") from None
