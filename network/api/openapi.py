"""The OpenAPI 3.1 document of the public API, as a Python dict.

Each path is one entry of `OPERATIONS`, built by a function of its own, so that one
endpoint's description changes without the others. What search takes and answers is
read from the code: the parameters and schemas (`components.py`) from search's registry,
sorts and limits; the CSV columns from `search.csv_download`; the examples from
`search.api` itself (`examples.py`). Tests hold the document to the URLconf and to real
answers (tests/network/test_api_description.py, tests/network/test_api_answers.py).
"""

from collections.abc import Callable
from importlib import metadata

from django.conf import settings

from search import csv_download
from search.service import SUGGESTION_LIMIT

from . import examples
from .components import parameters, query_parameter, ref, schemas, search_parameters

OPENAPI_VERSION = "3.1.0"
SEARCH = "Search"
OPEN_DATA = "Open data"
DESCRIPTION = "This description"
TAGS = [
    {
        "name": SEARCH,
        "description": "The site's search, with its facets, as JSON or as a CSV table.",
    },
    {
        "name": OPEN_DATA,
        "description": "Dumps of everything published, to download whole, with the JSON "
        "Schema of each kind of record.",
    },
    {"name": DESCRIPTION, "description": "This description, for programs and for people."},
]
INTRODUCTION = """\
Everything here is read-only (`GET` and `HEAD`) and needs no key or account.

Any web page may call it from a browser: answers carry `Access-Control-Allow-Origin: *`
and are never made with a visitor's session from another site, so they list what anyone
may see. (On this site itself, a signed-in member's requests also list what members may
see.)

A malformed number is a 400 whose `error` says what to change. Unknown facet values and
sorts are ignored, and an over-long query is cut, so a link that was once valid keeps
answering.
"""


def document() -> dict:
    """The whole OpenAPI document, from the registry as it stands."""
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": f"{settings.WAGTAIL_SITE_NAME} API",
            "version": _version(),
            "summary": "Search what the network publishes, and download its open data.",
            "description": INTRODUCTION,
        },
        "servers": [{"url": settings.SITE_BASE_URL}],
        "tags": TAGS,
        "paths": {path: {"get": operation()} for path, operation in OPERATIONS.items()},
        "components": {
            "schemas": schemas(),
            "parameters": parameters(),
            "responses": {"BadParameter": _bad_parameter()},
        },
    }


def _version() -> str:
    try:
        return metadata.version("social-value-network")
    except metadata.PackageNotFoundError:
        return "unreleased"


def _content(media_type: str, schema: dict, examples: dict) -> dict:
    return {media_type: {"schema": schema, "examples": examples}}


# --- Operations, one a path ----------------------------------------------------------------


def _bad_parameter() -> dict:
    return {
        "description": "A malformed number: `error` says which, and what it should be.",
        "content": _content("application/json", ref("schemas", "Error"), examples.bad_parameter()),
    }


def _search() -> dict:
    return {
        "tags": [SEARCH],
        "operationId": "search",
        "summary": "Search",
        "description": "The search page's results as JSON. Values within one facet widen "
        "the search (any of them), different facets narrow it (all of them). Page 1 "
        "starts with the pages editors recommend for the words (`recommended`).",
        "parameters": search_parameters(),
        "responses": {
            "200": {
                "description": "One page of results, with every facet's counts.",
                "content": _content(
                    "application/json", ref("schemas", "SearchAnswer"), examples.search()
                ),
            },
            "400": ref("responses", "BadParameter"),
        },
    }


def _suggest() -> dict:
    return {
        "tags": [SEARCH],
        "operationId": "suggest",
        "summary": "Suggest titles",
        "description": "Titles that complete the words typed so far, for autocomplete.",
        "parameters": [
            query_parameter(
                "q",
                "The words typed so far; empty answers an empty list.",
                {"type": "string"},
                example="lam",
            )
        ],
        "responses": {
            "200": {
                "description": f"At most {SUGGESTION_LIMIT} titles, the best first.",
                "content": _content(
                    "application/json",
                    {
                        "type": "array",
                        "items": ref("schemas", "Suggestion"),
                        "maxItems": SUGGESTION_LIMIT,
                    },
                    examples.suggest(),
                ),
            }
        },
    }


def _search_csv() -> dict:
    facets = csv_download.facet_columns()
    fixed = [column for column in csv_download.header() if column not in facets]
    return {
        "tags": [SEARCH],
        "operationId": "searchCsv",
        "summary": "Search, as a CSV table",
        "description": "Every result of a search, one row each, as the search page lists "
        f"them to the same viewer, up to {csv_download.MAX_ROWS:,} rows, streamed as they "
        f"are found. The columns: {_code(fixed)}, then one for each facet ({_code(facets)}) "
        "with its values' labels joined by `; `. The file starts with a byte order mark, so "
        "that spreadsheets read it as UTF-8; a cell a spreadsheet would run as a formula "
        "starts with an apostrophe.",
        "parameters": search_parameters(paged=False),
        "responses": {
            "200": {
                "description": "A CSV table with a header row.",
                "headers": {
                    "X-Results-Total": {
                        "description": "How many results the search has.",
                        "schema": {"type": "integer", "minimum": 0},
                    },
                    "X-Results-Capped": {
                        "description": "Only when the file holds the first rows alone: "
                        "how many it holds.",
                        "schema": {"type": "integer", "minimum": 1},
                    },
                },
                "content": _content("text/csv", {"type": "string"}, examples.search_csv()),
            },
            "400": {
                "description": "A malformed number, even in `page` or `page_size`, which "
                "the download otherwise ignores: a sentence saying what to change.",
                "content": {"text/plain": {"schema": {"type": "string"}}},
            },
        },
    }


def _code(names: list[str]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def _data() -> dict:
    return {
        "tags": [OPEN_DATA],
        "operationId": "data",
        "summary": "List the data dumps",
        "description": "The dumps of everything published, their licence, size, checksum "
        "and number of records, and the JSON Schema of each kind of record.",
        "responses": {
            "200": {
                "description": "The dumps and their schemas.",
                "content": _content(
                    "application/json", ref("schemas", "DataIndex"), examples.data()
                ),
            }
        },
    }


def _path_parameter(name: str, description: str, example: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string"},
        "example": example,
    }


def _not_found(what: str) -> dict:
    return {"description": f"There is no {what} of that name."}


def _data_file() -> dict:
    return {
        "tags": [OPEN_DATA],
        "operationId": "dataFile",
        "summary": "Download a data dump",
        "parameters": [
            _path_parameter("name", "A `name` from the list of dumps.", "case-studies.jsonl")
        ],
        "responses": {
            "200": {
                "description": "The dump: one JSON record a line, or a CSV table.",
                "content": {
                    **_content("application/x-ndjson", {"type": "string"}, examples.data_file()),
                    "text/csv": {"schema": {"type": "string"}},
                },
            },
            "404": _not_found("dump"),
        },
    }


def _data_schema() -> dict:
    return {
        "tags": [OPEN_DATA],
        "operationId": "dataSchema",
        "summary": "The JSON Schema of a kind of record",
        "parameters": [
            _path_parameter("record_type", "A `record_type` from the list of dumps.", "case_study")
        ],
        "responses": {
            "200": {
                "description": "A JSON Schema (draft 2020-12).",
                "content": _content(
                    "application/schema+json", {"type": "object"}, examples.data_schema()
                ),
            },
            "404": _not_found("kind of record"),
        },
    }


def _codebook() -> dict:
    return {
        "tags": [OPEN_DATA],
        "operationId": "codebook",
        "summary": "The codebook, for people",
        "description": "What each field of each kind of record means, as a page of the site.",
        "responses": {
            "200": {
                "description": "A page of the site.",
                "content": {"text/html": {"schema": {"type": "string"}}},
            }
        },
    }


def _schema() -> dict:
    return {
        "tags": [DESCRIPTION],
        "operationId": "openapi",
        "summary": "This description, for programs",
        "responses": {
            "200": {
                "description": "This OpenAPI 3.1 document.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    }


def _page() -> dict:
    return {
        "tags": [DESCRIPTION],
        "operationId": "apiPage",
        "summary": "This description, for people",
        "responses": {
            "200": {
                "description": "A page of the site describing each endpoint.",
                "content": {"text/html": {"schema": {"type": "string"}}},
            }
        },
    }


OPERATIONS: dict[str, Callable[[], dict]] = {
    "/api/search/": _search,
    "/api/search/suggest/": _suggest,
    "/api/search.csv": _search_csv,
    "/api/data/": _data,
    "/data/files/{name}": _data_file,
    "/data/schema/{record_type}.json": _data_schema,
    "/data/codebook/": _codebook,
    "/api/schema/": _schema,
    "/api/": _page,
}
