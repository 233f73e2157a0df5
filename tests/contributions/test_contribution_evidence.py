"""A member proposes how strong the evidence is, with the reason, and says what each
outcome's figures rest on; an editor reads the proposal, and readers see only the level
an editor sets ("Not yet assessed" until then)."""

from http import HTTPStatus

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from contributions.drafts import latest

from .contributions_support import contribution_of, write

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]

PROPOSAL = {
    "evidence_level": "level-2",
    "evidence_reason": "Payroll figures before and after, no comparison group.",
    "outcomes-TOTAL_FORMS": "1",
    "outcomes-INITIAL_FORMS": "0",
    "outcomes-0-measure": "Local hires",
    "outcomes-0-after": "40",
    "outcomes-0-evidence_type": "monitoring-data",
}


def test_the_proposal_is_kept_for_the_editor_and_not_shown_as_the_level(writer, member):
    response = write(writer, PROPOSAL)

    page = latest(contribution_of(member))
    assert response.status_code == HTTPStatus.FOUND
    assert page.proposed_evidence_level == "level-2"
    assert page.evidence_level_reason == PROPOSAL["evidence_reason"]
    assert page.evidence_level == "not-assessed"
    assert page.outcome_values()[0]["evidence_type"] == "monitoring-data"


def test_the_draft_is_resumed_with_the_proposal(writer, member):
    write(writer, PROPOSAL)

    html = writer.get(
        reverse("contribute:edit", kwargs={"pk": contribution_of(member).pk})
    ).content.decode()

    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("input[name=evidence_level][checked]")["value"] == "level-2"
    assert soup.select_one("#id_evidence_reason").get_text().strip() == PROPOSAL["evidence_reason"]
    assert soup.select_one("[name=outcomes-0-evidence_type] [selected]")["value"] == (
        "monitoring-data"
    )
    assert "Evidence:</span> Monitoring data" in html  # the preview


def test_an_unknown_level_is_refused_and_every_field_kept(writer, member):
    response = write(writer, {**PROPOSAL, "evidence_level": "level-9"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Select a valid choice" in response.content.decode()
    assert PROPOSAL["evidence_reason"] in response.content.decode()
