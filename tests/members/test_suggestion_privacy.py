""" "Did you mean" never suggests a word that only a members-only profile holds, on either
backend."""

import uuid

import pytest

from members.models import Visibility
from search.service import search
from search.types import SearchRequest
from search.visibility import ANONYMOUS

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.mark.parametrize("visibility", [Visibility.MEMBERS, Visibility.PUBLIC])
def test_suggestions_learn_only_from_public_documents(
    backend, make_member, django_capture_on_commit_callbacks, visibility
):
    # A made-up surname of letters only, unique to this test run.
    name = "zabrowski" + "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:6])
    with django_capture_on_commit_callbacks(execute=True):
        make_member(display_name=f"Ottoline {name.title()}", visibility=visibility)
    misspelt = name[:3] + name[4:]  # one letter dropped

    result = search(SearchRequest(misspelt, {}, viewer=ANONYMOUS))

    # Offered as "did you mean", or searched for instead as a correction.
    suggested = (
        result.suggestion or (result.corrected_from and result.request.query) or ""
    ).lower()
    if visibility == Visibility.MEMBERS:
        assert name not in suggested
    else:
        assert suggested == name
