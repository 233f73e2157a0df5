"""Questions in search, on both backends: a members-only question and its answers reach
no anonymous surface (the search page, its feed, the JSON API, autocomplete, the
sitemap); a public one does; the accepted answer's text is searchable with its question
and follows it; `answered` is a facet."""

import uuid
from http import HTTPStatus

from django.urls import reverse

import pytest

from questions.models import Audience
from search import fusion
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def words_only(monkeypatch):
    """These searches follow the words: made-up tokens ("zq…") share pieces, so their
    vectors are alike. Meaning is tested in tests/search/test_hybrid.py."""
    monkeypatch.setattr(fusion, "MIN_SIMILARITY", 1.1)
    monkeypatch.setattr(fusion, "CLOSEST_SIMILARITY", 1.1)


def _word() -> str:
    """A made-up word no other document holds."""
    return "zq" + uuid.uuid4().hex[:10]


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run what a block of writes schedules (the index refresh) as its commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def thread(asker, other, indexed):
    """`thread(audience)`: a question whose title, details, accepted answer and other
    answer each hold a word of their own; returns (question, words)."""

    def _build(audience):
        words = {part: _word() for part in ("title", "details", "accepted", "other")}
        with indexed():
            question = factories.question(
                asker,
                audience=audience,
                title=f"Who weighted {words['title']} above twenty?",
                details=f"We tender {words['details']} care.",
            )
            accepted = factories.answer(question, other, body=f"We did {words['accepted']}.")
            factories.answer(question, other, body=f"Not us {words['other']}.")
            question.accepted_answer = accepted
            question.save()
        return question, words

    return _build


def _api_urls(client, query) -> list[str]:
    response = client.get("/api/search/", {"q": query})
    assert response.status_code == HTTPStatus.OK
    return [result["url"] for result in response.json()["results"]]


def _suggested(client, text) -> list[str]:
    return [s["url"] for s in client.get("/api/search/suggest/", {"q": text}).json()]


def test_a_members_only_question_and_its_answers_reach_no_anonymous_surface(
    backend, thread, client
):
    question, words = thread(Audience.MEMBERS)
    url = question.get_absolute_url()

    for word in words.values():
        assert url not in _api_urls(client, word)
        assert url not in client.get("/search/feed/", {"q": word}).content.decode()
        page = client.get("/search/", {"q": word}).content.decode()
        assert url not in page
        assert question.title not in page
    assert url not in _suggested(client, "Who weighted " + words["title"])
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert f"/questions/{question.pk}/" not in sitemap


def test_a_member_finds_a_members_only_question_by_its_words_and_its_accepted_answer(
    backend, thread, client, other
):
    question, words = thread(Audience.MEMBERS)
    client.force_login(other.user)

    assert question.get_absolute_url() in _api_urls(client, words["title"])
    assert question.get_absolute_url() in _api_urls(client, words["accepted"])
    assert question.get_absolute_url() in _suggested(client, "Who weighted " + words["title"])
    # Only the accepted answer is indexed with the question.
    assert question.get_absolute_url() not in _api_urls(client, words["other"])


def test_a_public_question_reaches_strangers_in_search_autocomplete_and_the_sitemap(
    backend, thread, client
):
    question, words = thread(Audience.PUBLIC)
    url = question.get_absolute_url()

    assert url in _api_urls(client, words["title"])
    assert url in _api_urls(client, words["accepted"])
    assert url in client.get("/search/", {"q": words["details"]}).content.decode()
    assert url in client.get("/search/feed/", {"q": words["title"]}).content.decode()
    assert url in _suggested(client, "Who weighted " + words["title"])
    assert f"/questions/{question.pk}/" in client.get(reverse("sitemap")).content.decode()


def test_the_accepted_answer_leaves_the_document_when_it_is_withdrawn(
    backend, thread, client, other, indexed
):
    question, words = thread(Audience.PUBLIC)
    client.force_login(other.user)

    with indexed():
        response = client.post(
            reverse("questions:withdraw_answer", kwargs={"pk": question.accepted_answer_id})
        )

    assert response.status_code == HTTPStatus.FOUND
    assert question.get_absolute_url() not in _api_urls(client, words["accepted"])
    assert question.get_absolute_url() in _api_urls(client, words["title"])


def test_accepting_through_the_page_makes_the_answer_searchable(
    backend, asker, other, client, indexed
):
    word = _word()
    with indexed():
        question = factories.question(asker, audience=Audience.PUBLIC)
        reply = factories.answer(question, other, body=f"Try {word}.")
    assert question.get_absolute_url() not in _api_urls(client, word)
    client.force_login(asker.user)

    with indexed():
        client.post(reverse("questions:accept", kwargs={"pk": reply.pk}))

    assert question.get_absolute_url() in _api_urls(client, word)


def test_answered_and_unanswered_are_a_facet(backend, asker, other, client, indexed):
    word = _word()
    with indexed():
        answered = factories.question(asker, audience=Audience.PUBLIC, title=f"{word} one?")
        answered.accepted_answer = factories.answer(answered, other)
        answered.save()
        factories.question(asker, audience=Audience.PUBLIC, title=f"{word} two?")
        factories.question(asker, audience=Audience.PUBLIC, title=f"{word} three?")

    data = client.get("/api/search/", {"q": word, "kind": "question"}).json()
    narrowed = client.get("/api/search/", {"q": word, "answered": "answered"}).json()

    counts = {value["value"]: value["count"] for value in data["facets"]["answered"]}
    assert counts == {"answered": 1, "unanswered": 2}
    assert [hit["url"] for hit in narrowed["results"]] == [answered.get_absolute_url()]
