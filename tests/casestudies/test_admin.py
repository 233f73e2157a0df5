"""Editors' screens in the Wagtail admin open for every page type and the taxonomy."""

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from casestudies.factories import case_study_record, seminar_record
from casestudies.models import CaseStudyPage, SeminarPage
from casestudies.site_tree import ensure_site_tree
from taxonomy.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_superuser("admin-editor", "e@example.org", "pw")
    client.force_login(editor)
    return client


def test_edit_and_create_screens_open_for_every_page_type(editor_client, import_records):
    import_records(case_study_record(slug="cs"), seminar_record(slug="sem"))
    tree = ensure_site_tree()
    pages = [
        tree.home,
        tree.case_study_index,
        tree.seminar_index,
        CaseStudyPage.objects.get(slug="cs"),
        SeminarPage.objects.get(slug="sem"),
    ]
    for page in pages:
        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == HTTPStatus.OK, page
    for parent, model in (
        (tree.case_study_index, "casestudypage"),
        (tree.seminar_index, "seminarpage"),
    ):
        url = reverse("wagtailadmin_pages:add", args=["casestudies", model, parent.pk])
        assert editor_client.get(url).status_code == HTTPStatus.OK


@pytest.mark.parametrize("model", ["organisation", "sector", "stage", "region", "theme"])
def test_taxonomy_snippets_are_listed_for_editors(editor_client, model):
    response = editor_client.get(reverse(f"wagtailsnippets_taxonomy_{model}:list"))
    assert response.status_code == HTTPStatus.OK


def test_preview_of_a_seminar_renders_its_lessons(editor_client, import_records):
    import_records(seminar_record(slug="preview-me"))
    page = SeminarPage.objects.get(slug="preview-me")
    response = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == HTTPStatus.OK
    assert 'id="lesson-1"' in response.content.decode()


def test_partner_organisations_are_checkboxes_with_the_chosen_ones_first(
    editor_client, import_records
):
    partners = [{"name": "Zephyr Housing", "type": "charity"}]
    import_records(case_study_record(slug="cs", partners=partners))
    page = CaseStudyPage.objects.get(slug="cs")

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    soup = BeautifulSoup(response.content, "html.parser")
    widget = soup.find(attrs={"data-organisations-input": True})
    assert widget.find("label", string="Find an organisation")
    assert soup.find("select", attrs={"name": "partner_organisations"}) is None
    boxes = widget.find_all("input", attrs={"name": "partner_organisations"})
    assert len(boxes) == Organisation.objects.count() > 1
    assert boxes[0].has_attr("checked")
    assert boxes[0].find_parent("label").get_text(strip=True) == "Zephyr Housing"
    assert not any(box.has_attr("checked") for box in boxes[1:])


def test_unlisted_partners_are_a_box_beside_the_partners_saying_how_to_list_them(
    editor_client, import_records
):
    import_records(case_study_record(slug="cs", partner_names=["Brand New Partnership"]))
    page = CaseStudyPage.objects.get(slug="cs")

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    soup = BeautifulSoup(response.content, "html.parser")
    box = soup.find("textarea", attrs={"name": "partner_organisation_names"})
    assert box.get_text(strip=True) == "Brand New Partnership"
    panel = box.find_parent("section")
    assert panel.find(attrs={"name": "partner_organisations"})
    assert "Add the organisation under Taxonomy, then choose it above." in panel.get_text()
