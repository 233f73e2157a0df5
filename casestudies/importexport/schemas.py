"""JSON Schemas (draft 2020-12) and the codebook of the open data, written from the
field definitions the import reads (`fields.py`): what the import accepts, the schemas
say, and the codebook explains, from one source.

Vocabulary fields list their allowed slugs as the database holds them (the slugs are a
contract; the names are for people)."""

from dataclasses import dataclass
from typing import Any

from casestudies import notices
from taxonomy.models import TAXONOMY_MODELS

from .fields import LICENCES, MAX_TEXT, ORG_ID_PATTERN, RECORD_TYPES, Field, RecordType
from .records import SLUG

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
NOTICE_URL_PATTERN = (
    r"^https://(www\.)?(find-tender|contractsfinder)\.service\.gov\.uk/"  # notices.NOTICE_SITES
)


def vocabulary_terms() -> dict[str, list[tuple[str, str]]]:
    """Each vocabulary's (slug, name) pairs, in the order people see them."""
    return {
        name: list(model.objects.order_by("sort_order", "name").values_list("slug", "name"))
        for name, model in TAXONOMY_MODELS.items()
    }


def json_schema(record_type: RecordType, base_url: str = "") -> dict[str, Any]:
    """The JSON Schema of one record type; `base_url` makes its `$id` absolute."""
    terms = vocabulary_terms()
    return {
        "$schema": DIALECT,
        "$id": f"{base_url}/data/schema/{record_type.name}.json",
        "title": record_type.label,
        "description": record_type.description,
        "type": "object",
        "properties": {
            "type": {"const": record_type.name, "description": "The kind of record."},
            **{f.name: _property(f, terms) for f in record_type.fields},
        },
        "required": ["type", *(f.name for f in record_type.fields if f.required)],
        "additionalProperties": False,
    }


def _property(f: Field, terms: dict[str, list[tuple[str, str]]]) -> dict[str, Any]:
    schema = {**_shape(f, terms), "description": f.description}
    if f.read_only:
        schema["readOnly"] = True
    if f.default is not None:
        schema["default"] = f.default
    if f.example is not None:
        schema["examples"] = [f.example]
    return schema


def _string(f: Field, **more: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "maxLength": f.max_length or MAX_TEXT, **more}
    if f.required:
        schema["minLength"] = 1
    return schema


def _shape(f: Field, terms: dict[str, list[tuple[str, str]]]) -> dict[str, Any]:
    slugs = [slug for slug, _ in terms.get(f.vocabulary, [])]
    match f.kind:
        case "text" | "contributor":
            return (
                _string(f)
                if f.kind == "text"
                else {"type": ["string", "null"], "pattern": SLUG_PATTERN}
            )
        case "markdown":
            return _string(f, contentMediaType="text/markdown")
        case "slug":
            return _string(f, pattern=SLUG_PATTERN)
        case "lesson_slug":
            return {"type": "string", "maxLength": f.max_length, "pattern": f"^$|{SLUG.pattern}"}
        case "url":
            return {"type": "string", "maxLength": f.max_length, "pattern": r"^$|^https?://"}
        case "notice_url":
            return {
                "type": "string",
                "maxLength": f.max_length,
                "pattern": f"^$|{NOTICE_URL_PATTERN}",
            }
        case "org_id":
            return {"type": "string", "pattern": f"^$|{ORG_ID_PATTERN}"}
        case "ocid":
            return {
                "type": "string",
                "maxLength": f.max_length,
                "pattern": f"^$|{notices.OCID.pattern}",
            }
        case "licence":
            return {"type": "string", "enum": list(LICENCES)}
        case "choice":  # empty or null: the default
            return {"enum": [*(slug for slug, _ in f.choices), "", None]}
        case "term" if f.required:
            return {"type": "string", "enum": slugs}
        case "term":
            return {"type": ["string", "null"], "enum": [*slugs, None]}
        case "terms":
            return {"type": "array", "items": {"enum": slugs}, "uniqueItems": True}
        case "strings":
            item = {"type": "string", "minLength": 1, "maxLength": f.max_length}
            return {"type": "array", "items": item}
        case "boolean":
            return {"type": "boolean"}
        case "year":
            return {"type": ["integer", "null"], "minimum": 1900, "maximum": 2100}
        case "date":
            return {"type": "string", "format": "date"}
        case "object" | "objects":
            item = {
                "type": "object",
                "properties": {i.name: _property(i, terms) for i in f.items},
                "required": [i.name for i in f.items if i.required],
                "additionalProperties": False,
            }
            if f.any_of:
                item["anyOf"] = [
                    {"required": [name], "properties": {name: {"minLength": 1}}}
                    for name in f.any_of
                ]
            if f.kind == "object":
                return {"anyOf": [item, {"type": "null"}]}
            return {"type": "array", "items": item}
    raise AssertionError(f"field kind {f.kind!r} has no schema")


@dataclass(frozen=True)
class Entry:
    """One row of the codebook: a field (nested ones as `outcomes[].measure`)."""

    name: str
    kind: str
    required: bool
    description: str
    values: list[tuple[str, str]]  # allowed values and their meaning, if a closed list
    read_only: bool


KIND_WORDS = {
    "text": "text",
    "markdown": "text in Markdown",
    "slug": "slug",
    "lesson_slug": "slug",
    "url": "web address",
    "notice_url": "web address",
    "org_id": "org-id identifier",
    "ocid": "OCDS identifier",
    "contributor": "profile address",
    "licence": "one of the values",
    "choice": "one of the values",
    "term": "one of the values",
    "terms": "list of values",
    "strings": "list of text",
    "boolean": "true or false",
    "year": "whole number",
    "date": "date (YYYY-MM-DD)",
    "object": "object",
    "objects": "list of objects",
}


def codebook() -> dict[RecordType, list[Entry]]:
    """Every record type's fields, in order, nested fields after their parent."""
    terms = vocabulary_terms()
    return {
        record_type: list(_entries(record_type.fields, "", terms))
        for record_type in RECORD_TYPES.values()
    }


def _entries(fields: tuple[Field, ...], prefix: str, terms) -> Any:
    for f in fields:
        values = list(f.choices) or terms.get(f.vocabulary, [])
        if f.kind == "licence":
            values = [("CC-BY-4.0", "Creative Commons Attribution 4.0"), ("", "none stated")]
        yield Entry(
            f"{prefix}{f.name}", KIND_WORDS[f.kind], f.required, f.description, values, f.read_only
        )
        if f.items:
            suffix = "[]." if f.kind == "objects" else "."
            yield from _entries(f.items, f"{prefix}{f.name}{suffix}", terms)
