"""Identifiers: organisations' org-ids (`taxonomy/org_id.py`), validated, linked to their
public register; case studies' contract notices (`casestudies/notices.py`), shown as
"See the contract notice"; both in the import format, and searchable on both backends."""

import json

from django.core.exceptions import ValidationError

import pytest
from bs4 import BeautifulSoup

from casestudies.factories import as_lines, case_study_record
from casestudies.importexport.exporter import export_lines
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyPage
from search.service import search
from search.types import SearchRequest
from taxonomy import org_id
from taxonomy.models import Organisation, OrganisationType

FIND_A_TENDER = "https://www.find-tender.service.gov.uk/Notice/012345-2024"
CONTRACTS_FINDER_OCID = "ocds-b5fd17-2c4a1e0f-0a8b-4c33-9a1b-5f2e8d6c7b10"


@pytest.mark.parametrize(
    ("value", "register"),
    [
        ("GB-COH-01234567", "https://find-and-update.company-information.service.gov.uk/company/01234567"),
        ("gb-coh-sc123456", "https://find-and-update.company-information.service.gov.uk/company/SC123456"),
        ("GB-CHC-1234567", "https://register-of-charities.charitycommission.gov.uk/charity-search/-/charity-details/1234567"),
        ("GB-LAE-LBH", ""),
        ("GB-NHS-RJ1", ""),
    ],
)  # fmt: skip
def test_known_schemes_validate_and_link_to_their_register(value, register):
    org_id.validate(value)
    assert org_id.register_url(value) == register


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("GB-XYZ-123", "is not an organisation identifier the network knows"),
        ("01234567", "is not an organisation identifier the network knows"),
        ("GB-COH-123", "one looks like GB-COH-01234567"),
        ("GB-CHC-12a4567", "one looks like GB-CHC-1234567"),
    ],
)
def test_a_malformed_identifier_says_what_one_looks_like(value, says):
    with pytest.raises(ValidationError) as error:
        org_id.validate(value)
    assert says in error.value.messages[0]


@pytest.mark.django_db
def test_an_organisation_keeps_its_identifier_in_capitals_and_unique():
    council = OrganisationType.objects.get(slug="council")
    lambeth = Organisation(name="Lambeth", organisation_type=council, org_id=" gb-lae-lbh ")
    lambeth.full_clean()
    lambeth.save()
    assert lambeth.org_id == "GB-LAE-LBH"

    twin = Organisation(name="Lambeth again", organisation_type=council, org_id="GB-LAE-LBH")
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "Another organisation has this identifier." in error.value.messages


def _notice_record(**overrides):
    return case_study_record(
        slug="kitchens",
        title="Community kitchens",
        organisation={"name": "Lambeth", "type": "council", "org_id": "GB-LAE-LBH"},
        notices=[
            {"ocid": "ocds-h6vhtk-04a2b3", "url": FIND_A_TENDER},
            {"ocid": CONTRACTS_FINDER_OCID, "url": ""},
        ],
        **overrides,
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"organisation": {"name": "X", "type": "council", "org_id": "GB-COH-1"}},
            "organisation.org_id: “1” is not an identifier on Companies House",
        ),
        (
            {"notices": [{"ocid": "not-an-ocid", "url": ""}]},
            "notices[1].ocid: “not-an-ocid” is not an OCDS identifier",
        ),
        (
            {"notices": [{"ocid": "", "url": "https://example.org/notice"}]},
            "notices[1].url: The notice's web address must be a page on Find a Tender",
        ),
        ({"notices": [{"ocid": "", "url": ""}]}, "notices[1].ocid or notices[1].url must be given"),
        ({"notices": [{"ocid": "", "site": "x"}]}, "unknown field notices[1].'site'"),
    ],
)
@pytest.mark.django_db
def test_a_malformed_identifier_rejects_its_line_and_says_why(change, message):
    report = import_lines(as_lines(case_study_record(**change)))
    assert len(report.rejections) == 1
    assert message in str(report.rejections[0])
    assert not CaseStudyPage.objects.exists()


@pytest.mark.django_db
def test_a_line_may_not_give_an_organisation_a_second_identifier():
    import_lines(as_lines(_notice_record()))
    clash = case_study_record(
        slug="other", organisation={"name": "Lambeth", "type": "council", "org_id": "GB-LAE-LAM"}
    )
    report = import_lines(as_lines(clash))
    assert "has the identifier GB-LAE-LBH; the line gives GB-LAE-LAM" in str(report.rejections[0])


@pytest.mark.django_db
def test_identifiers_go_out_and_come_back_through_the_format():
    import_lines(as_lines(_notice_record()))
    exported = [json.loads(line) for line in export_lines("case_study")]
    assert exported[0]["notices"] == _notice_record()["notices"]
    assert exported[0]["organisation"]["org_id"] == "GB-LAE-LBH"


def test_the_page_links_the_notices_and_the_register(publish, client):
    publish(
        _notice_record(
            partners=[{"name": "Riverside Trust", "type": "charity", "org_id": "GB-CHC-1234567"}]
        )
    )
    html = client.get("/case-studies/kitchens/").content.decode()
    facts = BeautifulSoup(html, "html.parser").select_one(".facts")
    links = {a.get_text(" ", strip=True): a["href"] for a in facts.find_all("a")}

    notices = [a["href"] for a in facts.find_all("a") if a.get_text() == "See the contract notice"]
    assert notices == [
        FIND_A_TENDER,
        "https://www.contractsfinder.service.gov.uk/Notice/2c4a1e0f-0a8b-4c33-9a1b-5f2e8d6c7b10",
    ]
    assert "OCDS identifier: ocds-h6vhtk-04a2b3" in facts.get_text()
    assert links["GB-CHC-1234567 on its public register"].endswith("/charity-details/1234567")
    assert "Identifier: GB-LAE-LBH" in facts.get_text(" ", strip=True)  # no register: text


@pytest.mark.elasticsearch
@pytest.mark.parametrize("query", ["GB-LAE-LBH", "gb-lae-lbh", "ocds-h6vhtk-04a2b3"])
def test_search_finds_a_case_study_by_its_buyer_or_its_contract(backend, publish, query):
    publish(_notice_record(), case_study_record(slug="elsewhere", title="Elsewhere kitchens"))
    hits = search(SearchRequest(query)).hits
    assert [hit.slug for hit in hits][:1] == ["kitchens"]
    assert "elsewhere" not in [hit.slug for hit in hits]


@pytest.mark.django_db
def test_editors_find_an_organisation_by_its_identifier_in_the_admin(admin_client):
    council = OrganisationType.objects.get(slug="council")
    Organisation.objects.create(name="Lambeth", organisation_type=council, org_id="GB-LAE-LBH")
    Organisation.objects.create(name="Elsewhere", organisation_type=council)

    response = admin_client.get("/admin/snippets/taxonomy/organisation/", {"q": "GB-LAE-LBH"})

    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("main table tbody tr")
    assert len(rows) == 1
    assert "Lambeth" in rows[0].get_text() and "GB-LAE-LBH" in rows[0].get_text()
