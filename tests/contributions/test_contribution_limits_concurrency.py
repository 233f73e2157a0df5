"""The per-member limits hold when one member's requests arrive together (two tabs, a
script): each count waits for the member's row lock, so it sees what the others wrote.
Real threads, each with its own browser and database connection, against PostgreSQL."""

import threading
from http import HTTPStatus

from django.db import connection
from django.test import Client
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from casestudies.models import CaseStudyPage
from casestudies.site_tree import ensure_site_tree

from .contributions_support import GOOD, make_member

pytestmark = pytest.mark.usefixtures("transactional_db")


@pytest.fixture
def member(transactional_db, settings):
    settings.ELASTICSEARCH_URL = ""  # similar case studies from the database: no index needed
    ensure_site_tree()
    return make_member()


def all_at_once(user, count: int, request) -> list:
    """Run `request(client, n)` in `count` threads released together, each with its own
    client signed in as `user`; their responses."""
    barrier = threading.Barrier(count)
    responses = [None] * count

    def run(n):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait()
            responses[n] = request(client, n)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_sixteen_autosaves_at_once_make_no_more_drafts_than_the_cap(member, settings):
    settings.CONTRIBUTIONS_MAX_DRAFTS = 10

    responses = all_at_once(
        member.user,
        16,
        lambda client, n: client.post(
            reverse("contribute:autosave"), {**GOOD, "title": f"Draft {n}"}
        ),
    )

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [HTTPStatus.OK] * 10 + [HTTPStatus.BAD_REQUEST] * 6
    assert CaseStudyPage.objects.filter(contributor=member).count() == 10


def test_eight_submissions_at_once_start_no_more_reviews_than_the_daily_cap(member, settings):
    settings.CONTRIBUTIONS_DAILY_SUBMISSIONS = 3

    all_at_once(
        member.user,
        8,
        lambda client, n: client.post(
            reverse("contribute:new"),
            {
                **GOOD,
                "title": f"Submitted {n}",
                "submit": "",
            },
        ),
    )

    pages = CaseStudyPage.objects.filter(contributor=member)
    assert pages.count() == 8  # every draft is kept
    assert WorkflowState.objects.filter(requested_by=member.user).count() == 3
