"""Builders of valid import records, for tests, benchmarks and demo generators.

Every page in tests is made through the importer, so tests exercise the same path
as real content."""

import itertools
import json
from typing import Any

_sequence = itertools.count(1)


def case_study_record(**overrides: Any) -> dict[str, Any]:
    number = next(_sequence)
    record = {
        "type": "case_study",
        "slug": f"case-study-{number}",
        "title": f"Case study {number}",
        "summary": "How a council bought for value beyond price.",
        "body": "The council worked with **local people** to define outcomes.",
        "organisation": {
            "name": f"Organisation {number}",
            "type": "council",
            "org_id": f"GB-COH-{number:08d}",
        },
        "partners": [{"name": "Riverside Community Trust", "type": "charity", "org_id": ""}],
        "partner_names": [],
        "region": "london",
        "sectors": ["public"],
        "themes": ["relationships"],
        "outcome_areas": ["jobs"],
        "stages": ["procurement"],
        "year": 2014,
        "tags": ["co-production"],
        "outcomes": [
            {
                "measure": "Local hires",
                "before": "10",
                "after": "40",
                "evidence": "Payroll",
                "evidence_type": "",
            }
        ],
        "sources": [{"title": "Annual report", "url": "https://example.org/report"}],
        "notices": [],
        "published": True,
        "illustrative": True,
        "evidence_level": "not-assessed",
        "contributor": None,
        "contributed": False,
        "licence": "",
    }
    record.update(overrides)
    return record


def seminar_record(**overrides: Any) -> dict[str, Any]:
    number = next(_sequence)
    record = {
        "type": "seminar",
        "slug": f"seminar-{number}",
        "title": f"Seminar {number}",
        "date": "2013-03-14",
        "location": "Leeds",
        "series": "Social value in practice",
        "summary": "Practitioners on relationships.",
        "body": "We heard from commissioners.",
        "speakers": [{"name": "Asha Patel", "role": "Commissioner", "organisation": "A council"}],
        "lessons": [
            _lesson("Listen first", "listen-first", "Listen.", "relationships"),
            _lesson("Lead from behind", "lead-from-behind", "Share.", "leadership"),
            _lesson("Pool budgets", "pool-budgets", "Pool.", "governance"),
        ],
        "published": True,
    }
    record.update(overrides)
    return record


def _lesson(title: str, slug: str, body: str, theme: str) -> dict[str, Any]:
    return {"title": title, "slug": slug, "body": body, "themes": [theme], "stages": []}


def as_lines(*records: dict[str, Any]) -> list[str]:
    return [json.dumps(record) for record in records]
