"""The parts of a contribution that come in rows (outcomes, lessons, sources, partners,
listed or named)
and its tags: stored as editors' fields are, checked, bounded, resumed and previewed."""

from http import HTTPStatus

from django.urls import reverse

import pytest

from casestudies.importexport.exporter import case_study_record
from casestudies.models import CaseStudyPage
from contributions import drafts
from search import service
from taxonomy.models import Organisation, OrganisationType

from .contributions_support import GOOD, contribution_of, write

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]

OUTCOME = {"measure": "Riders using the service", "before": "120", "after": "310",
           "evidence": "Ticket counts, 2019 and 2021",
           "evidence_type": "monitoring-data"}  # fmt: skip
LESSON = {"title": "Ask riders first", "body": "We held *monthly* meetings."}
SOURCE = {"title": "Cabinet report", "url": "https://example.org/report.pdf"}


def rows(prefix, *items, blank=1):
    """A part's rows as the browser posts them, with `blank` empty rows after them."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(items) + blank), f"{prefix}-INITIAL_FORMS": "0"}
    for position, item in enumerate(items):
        data.update({f"{prefix}-{position}-{key}": value for key, value in item.items()})
    return data


@pytest.fixture
def partner():
    return Organisation.objects.create(
        name="Wendlebury Riders Trust", organisation_type=OrganisationType.objects.first()
    )


def everything(partner):
    return {
        **rows("outcomes", OUTCOME),
        **rows("lessons", LESSON),
        **rows("sources", SOURCE, {"title": "Interview notes", "url": ""}),
        **rows("partners", {"name": partner.name.upper()}),
        "tags": "community transport, co-production, community transport",
    }


def test_the_rows_and_tags_are_stored_as_the_import_format_has_them(writer, member, partner):
    response = write(writer, everything(partner))
    assert response.status_code == HTTPStatus.FOUND
    draft = drafts.latest(contribution_of(member))
    record = case_study_record(draft)
    assert record["outcomes"] == [OUTCOME]
    # A case study's lessons are a heading and its text in the body.
    assert draft.lesson_values() == [LESSON]
    assert LESSON["body"] not in drafts.as_draft(draft).body  # resuming keeps them apart
    assert f"## {LESSON['title']}\n\n{LESSON['body']}" in record["body"]
    assert record["sources"] == [SOURCE, {"title": "Interview notes", "url": ""}]
    assert [p["name"] for p in record["partners"]] == ["Wendlebury Riders Trust"]
    assert record["tags"] == ["co-production", "community transport"]
    assert record["contributor"] == member.slug


def test_a_resumed_draft_shows_its_rows_and_fresh_blank_ones(writer, member, partner):
    write(writer, everything(partner))
    page = contribution_of(member)
    response = writer.get(reverse("contribute:edit", kwargs={"pk": page.pk}))
    html = response.content.decode()
    assert 'value="Riders using the service"' in html
    assert 'name="outcomes-TOTAL_FORMS" value="2"' in html  # one filled, one blank
    assert 'value="Wendlebury Riders Trust"' in html
    assert 'value="community transport, co-production"' in html
    # The server-rendered preview shows the outcome and the lesson's Markdown.
    assert "Ticket counts, 2019 and 2021" in html
    assert "<em>monthly</em>" in html


def test_saving_again_with_a_row_cleared_removes_it(writer, member, partner):
    write(writer, everything(partner))
    page = contribution_of(member)
    kept = {k: v for k, v in everything(partner).items() if not k.startswith("outcomes-")}
    write(writer, {**kept, **rows("outcomes", blank=2)}, pk=page.pk)
    assert drafts.latest(contribution_of(member)).outcome_values() == []


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/file", "example.org/report"]
)
def test_a_source_that_is_not_a_web_address_is_refused_and_kept(writer, member, url):
    response = write(writer, rows("sources", {"title": "Report", "url": url}))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert "Write a web address that starts with https:// or http://" in html
    assert 'href="#id_sources-0-url"' in html  # the error summary links to the box
    assert url in html  # kept in the box, escaped
    assert not member.contributions.exists()


def test_a_lesson_with_a_script_link_is_refused(writer, member):
    lesson = {"title": "Trust", "body": "[click](javascript:alert(1))"}
    response = write(writer, rows("lessons", lesson))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Links must start with http://, https:// or mailto:" in response.content.decode()


def test_an_outcome_with_figures_but_no_measure_asks_for_one(writer, member):
    response = write(writer, rows("outcomes", {"before": "3", "after": "9"}))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Say what changed, or clear this outcome" in response.content.decode()


def test_more_than_ten_outcomes_are_refused_with_a_clear_message(writer, member):
    many = [{"measure": f"Measure {n}"} for n in range(11)]
    response = write(writer, rows("outcomes", *many, blank=0))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "You can add up to 10 outcomes. Remove one to add another." in (
        response.content.decode()
    )
    assert not member.contributions.exists()


def test_an_over_long_outcome_is_refused_with_its_limit(writer):
    response = write(writer, rows("outcomes", {"measure": "x" * 256}))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "at most 255 characters" in response.content.decode()


def test_a_partner_the_network_does_not_list_is_kept_by_name_and_resumed(writer, member, partner):
    partners = rows(
        "partners", {"name": "wendlebury riders trust"}, {"name": "Brand New  Partnership"}
    )
    response = write(writer, partners)
    assert response.status_code == HTTPStatus.FOUND
    draft = drafts.latest(contribution_of(member))
    assert list(draft.partner_organisations.all()) == [partner]
    assert draft.unlisted_partner_names() == ["Brand New Partnership"]
    html = writer.get(reverse("contribute:edit", kwargs={"pk": draft.pk})).content.decode()
    assert 'name="partners-0-name" value="Wendlebury Riders Trust"' in html
    assert 'name="partners-1-name" value="Brand New Partnership"' in html


def test_autosave_keeps_an_unlisted_partner_and_previews_it_escaped(writer, member):
    answer = writer.post(
        reverse("contribute:autosave"),
        {"title": "Partners by autosave", **rows("partners", {"name": "Fresh <b>Start</b> CIC"})},
    ).json()
    assert answer["saved"]
    assert drafts.latest(contribution_of(member)).unlisted_partner_names() == [
        "Fresh <b>Start</b> CIC"
    ]
    assert "Fresh &lt;b&gt;Start&lt;/b&gt; CIC" in answer["preview"]


def test_a_published_contribution_shows_its_unlisted_partners_beside_the_listed_ones(
    writer, member, partner
):
    write(writer, rows("partners", {"name": partner.name}, {"name": "Brand New Partnership"}))
    drafts.latest(contribution_of(member)).get_latest_revision().publish()
    html = writer.get(contribution_of(member).url).content.decode()
    assert "<li>Wendlebury Riders Trust</li><li>Brand New Partnership</li>" in html


def test_an_unlisted_partner_survives_export_and_import(writer, member, publish):
    write(writer, rows("partners", {"name": "Brand New Partnership"}))
    record = case_study_record(drafts.latest(contribution_of(member)))
    assert record["partners"] == [] and record["partner_names"] == ["Brand New Partnership"]
    publish({**record, "slug": "copied", "published": True})
    copied = CaseStudyPage.objects.get(slug="copied")
    assert copied.unlisted_partner_names() == ["Brand New Partnership"]
    assert case_study_record(copied)["partner_names"] == ["Brand New Partnership"]


def test_unlisted_lead_and_partner_names_are_found_in_search_on_both_backends(
    writer, member, backend, django_capture_on_commit_callbacks
):
    write(
        writer,
        {
            "lead_organisation": "Quillfeather Housing",
            **rows("partners", {"name": "Marrowby Trust"}),
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        drafts.latest(contribution_of(member)).get_latest_revision().publish()
    for word in ("Quillfeather", "Marrowby"):
        result = service.search(service.SearchRequest(query=word))
        assert [hit.title for hit in result.hits] == [GOOD["title"]], word


def test_too_many_or_over_long_tags_are_refused(writer):
    many = write(writer, {"tags": ", ".join(f"tag {n}" for n in range(11))})
    assert "Use up to 10 tags; you have 11." in many.content.decode()
    long = write(writer, {"tags": "y" * 51})
    assert "Each tag can be up to 50 characters." in long.content.decode()


def test_autosave_saves_the_rows_and_previews_them_sanitised(writer, member, partner):
    lesson = {"title": "Careful <b>now</b>", "body": "<script>alert(1)</script> **bold**"}
    answer = writer.post(
        reverse("contribute:autosave"),
        {"title": "Rows by autosave", **rows("outcomes", OUTCOME), **rows("lessons", lesson)},
    ).json()
    assert answer["saved"]
    assert drafts.latest(contribution_of(member)).outcome_values() == [OUTCOME]
    assert "Riders using the service" in answer["preview"]
    assert "<strong>bold</strong>" in answer["preview"]
    assert "<script>" not in answer["preview"] and "<b>now</b>" not in answer["preview"]


def test_autosave_saves_the_body_and_names_the_bad_source_address(writer, member):
    response = writer.post(
        reverse("contribute:autosave"),
        {
            "title": "Bad source",
            "body": "Everything I wrote so far.",
            **rows("sources", {"title": "Report", "url": "javascript:x"}),
        },
    )
    answer = response.json()

    assert response.status_code == HTTPStatus.OK
    assert answer["saved"]
    [problem] = answer["not_saved"]
    assert problem["id"] == "id_sources-0-url"
    assert problem["label"] == "Source 1, web address"
    assert problem["message"].startswith("Write a web address that starts with https://")
    draft = drafts.as_draft(drafts.latest(contribution_of(member)))
    assert draft.body == "Everything I wrote so far."
    assert draft.sources == []


def test_a_web_address_starting_www_is_taken_as_https(writer, member):
    answer = writer.post(
        reverse("contribute:autosave"),
        {"title": "Www source", **rows("sources", {"title": "Report", "url": "www.example.org/r"})},
    ).json()

    assert answer["saved"] and "not_saved" not in answer
    draft = drafts.as_draft(drafts.latest(contribution_of(member)))
    assert draft.sources == [{"title": "Report", "url": "https://www.example.org/r"}]


def test_a_box_with_an_error_keeps_its_last_saved_value_while_the_rest_saves(writer, member):
    first = writer.post(
        reverse("contribute:autosave"), {"title": "Year kept", "year": "2019", "body": "One"}
    ).json()
    answer = writer.post(
        first["autosave_url"],
        {"title": "Year kept", "year": "1066", "body": "Two", "base_revision": first["revision"]},
    ).json()

    assert answer["saved"]
    assert [problem["label"] for problem in answer["not_saved"]] == ["Year"]
    draft = drafts.as_draft(drafts.latest(contribution_of(member)))
    assert (draft.year, draft.body) == (2019, "Two")


def test_a_published_contribution_shows_its_outcomes_sources_and_tags(writer, member, partner):
    write(writer, everything(partner))
    drafts.latest(contribution_of(member)).get_latest_revision().publish()
    page = contribution_of(member)
    html = writer.get(page.url).content.decode()
    assert "Riders using the service" in html
    assert '<a href="https://example.org/report.pdf">Cabinet report</a>' in html
    assert "Wendlebury Riders Trust" in html and "co-production" in html
    assert "Ask riders first" in html


@pytest.mark.parametrize(
    ("total", "message"),
    [
        ("abc", "The outcomes on this page could not be read. Reload the page and try again."),
        ("999999", "You can add up to 10 outcomes. Remove one to add another."),
    ],
)
def test_a_tampered_row_count_is_a_clear_refusal_not_an_error(writer, member, total, message):
    response = write(writer, {"outcomes-TOTAL_FORMS": total, "outcomes-INITIAL_FORMS": "0"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert not member.contributions.exists()
