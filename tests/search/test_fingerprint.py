"""A document's fingerprint, which sync compares with what each store holds: it must follow
every change, and stay what it was for an unchanged document, or an upgrade would make the
next sync rewrite every document."""

import datetime
import hashlib
import json
from dataclasses import asdict

from search import vectors
from search.kinds import Document


def a_document() -> Document:
    document = Document(
        kind="case_study",
        key=7,
        title="Allotments for all",
        url="/case-studies/allotments/",
        slug="allotments",
        body="Growers and the council",
        people=["Asha Patel"],
        facets={"sector": ["public"], "theme": ["food", "health"]},
        year=2024,
        published_at=datetime.datetime(2024, 5, 1, 9, 30, tzinfo=datetime.UTC),
    )
    document.source = "casestudies.casestudypage:7"
    return document


def test_the_fingerprint_is_the_one_a_deep_copy_of_the_document_gave():
    document = a_document()
    # The vector follows the other fields and the model: the model's name stands for it.
    values = {**asdict(document), "vector": vectors.MODEL}
    deep = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)

    assert document.fingerprint() == hashlib.sha1(deep.encode()).hexdigest()  # noqa: S324


def test_the_fingerprint_changes_when_a_facet_value_changes():
    document = a_document()
    before = document.fingerprint()

    document.facets["theme"].append("housing")

    assert document.fingerprint() != before
