"""Example requests and answers for the API's description.

The search answers are made by the API's own `result_json` from the search service's
result types, and the 400's sentence by the number reader the parser uses, so an example
always has the shape (and the words) of a real answer. Each is an OpenAPI Example Object whose
`x-request` is the request it answers; the page at /api/ shows both.
"""

import csv
import datetime
import io
import json
from dataclasses import replace

from django.conf import settings
from django.http import QueryDict

from base.numbers import whole_number
from search.api import result_json
from search.csv_download import header
from search.facets import FACETS, KIND, YEAR
from search.params import MAX_PAGE, BadParameter
from search.types import FacetValue, Hit, SearchRequest, SearchResult, Suggestion

PUBLISHED = datetime.datetime(2025, 3, 14, 9, 30, tzinfo=datetime.UTC)

LAMBETH = Hit(
    kind="case_study",
    title="Lambeth: from department-led services to co-operative commissioning",
    url="/case-studies/lambeth-co-operative-commissioning/",
    slug="lambeth-co-operative-commissioning",
    summary=(
        "Lambeth Council's move from departmental-based service delivery to outcome-based "
        "co-operative commissioning, with the community involved at every stage."
    ),
    highlights=[
        "Lambeth Council&#x27;s move from departmental-based service delivery to "
        "outcome-based <mark>co-operative</mark> <mark>commissioning</mark>, with the "
        "community involved at every stage."
    ],
    facets={
        "sector": ["public", "social"],
        "theme": ["relationships", "governance"],
        "outcome_area": ["growth", "social"],
        "stage": ["needs-and-assets", "outcome-definition", "delivery"],
        "region": ["london"],
        "organisation_type": ["council"],
        "evidence": ["not-assessed"],
    },
    year=2013,
    published_at=PUBLISHED,
)
HILLFOOT = Hit(
    kind="case_study",
    title="Hillfoot Care Co-operative: member-owned home care in rural glens",
    url="/case-studies/hillfoot-care-co-operative/",
    slug="hillfoot-care-co-operative",
    summary=(
        "Care workers and people who use home care set up a multi-stakeholder co-operative "
        "to provide self-directed support in rural glens."
    ),
    highlights=["Evidence: Council <mark>commissioning</mark> data"],
    facets={
        "sector": ["public", "social"],
        "theme": ["relationships", "governance"],
        "stage": ["needs-and-assets", "delivery"],
        "region": ["scotland"],
        "organisation_type": ["co-operative", "council"],
        "evidence": ["not-assessed"],
    },
    year=2015,
    published_at=PUBLISHED,
    illustrative=True,
)
# (value, label, count) of the facets an example answer counts; the others are empty.
COUNTS = {
    KIND: [("case_study", "Case study", 4)],
    "sector": [("public", "Public", 4), ("private", "Private", 2), ("social", "Social", 5)],
    "region": [("london", "London", 1), ("scotland", "Scotland", 1)],
    YEAR: [("2015", "2015", 1), ("2013", "2013", 1)],
    "evidence": [("not-assessed", "Not yet assessed", 4)],
}


def example(request: str, summary: str, value) -> dict:
    return {"summary": summary, "x-request": request, "value": value}


def _facets(request: SearchRequest) -> dict[str, list[FacetValue]]:
    selected = request.selected()
    return {
        name: [
            FacetValue(value, label, count, value in selected.get(name, ()))
            for value, label, count in COUNTS.get(name, [])
        ]
        for name in FACETS
    }


def _answer(request: SearchRequest, hits: list[Hit], total: int) -> dict:
    return result_json(SearchResult(request, total, hits, _facets(request)))


def search() -> dict:
    words = SearchRequest("co-operative commissioning", {"sector": ("public",)}, page_size=2)
    return {
        "words_and_a_facet": example(
            "/api/search/?q=co-operative+commissioning&sector=public&page_size=2",
            "Words and a facet value, two results a page",
            _answer(words, [LAMBETH, HILLFOOT], total=4),
        ),
        "past_the_end": example(
            "/api/search/?q=co-operative+commissioning&sector=public&page=3&page_size=2",
            "A page past the end: no results, the same total",
            _answer(replace(words, page=3), [], total=4),
        ),
    }


def bad_parameter() -> dict:
    return {
        "malformed_page": example(
            "/api/search/?page=abc",
            "A page that is not a number",
            {"error": _error_for("page=abc")},
        )
    }


def _error_for(query: str) -> str:
    """The sentence the search parameters' parser answers for a malformed page."""
    try:
        whole_number(QueryDict(query), "page", default=1, maximum=MAX_PAGE)
    except BadParameter as error:
        return str(error)
    raise ValueError(f"{query!r} is read without an error.")


def suggest() -> dict:
    suggestion = Suggestion(LAMBETH.title, LAMBETH.url)
    return {
        "lam": example(
            "/api/search/suggest/?q=lam",
            "Titles that complete the words typed",
            [{"text": suggestion.text, "url": suggestion.url}],
        )
    }


def search_csv() -> dict:
    """A row as the download writes it: labels rather than slugs, the full address."""
    cells = {
        "kind": "Case study",
        "title": LAMBETH.title,
        "url": f"{settings.SITE_BASE_URL}{LAMBETH.url}",
        "summary": LAMBETH.summary,
        "year": str(LAMBETH.year),
        "published_at": PUBLISHED.isoformat(),
        "sector": "Public; Social",
        "region": "London",
        "organisation_type": "Council",
        "evidence": "Not yet assessed",
    }
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerows([header(), [cells.get(column, "") for column in header()]])
    return {
        "words": example(
            "/api/search.csv?q=co-operative+commissioning&sector=public",
            "The results of a search as a table",
            "\ufeff" + text.getvalue(),
        )
    }


def data() -> dict:
    files = [
        {
            "name": f"case-studies.{extension}",
            "record_type": "case_study",
            "format": extension,
            "url": f"/data/files/case-studies.{extension}",
            "size": size,
            "sha256": digest * 16,
            "records": 42,
        }
        for extension, size, digest in (("jsonl", 186_411, "3f1a"), ("csv", 171_052, "b7c2"))
    ]
    return {
        "dumps": example(
            "/api/data/",
            "The dumps of published content, with their licence",
            {
                "licence": {
                    "name": "CC BY 4.0",
                    "url": "https://creativecommons.org/licenses/by/4.0/",
                },
                "generated_at": "2026-12-07T03:00:00+00:00",
                "files": files,
                "schemas": [{"record_type": "case_study", "url": "/data/schema/case_study.json"}],
            },
        )
    }


def data_file() -> dict:
    record = {
        "type": "case_study",
        "slug": LAMBETH.slug,
        "title": LAMBETH.title,
        "summary": LAMBETH.summary,
        "region": "london",
        "sectors": ["public", "social"],
        "year": LAMBETH.year,
    }
    return {
        "jsonl": example(
            "/data/files/case-studies.jsonl",
            "One JSON record a line (a record cut to a few of its fields here)",
            json.dumps(record, ensure_ascii=False) + "\n",
        )
    }


def data_schema() -> dict:
    return {
        "case_study": example(
            "/data/schema/case_study.json",
            "The JSON Schema of a case study (cut to a few of its fields here)",
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": f"{settings.SITE_BASE_URL}/data/schema/case_study.json",
                "title": "Case study",
                "type": "object",
                "properties": {
                    "type": {"const": "case_study", "description": "The kind of record."},
                    "slug": {"type": "string", "description": "Its address on the site."},
                    "title": {"type": "string", "description": "The title."},
                },
                "required": ["type", "slug", "title"],
            },
        )
    }


def hit_facets() -> list[str]:
    """The facets a hit lists as fields of their own (search.api.hit_json)."""
    return [name for name in FACETS if name not in (KIND, YEAR)]
