"""Members contribute case studies: who may write, the form's checks, drafts and limits,
conflicts between two saves, and that nothing is public before an editor approves it."""

from http import HTTPStatus

from django.test import Client
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from casestudies.models import CaseStudyPage
from contributions import workflow
from search import service
from search.kinds import viewer_for
from taxonomy.models import Organisation, OrganisationType
from tests.factories.members import PASSWORD

from .contributions_support import GOOD, contribution_of, make_member, write

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]


def test_a_stranger_is_sent_to_sign_in_and_back_to_the_form(client):
    response = client.get("/contribute/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/contribute/" in response["Location"]


def test_an_unconfirmed_member_is_asked_to_confirm_their_address(client):
    client.force_login(make_member(confirmed=False).user)
    response = client.get("/contribute/")
    assert b"contribute__form" not in response.content
    assert b"erif" in response.content  # allauth's "Verify your email address" page


def test_a_suspended_member_cannot_contribute(client, member):
    client.force_login(member.user)
    member.suspended_at = member.created_at
    member.save()
    response = client.get("/contribute/")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert b"suspended" in response.content


def test_saving_a_draft_makes_a_page_that_is_not_live_and_credits_the_member(writer, member):
    response = write(writer)
    page = contribution_of(member)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("contribute:edit", kwargs={"pk": page.pk})
    assert not page.live
    assert page.is_contribution and page.licence == "CC-BY-4.0"
    assert page.get_parent().specific_class.__name__ == "CaseStudyIndexPage"
    assert workflow.standing(page).status == workflow.Status.DRAFT


def test_a_lead_organisation_is_matched_whatever_its_case_else_kept_as_a_name(writer, member):
    Organisation.objects.create(
        name="Marshfield Council", organisation_type=OrganisationType.objects.first()
    )
    write(writer, {"lead_organisation": "marshfield COUNCIL"})
    write(writer, {"title": "Second", "lead_organisation": "Brand New Trust"})
    first, second = CaseStudyPage.objects.filter(contributor=member).order_by("pk")
    assert first.lead_organisation.name == "Marshfield Council"
    assert (second.lead_organisation, second.lead_organisation_name) == (None, "Brand New Trust")


def test_a_draft_is_resumed_with_everything_the_member_wrote(writer, member):
    write(writer, {"body": "Resume *me*", "year": "2019", "themes": ["1"]})
    page = contribution_of(member)
    response = writer.get(reverse("contribute:edit", kwargs={"pk": page.pk}))
    assert b"Resume *me*" in response.content
    assert b'value="2019"' in response.content
    assert b"<em>me</em>" in response.content  # the server-rendered preview


def test_links_other_than_web_and_email_are_refused_and_every_field_is_kept(writer, member):
    response = write(writer, {"body": "[click](javascript:alert(1)) and [ok](https://a.org)"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Links must start with http://, https:// or mailto:" in response.content.decode()
    assert GOOD["summary"].encode() in response.content
    assert b"javascript:alert(1)" in response.content  # in the textarea, escaped, kept
    assert not CaseStudyPage.objects.filter(contributor=member).exists()


def test_an_over_long_body_is_refused_with_a_clear_message(writer):
    response = write(writer, {"body": "x" * 30_001})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "at most 30000 characters" in response.content.decode()


def test_submitting_needs_the_three_confirmations(writer, member):
    response = write(writer, {"may_share": "", "licence": ""}, submit=True)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    text = response.content.decode()
    assert "Confirm that you have permission to share this account of the work." in text
    assert "Agree to publishing it under the CC BY 4.0 licence." in text
    assert not CaseStudyPage.objects.filter(contributor=member).exists()


def test_the_error_summary_follows_the_page_and_says_each_thing_once(writer):
    bad_source = {
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-0-title": "Report",
        "sources-0-url": "not an address",
    }
    unticked = {"may_share": "", "no_service_users": "", "licence": ""}
    response = write(writer, {"summary": "", **bad_source, **unticked}, submit=True)

    summary = BeautifulSoup(response.content, "html.parser").select(".error-summary li a")
    targets = [link["href"] for link in summary]
    messages = [link.get_text(strip=True) for link in summary]
    assert targets == [
        "#id_summary",
        "#id_sources-0-url",
        "#id_may_share",
        "#id_no_service_users",
        "#id_licence",
    ]
    assert len(set(messages)) == len(messages)


def test_the_summary_and_the_case_study_are_not_labelled_optional(writer):
    page = BeautifulSoup(writer.get(reverse("contribute:new")).content, "html.parser")
    labels = {label["for"]: label.get_text(strip=True) for label in page.select("label[for]")}
    assert labels["id_summary"] == "Summary"
    assert labels["id_body"] == "The case study"


def test_the_preview_is_sanitised_by_the_one_markdown_renderer(writer):
    response = writer.post(
        reverse("contribute:autosave"),
        {**GOOD, "title": "", "body": "<script>alert(1)</script> [x](https://a.org)"},
    )
    preview = response.json()["preview"]
    assert "<script>" not in preview
    assert "&lt;script&gt;" in preview
    assert 'rel="nofollow ugc noopener"' in preview


def test_autosave_without_a_title_only_asks_for_one(writer, member):
    answer = writer.post(reverse("contribute:autosave"), {**GOOD, "title": " "}).json()
    assert not answer["saved"]
    assert answer["message"].startswith("Give it a title")
    assert not CaseStudyPage.objects.filter(contributor=member).exists()


def test_the_honeypot_keeps_nothing(writer, member):
    response = write(writer, {"website": "http://spam.example"})
    assert response.status_code == HTTPStatus.FOUND
    assert not CaseStudyPage.objects.filter(contributor=member).exists()


def test_autosave_creates_the_draft_then_saves_each_revision(writer, member):
    first = writer.post(reverse("contribute:autosave"), {**GOOD, "body": "One"}).json()
    page = contribution_of(member)
    assert first["saved"] and first["revision"] == page.latest_revision_id
    assert first["saved_at"]
    second = writer.post(
        first["autosave_url"], {**GOOD, "body": "Two", "base_revision": first["revision"]}
    ).json()
    assert second["saved"] and second["revision"] != first["revision"]
    page.refresh_from_db()
    assert "Two" in str(page.get_latest_revision_as_object().body[0].value)


def test_a_save_from_an_older_revision_is_refused_and_its_text_returned(writer, member):
    write(writer)
    page = contribution_of(member)
    stale = page.latest_revision_id
    write(writer, {"body": "From the first tab", "base_revision": stale}, pk=page.pk)
    response = writer.post(
        reverse("contribute:autosave_existing", kwargs={"pk": page.pk}),
        {**GOOD, "body": "From the second tab", "base_revision": stale},
    )
    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["refused_text"] == "From the second tab"
    assert "changed somewhere else" in response.json()["message"]
    page.refresh_from_db()
    assert "From the first tab" in str(page.get_latest_revision_as_object().body[0].value)
    form = write(writer, {"body": "Third tab", "base_revision": stale}, pk=page.pk)
    assert form.status_code == HTTPStatus.CONFLICT
    assert b"Your text that was not saved" in form.content and b"Third tab" in form.content


def test_the_number_of_drafts_is_limited(writer, member, settings):
    settings.CONTRIBUTIONS_MAX_DRAFTS = 2
    write(writer, {"title": "One"})
    write(writer, {"title": "Two"})
    response = write(writer, {"title": "Three"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "You already have 2 unpublished contributions" in response.content.decode()
    assert CaseStudyPage.objects.filter(contributor=member).count() == 2


def test_submissions_a_day_are_limited_and_the_draft_is_kept(writer, member, settings):
    settings.CONTRIBUTIONS_DAILY_SUBMISSIONS = 1
    write(writer, {"title": "One"}, submit=True)
    response = write(writer, {"title": "Two"}, submit=True)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "You can submit up to 1 contributions a day" in response.content.decode()
    two = CaseStudyPage.objects.get(contributor=member, title="Two")
    assert workflow.standing(two).status == workflow.Status.DRAFT


def test_another_member_cannot_open_a_contribution(client, writer, member):
    write(writer)
    page = contribution_of(member)
    client.force_login(make_member().user)
    assert client.get(reverse("contribute:edit", kwargs={"pk": page.pk})).status_code == 404


def test_a_draft_is_in_no_search_related_items_or_profile(writer, member, backend, publish):
    publish()  # one published case study for related items to choose from
    write(writer, {"title": "Unmistakable marmalade commissioning"}, submit=True)
    page = contribution_of(member)
    viewer = viewer_for(member.user)
    result = service.search(service.SearchRequest(query="marmalade", viewer=viewer))
    assert result.total == 0
    similar = service.similar_to_text("Unmistakable marmalade commissioning", "case_study")
    assert page.url not in {hit.url for hit in similar}
    assert not any(
        hit.title == page.draft_title
        for other in CaseStudyPage.objects.live()
        for hit in service.related(f"case_study:{other.pk}", viewer)
    )
    profile = Client().get(member.get_absolute_url())
    assert profile.status_code == HTTPStatus.OK
    assert b"marmalade" not in profile.content.lower()


def test_similar_case_studies_are_found_from_a_title_on_both_backends(backend, publish):
    publish(
        {
            **__import__("casestudies.factories").factories.case_study_record(),
            "title": "Procurement of homecare with social value",
        }
    )
    hits = service.similar_to_text("Social value in homecare procurement", "case_study")
    assert [hit.title for hit in hits] == ["Procurement of homecare with social value"]
    assert service.similar_to_text("", "case_study") == []


def test_an_autosave_after_the_session_ends_offers_a_sign_in_back_to_the_draft(
    client, writer, member
):
    write(writer)
    page = contribution_of(member)
    edit_url = reverse("contribute:edit", kwargs={"pk": page.pk})
    writer.logout()
    response = client.post(
        reverse("contribute:autosave_existing", kwargs={"pk": page.pk}),
        {**GOOD, "body": "Typed after the session ended"},
    )
    assert response.status_code == HTTPStatus.UNAUTHORIZED
    answer = response.json()
    assert not answer["saved"] and "signed out" in answer["message"]
    assert answer["sign_in_url"] == f"{reverse('account_login')}?next=%2Fcontribute%2F{page.pk}%2F"
    signed_in = client.post(
        answer["sign_in_url"], {"login": member.user.email, "password": PASSWORD}
    )
    assert signed_in.status_code == HTTPStatus.FOUND
    assert signed_in["Location"] == edit_url
    assert GOOD["title"] in client.get(edit_url).content.decode()


def test_an_autosave_of_a_new_draft_after_the_session_ends_returns_to_the_form(client):
    response = client.post(reverse("contribute:autosave"), GOOD)
    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["sign_in_url"].endswith("?next=%2Fcontribute%2F")
    assert not CaseStudyPage.objects.exists()
