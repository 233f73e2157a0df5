"""The "open to questions" profile choice: off by default, on the profile form, in "your
data", and a facet of the directory with the same counts on both search backends; and
"Ask them", which pre-fills a message with a page of this site and nothing else."""

import json
import uuid
from http import HTTPStatus

from django.urls import reverse

import pytest

from members.forms import ProfileForm
from search.service import search
from search.types import SearchRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def surname():
    """A name no other test uses: the module's Elasticsearch index outlives each test."""
    return f"Q{uuid.uuid4().hex[:10]}"


def test_members_are_not_open_to_questions_until_they_say_so(member):
    assert member.open_to_questions is False


def test_the_profile_form_offers_the_choice_with_a_hint_and_saves_it(member, signed_in):
    client = signed_in(member)
    page = client.get(reverse("members:edit")).content.decode()
    assert "I am open to questions" in page and "people who can help" in page

    data = {
        "display_name": member.display_name,
        "visibility": "public",
        "accepts_messages": "on",
        "open_to_questions": "on",
    }
    assert ProfileForm(data, instance=member).is_valid()
    response = client.post(reverse("members:edit"), data)

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert member.open_to_questions is True


def test_your_data_says_whether_you_are_open_to_questions(make_member, signed_in):
    member = make_member(open_to_questions=True)
    response = signed_in(member).post(reverse("members:download_data"))

    assert json.loads(response.content)["profile"]["open_to_questions"] is True


def test_the_directory_facet_counts_and_filters_members_open_to_questions(
    backend, make_member, surname, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        make_member(display_name=f"Ada {surname}", open_to_questions=True)
        make_member(display_name=f"Ben {surname}")

    everyone = search(SearchRequest(surname, {"kind": ("member",)}))
    [value] = everyone.facets["open_to_questions"]
    assert (value.value, value.label, value.count) == ("yes", "Open to questions", 1)
    only_open = search(SearchRequest(surname, {"kind": ("member",), "open_to_questions": ("yes",)}))
    assert [hit.title for hit in only_open.hits] == [f"Ada {surname}"]

    page = client.get("/members/", {"q": surname, "open_to_questions": "yes"}).content.decode()
    assert "Open to questions" in page
    assert f"Ada {surname}" in page and f"Ben {surname}" not in page


def _contact_page(client, recipient, about) -> str:
    url = reverse("members:contact", args=[recipient.slug])
    response = client.get(url, {"about": about})
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_ask_them_pre_fills_the_message_with_the_page_it_is_about(make_member, signed_in):
    recipient = make_member(open_to_questions=True)
    page = _contact_page(signed_in(make_member()), recipient, "/questions/7/")

    assert "About http://127.0.0.1:8000/questions/7/\n" in page


@pytest.mark.parametrize(
    "about",
    [
        "https://elsewhere.example/questions/7/",
        "//elsewhere.example/questions/7/",
        "/\\elsewhere.example/",
        "javascript:alert(1)",
        "questions/7/",
        "/questions/7/\u0000",
        "/" + "x" * 600,
    ],
)
def test_an_about_that_is_not_a_path_on_this_site_is_ignored(make_member, signed_in, about):
    recipient = make_member(open_to_questions=True)
    page = _contact_page(signed_in(make_member()), recipient, about)

    assert "About http" not in page and "elsewhere" not in page
