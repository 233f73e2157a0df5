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
from casestudies import notices
from casestudies.evidence import NOT_ASSESSED
from casestudies.models.seminar import LESSON_SLUG_LENGTH, NUMBERED
from taxonomy import org_id
from taxonomy.models import TAXONOMY_MODELS, Organisation, Term

from .fields import LICENCES, MAX_TEXT, ORGANISATION_REF, RECORD_TYPES, Field


class InvalidRecord(ValueError):
    """A line that cannot be imported; the message says why in one sentence."""


@dataclass(frozen=True)
class OrganisationRef:
    name: str
    type: str
    org_id: str = ""


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
    notices: list[dict[str, str]] = field(default_factory=list)
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


@dataclass(frozen=True)
class OrganisationRecord:
    name: str
    organisation_type: str
    org_id: str
    website: str
    sector: str | None
    region: str | None


Record = CaseStudyRecord | SeminarRecord | OrganisationRecord

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

    def checked(self, key: str, max_length: int, check, normalise=None) -> str:
        """A string that `check` accepts (or empty): its ValidationError's message,
        prefixed with the field's name, is the rejection."""
        value = self.text(key, max_length=max_length)
        if normalise is not None:
            value = normalise(value)
        if value:
            try:
                check(value)
            except ValidationError as error:
                raise InvalidRecord(f"{self.name(key)}: {error.messages[0]}") from None
        return value

    def url(self, key: str, max_length: int = 500) -> str:
        value = self.text(key, max_length=max_length)
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
    record_type = RECORD_TYPES.get(str(data.get("type")))
    if record_type is None:
        raise InvalidRecord(
            f"type {data.get('type')!r} is not one of the allowed values: "
            f"{', '.join(RECORD_TYPES)}."
        )
    if not record_type.importable:
        raise InvalidRecord(f"{record_type.name} records are not imported on their own.")
    _reject_unknown(data, record_type.names)
    values = read_fields(_Reader(data, vocabularies), record_type.imported)
    return _BUILDERS[record_type.name](**values)


def read_fields(r: "_Reader", fields: tuple[Field, ...]) -> dict[str, Any]:
    """Each field's value, read and checked as its definition says (`fields.py`)."""
    return {f.name: _read(r, f) for f in fields}


def _read(r: "_Reader", f: Field) -> Any:
    match f.kind:
        case "text":
            return r.text(f.name, required=f.required, max_length=f.max_length, lines=f.lines)
        case "markdown":
            return r.markdown(f.name)
        case "slug":
            return r.slug()
        case "lesson_slug":
            return r.lesson_slug()
        case "url":
            return r.url(f.name, f.max_length)
        case "term" if f.required:
            return r.vocabularies.check(f.vocabulary, r.data.get(f.name), r.name(f.name))
        case "term":
            return r.term(f.name, f.vocabulary)
        case "terms":
            return r.terms(f.name, f.vocabulary)
        case "strings":
            return r.strings(f.name, max_length=f.max_length)
        case "boolean":
            default = f.default
            if default is None:  # "contributed": true when a contributor is named
                default = r.data.get("contributor") not in (None, "")
            return r.boolean(f.name, default)
        case "year":
            return _year(r.data.get(f.name))
        case "date":
            return _date(r.data.get(f.name))
        case "choice":
            return r.choice(f.name, [slug for slug, _ in f.choices], f.default)
        case "object":
            value = r.data.get(f.name)
            if value is None or value == {}:
                return None
            if not isinstance(value, dict):
                wanted = " and ".join(f"a {item.name}" for item in f.items if item.required)
                raise InvalidRecord(f"{r.name(f.name)} must be an object with {wanted}.")
            return _object(f, _Reader(value, r.vocabularies, f"{r.name(f.name)}."))
        case "objects":
            return [_object(f, o) for o in r.objects(f.name)]
        case "org_id":
            return r.checked(f.name, org_id.MAX_LENGTH, _org_id_check, org_id.normalise)
        case "ocid":
            return r.checked(f.name, f.max_length, notices.validate_ocid)
        case "notice_url":
            return r.checked(f.name, f.max_length, notices.validate_notice_url)
        case "contributor":
            return _contributor(r, f)
        case "licence":
            return _licence(r, f)
    raise AssertionError(f"field kind {f.kind!r} has no reader")


def _object(f: Field, r: "_Reader") -> Any:
    _reject_unknown(r.data, {item.name for item in f.items}, r.prefix)
    values = read_fields(r, f.items)
    if f.any_of and not any(values[name] for name in f.any_of):
        raise InvalidRecord(
            " or ".join(f"{r.prefix}{name}" for name in f.any_of) + " must be given."
        )
    build = _OBJECT_BUILDERS.get(f.items)
    return build(**values) if build else values


def _org_id_check(value: str) -> None:
    org_id.split(value)


def _contributor(r: "_Reader", f: Field) -> str | None:
    contributor = r.text(f.name, max_length=f.max_length) or None
    if contributor is not None:
        try:
            validate_slug(contributor)
        except ValidationError:
            raise InvalidRecord(
                f"contributor {contributor!r} must be a member's profile address, such as "
                "sam-patel."
            ) from None
    return contributor


def _licence(r: "_Reader", f: Field) -> str:
    licence = r.text(f.name, max_length=f.max_length)
    if licence not in LICENCES:
        raise InvalidRecord(
            f"licence {licence!r} is not one of the allowed values: {', '.join(LICENCES[1:])} "
            "or empty."
        )
    return licence


def _reject_unknown(data: dict[str, Any], known: set[str], prefix: str = "") -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise InvalidRecord(
            f"unknown field {prefix}{unknown[0]!r}; the fields are: {', '.join(sorted(known))}."
        )


# Objects read into a record type of their own; any other object stays a dict.
_OBJECT_BUILDERS: dict[tuple[Field, ...], Any] = {ORGANISATION_REF: OrganisationRef}

_BUILDERS: dict[str, Any] = {
    "case_study": CaseStudyRecord,
    "seminar": SeminarRecord,
    "organisation": OrganisationRecord,
}


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
