"""A members-only question and its answers through an Elasticsearch outage (the TCP proxy
of tests/search/test_outage.py in front of the real node): before it, while the database
backend answers, once the node is back but the outbox has not been replayed, and after
the replay, no anonymous surface (the search page, the JSON API, autocomplete, a case
study's related items and its "Questions that cite this") shows one, while a member finds
it. A question made members-only during the outage is the sharp case: the index still
holds it as public until the outbox replays."""

import time
from http import HTTPStatus

from django.test import Client

import pytest

from casestudies.models import CaseStudyPage
from questions.models import Audience, Citation
from search import client as search_client
from search.models import OutboxItem
from tests.factories import questions as factories
from tests.search import test_outage as outage
from tests.support.faults import FORWARD, REFUSE

pytestmark = pytest.mark.elasticsearch

proxy = outage.proxy  # the site reaches Elasticsearch through a switchable proxy
WORD = outage.WORD  # in every document here, and nowhere else
ACCEPTED, OTHER = "sedgewarbler", "bittercress"  # in the answers only
CATCH_UP_SECONDS = 60


def _api_urls(client, query) -> tuple[bool, set[str]]:
    response = client.get("/api/search/", {"q": query, "page_size": 50})
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    return body["degraded"], {hit["url"] for hit in body["results"]}


def _suggested(client, text) -> set[str]:
    return {item["url"] for item in client.get("/api/search/suggest/", {"q": text}).json()}


def _text(client, path, **params) -> str:
    response = client.get(path, params)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def _assert_hidden_from_strangers(stranger, questions, case_study_url):
    urls = {question.get_absolute_url() for question in questions}
    for query in (WORD, ACCEPTED, OTHER):
        assert not urls & _api_urls(stranger, query)[1], query
        page = _text(stranger, "/search/", q=query)
        assert not [question.title for question in questions if question.title in page]
    assert not urls & _suggested(stranger, "Who weighted")
    case_study = _text(stranger, case_study_url)
    assert not [url for url in urls if f'href="{url}"' in case_study]


def _assert_found_by_members(member, questions, degraded: bool):
    answered, found = _api_urls(member, WORD)
    assert answered is degraded
    assert {question.get_absolute_url() for question in questions} <= found
    assert questions[0].get_absolute_url() in _api_urls(member, ACCEPTED)[1]


def test_a_members_only_question_reaches_no_stranger_before_during_and_after_an_outage(
    transactional_db, proxy, settings
):
    asker, answerer = factories.trusted_member(), factories.trusted_member()
    outage.publish(slug="riverside", title="Riverside growing", sectors=["public"])
    case_study = CaseStudyPage.objects.get(slug="riverside")
    case_study_url = case_study.url
    secret = factories.question(asker, title=f"Who weighted {WORD} above twenty?")
    accepted = factories.answer(secret, answerer, body=f"We did, {ACCEPTED}.")
    factories.answer(secret, answerer, body=f"Not us, {OTHER}.")
    secret.accepted_answer = accepted
    secret.save()
    Citation.objects.create(question=secret, answer=accepted, page=case_study)
    turned = factories.question(
        asker, audience=Audience.PUBLIC, title=f"Who weighted {WORD} in care homes?"
    )
    stranger, member = Client(), Client()
    member.force_login(factories.trusted_member().user)

    # Before: the public question reaches strangers (the searches work), the other not.
    assert turned.get_absolute_url() in _api_urls(stranger, WORD)[1]
    _assert_hidden_from_strangers(stranger, [secret], case_study_url)
    _assert_found_by_members(member, [secret], degraded=False)

    # During: the asker makes the public question members-only; the database answers.
    proxy.set_mode(REFUSE)
    turned.audience = Audience.MEMBERS
    turned.save()
    assert OutboxItem.objects.exists()
    assert _api_urls(stranger, WORD)[0] is True
    _assert_hidden_from_strangers(stranger, [secret, turned], case_study_url)
    _assert_found_by_members(member, [secret, turned], degraded=True)

    # Back, not replayed: the index still holds `turned` as public; no search shows it.
    proxy.set_mode(FORWARD)
    search_client.mark_up()
    _assert_hidden_from_strangers(stranger, [secret, turned], case_study_url)

    # After the replay, Elasticsearch answers again with every change.
    settings.SEARCH_OUTBOX_REPLAY_SECONDS = 1
    started = time.monotonic()
    stranger.get("/")
    while OutboxItem.objects.exists() and time.monotonic() - started < CATCH_UP_SECONDS:
        time.sleep(0.2)
    assert not OutboxItem.objects.exists()
    _assert_hidden_from_strangers(stranger, [secret, turned], case_study_url)
    _assert_found_by_members(member, [secret, turned], degraded=False)
