"""The reusable parts of the API's OpenAPI document: the search endpoints' query
parameters and the schemas of the answers, read from search's registry and limits."""

from search.facets import FACETS, KIND, KIND_LABELS, YEAR, Facet
from search.params import (
    MAX_EXPANDING_WORDS,
    MAX_PAGE,
    MAX_QUERY_WORDS,
    MAX_VALUES_PER_FACET,
)
from search.types import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, RELEVANCE, sort_labels

from . import examples


def ref(section: str, name: str) -> dict:
    return {"$ref": f"#/components/{section}/{name}"}


# --- Parameters --------------------------------------------------------------------------


def parameters() -> dict:
    """Every query parameter of the search endpoints, by name."""
    return {
        "q": query_parameter(
            "q",
            f"The words to search for; empty lists everything. Cut to {MAX_QUERY_LENGTH} "
            f"characters and {MAX_QUERY_WORDS} words, of which {MAX_EXPANDING_WORDS} may end "
            "in `*` (words starting so) or `~` (words spelt nearly so).",
            {"type": "string"},
            example="co-operative commissioning",
        ),
        **{name: _facet_parameter(facet) for name, facet in FACETS.items()},
        "sort": query_parameter(
            "sort",
            "The order of the results: "
            + "; ".join(f"`{value}` ({label.lower()})" for value, label in sort_labels().items())
            + ".",
            {"type": "string", "enum": list(sort_labels()), "default": RELEVANCE},
            example="newest",
        ),
        "page": query_parameter(
            "page",
            "Which page of results. A page past the end is an empty list with the right `total`.",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
            example=2,
        ),
        "page_size": query_parameter(
            "page_size",
            "How many results a page lists (the recommended pages on page 1 come on top).",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": DEFAULT_PAGE_SIZE,
            },
            example=10,
        ),
        "exact": query_parameter(
            "exact",
            "`1`: search for the words exactly as typed, never for a spelling correction.",
            {"type": "string", "enum": ["1"]},
            example="1",
        ),
    }


def query_parameter(name: str, description: str, schema: dict, example=None) -> dict:
    parameter = {"name": name, "in": "query", "description": description, "schema": schema}
    if example is not None:
        parameter["example"] = example
    return parameter


def _facet_parameter(facet: Facet) -> dict:
    items: dict = {"type": "string"}
    example = None
    if facet.name == KIND:
        items["enum"] = list(KIND_LABELS)
        description = "Type of document."
        example = ["case_study"]
    elif facet.name == YEAR:
        items["pattern"] = "^[0-9]{4}$"
        description = "Year: four digits."
        example = ["2013"]
    else:
        description = f"{facet.label}: the `value` of one of `facets.{facet.name}` in an answer."
    parameter = query_parameter(
        facet.name,
        f"{description} Repeat for more than one; at most {MAX_VALUES_PER_FACET} are read.",
        {"type": "array", "items": items},
        example=example,
    )
    return {**parameter, "style": "form", "explode": True}


def search_parameters(paged: bool = True) -> list[dict]:
    names = ["q", *FACETS, "sort", *(["page", "page_size"] if paged else []), "exact"]
    return [ref("parameters", name) for name in names]


# --- Schemas -----------------------------------------------------------------------------


def schemas() -> dict:
    return {
        "SearchAnswer": _search_answer(),
        "Hit": _hit(),
        "FacetValue": _object(
            {
                "value": {"type": "string", "description": "What the facet's parameter takes."},
                "label": {"type": "string", "description": "What people read."},
                "count": {"type": "integer", "minimum": 0},
                "selected": {"type": "boolean"},
            }
        ),
        "Suggestion": _object({"text": {"type": "string"}, "url": {"type": "string"}}),
        "Error": _object(
            {"error": {"type": "string", "description": "A sentence saying what to change."}}
        ),
        "DataIndex": _data_index(),
        "DataFile": _object(
            {
                "name": {"type": "string"},
                "record_type": {"type": "string"},
                "format": {"type": "string", "enum": ["jsonl", "csv"]},
                "url": {"type": "string"},
                "size": {"type": "integer", "minimum": 0, "description": "In bytes."},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "records": {"type": "integer", "minimum": 0},
            }
        ),
    }


def _object(properties: dict, description: str = "") -> dict:
    """An object with exactly these properties, all of them always there."""
    schema = {
        "type": "object",
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }
    return {"description": description, **schema} if description else schema


NULLABLE_STRING = {"type": ["string", "null"]}


def _search_answer() -> dict:
    counts = {"type": "array", "items": ref("schemas", "FacetValue")}
    return _object(
        {
            "query": {"type": "string", "description": "The words searched for, as cleaned."},
            "total": {
                "type": "integer",
                "minimum": 0,
                "description": "All the results, the recommended ones included.",
            },
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            "degraded": {
                "type": "boolean",
                "description": "true: the database answered while the search engine was "
                "down; results are plainer.",
            },
            "suggestion": {**NULLABLE_STRING, "description": "Words that may find more."},
            "corrected_from": {
                **NULLABLE_STRING,
                "description": "The words as typed, when these are the results of a "
                "spelling correction (ask again with `exact=1` to refuse it).",
            },
            "closest": {
                "type": "boolean",
                "description": "true: nothing held all the words, so these are the closest "
                "matches.",
            },
            "results": {"type": "array", "items": ref("schemas", "Hit")},
            "facets": {
                "type": "object",
                "description": "Each facet's values with their counts. A facet's counts "
                "apply every other facet's selection, not its own.",
                "properties": {name: {**counts, "title": f.label} for name, f in FACETS.items()},
                "additionalProperties": False,
            },
        }
    )


def _hit() -> dict:
    strings = {"type": "array", "items": {"type": "string"}}
    return _object(
        {
            "kind": {"type": "string", "enum": list(KIND_LABELS)},
            "title": {"type": "string"},
            "url": {"type": "string", "description": "The page's path on this site."},
            "slug": {"type": "string"},
            "summary": {"type": "string"},
            "highlights": {
                **strings,
                "description": "HTML-escaped fragments of the text, the words in `<mark>`.",
            },
            **{
                name: {**strings, "title": FACETS[name].label, "description": "Value slugs."}
                for name in examples.hit_facets()
            },
            "year": {"type": ["integer", "null"]},
            "published_at": {**NULLABLE_STRING, "format": "date-time"},
            "recommended": {
                "type": "boolean",
                "description": "true: editors recommend it for these words; listed first.",
            },
            "illustrative": {
                "type": "boolean",
                "description": "true: an invented example, not a real account.",
            },
        },
        "One result: a case study, a seminar or one of its lessons, a member, a question.",
    )


def _data_index() -> dict:
    return _object(
        {
            "licence": _object({"name": {"type": "string"}, "url": {"type": "string"}}),
            "generated_at": {
                **NULLABLE_STRING,
                "format": "date-time",
                "description": "When the dumps were made; null before the first.",
            },
            "files": {"type": "array", "items": ref("schemas", "DataFile")},
            "schemas": {
                "type": "array",
                "items": _object({"record_type": {"type": "string"}, "url": {"type": "string"}}),
            },
        }
    )
