"""Two web servers are one site: two gunicorn processes with the production settings, on
one database, one shared cache (the database's `django_cache` table) and one
Elasticsearch index, as when a deployment adds a second machine.

A visitor signed in through one server is signed in on the other, and signing out on
either ends the session on both. A rate limit counts the attempts made on both. A page
each server has cached is forgotten by both when an editor publishes a change through
one of them. A change made through one server, whose machine cannot reach Elasticsearch
when its task worker refreshes the index, waits in the outbox until the scheduler
(`run_schedule --once`) replays it, once; then the other server's search finds it.
Uploads through one server shown by another: test_object_store.py.
"""

import json
import time
import uuid
from http import HTTPStatus

from django.db import connection

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from casestudies.factories import as_lines, case_study_record
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyPage
from search import client as search_client
from search.kinds import document_id
from search.models import OutboxItem
from tests.factories.members import ProfileFactory, UserFactory
from tests.support.indexes import CLOSED_PORT_URL, own_index, require_elasticsearch, unique_prefix

from .production import Browser, run_manage, run_python

pytestmark = [pytest.mark.services, pytest.mark.elasticsearch]

# The servers' index, under a prefix of its own; the test process uses it too.
PREFIX = unique_prefix()
SIGNED_IN_ONLY = "/members/me/edit/"
TOTP = "JBSWY3DPEHPK3PXP"  # an authenticator app's secret, for these tests only


@pytest.fixture(scope="module")
def server_settings():
    """Both servers on the real Elasticsearch, under this module's prefix."""
    search = {"ELASTICSEARCH_URL": require_elasticsearch(), "ELASTICSEARCH_INDEX_PREFIX": PREFIX}
    return [search, search]


@pytest.fixture(autouse=True)
def one_index(settings):
    """An empty index behind the servers' alias for each test, dropped after it; the test
    process writes to it too."""
    settings.ELASTICSEARCH_URL = require_elasticsearch()
    settings.ELASTICSEARCH_INDEX_PREFIX = PREFIX
    with own_index() as client:
        yield client


@pytest.fixture(autouse=True)
def empty_shared_cache(transactional_db):
    """The servers' cache outlives the rows each test commits: start every test with none
    of another test's rate limits or cached pages."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_cache")


def signed_in(browser: Browser) -> bool:
    response = browser.get(SIGNED_IN_ONLY)
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND), response.status_code
    return response.status_code == HTTPStatus.OK


def test_a_session_begun_on_one_server_is_signed_in_on_the_other_until_signed_out_there(
    servers,
):
    first, second = servers
    member = ProfileFactory()
    on_first = Browser(first.url).sign_in(member.user)
    on_second = on_first.at(second.url)
    assert not signed_in(Browser(second.url))  # a stranger is sent to sign in

    assert signed_in(on_second)

    response = on_second.post("/accounts/logout/", {})
    assert response.status_code == HTTPStatus.FOUND, response.text[:500]
    # The cookies from before signing out, kept by someone who copied them.
    assert not signed_in(on_first)


def limited(response) -> bool:
    return response.status_code == HTTPStatus.TOO_MANY_REQUESTS or (
        "Too many failed" in response.text
    )


def test_failed_sign_ins_are_limited_by_their_count_on_both_servers(servers):
    member = ProfileFactory()
    # allauth counts failed sign-ins per site and address, the site named by the Host a
    # load balancer passes on to every server alike.
    visitors = [Browser(server.url, host="localhost") for server in servers]
    wrong = {"login": member.user.email, "password": "not-the-password"}

    # It allows five for one address in five minutes; alternating, each server sees only
    # three of the first six.
    attempts = [visitors[number % 2].post("/accounts/login/", wrong) for number in range(6)]

    assert [limited(response) for response in attempts] == [False] * 5 + [True]
    assert all(response.status_code == HTTPStatus.OK for response in attempts[:5])
    assert "sessionid" not in visitors[0].cookies | visitors[1].cookies


def signed_in_editor(url: str) -> Browser:
    """A superuser signed in with their password and their authenticator app's code, as
    production asks of everyone who can reach the admin."""
    editor = UserFactory(is_superuser=True, is_staff=True)
    Authenticator.objects.create(user=editor, type=Authenticator.Type.TOTP, data={"secret": TOTP})
    browser = Browser(url).sign_in(editor)
    response = browser.post("/accounts/2fa/authenticate/", {"code": current_code()})
    assert response.status_code == HTTPStatus.FOUND, response.text[:500]
    assert browser.get("/admin/").status_code == HTTPStatus.OK
    return browser


def current_code() -> str:
    """The app's code now; one about to expire is waited out, as the server accepts only
    the code of the moment it reads it."""
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 5:
        time.sleep(left)
    return format_hotp_value(hotp_value(TOTP, int(time.time()) // period))


def page_text(url: str) -> str:
    response = Browser(url).get(PAGE)
    assert response.status_code == HTTPStatus.OK
    return response.text


PAGE = "/case-studies/shared-cache/"


def test_publishing_through_one_server_forgets_the_page_both_servers_cached(servers):
    first = servers[0]
    report = import_lines(as_lines(case_study_record(slug="shared-cache", title="First title")))
    assert not report.rejections
    page = CaseStudyPage.objects.get(slug="shared-cache")
    assert page.url == PAGE
    for server in servers:
        assert "First title" in page_text(server.url)
    # A change straight in the database, with no signal: each server still serves its copy.
    CaseStudyPage.objects.filter(pk=page.pk).update(title="A quiet change")
    assert ["First title" in page_text(server.url) for server in servers] == [True, True]
    # A draft waits for an editor, who publishes it through the first server.
    draft = CaseStudyPage.objects.get(pk=page.pk)
    draft.title = "Published title"
    draft.save_revision()
    admin = signed_in_editor(first.url)

    response = admin.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {})

    assert response.status_code == HTTPStatus.FOUND, response.text[:500]
    shown = [page_text(server.url) for server in servers]
    assert ["Published title" in text for text in shown] == [True, True]


def search_api(url: str, words: str) -> dict:
    response = Browser(url).get(f"/api/search/?q={words}")
    assert response.status_code == HTTPStatus.OK, response.text[:500]
    return response.json()


def indexed(client, member) -> tuple[str, int]:
    """The member's name in the index, and the version of the document holding it."""
    found = client.get(index=search_client.alias(), id=document_id("member", member.pk))
    return found["_source"]["title"], found["_version"]


REPLAY = "import django; django.setup(); from search import replayer; print(replayer.replay_due())"


def test_a_change_elasticsearch_missed_waits_in_the_outbox_until_replayed_once(servers, one_index):
    first, second = servers
    member = ProfileFactory(display_name="Asha Before")
    assert indexed(one_index, member)[0] == "Asha Before"
    word = f"Quill{uuid.uuid4().hex[:8]}"
    owner = Browser(first.url).sign_in(member.user)

    response = owner.post(
        "/members/me/edit/", {"display_name": f"Asha {word}", "visibility": member.visibility}
    )

    assert response.status_code == HTTPStatus.FOUND, response.text[:500]
    # The web process only queues the refresh for a task worker; the change is in the
    # outbox from its commit.
    source = f"members.profile:{member.pk}"
    assert OutboxItem.objects.filter(source=source).exists()
    # The first machine (its task worker) cannot reach Elasticsearch: the change stays.
    cut_off = {**first.environment, "ELASTICSEARCH_URL": CLOSED_PORT_URL}
    run_manage(cut_off, "db_worker", "--batch", "--no-startup-delay")
    waiting = OutboxItem.objects.get(source=source)
    assert waiting.attempts >= 1 and waiting.last_error
    assert indexed(one_index, member)[0] == "Asha Before"
    found = search_api(second.url, word)
    assert f"Asha {word}" not in [hit["title"] for hit in found["results"]]

    run_manage(second.environment, "run_schedule", "--once")

    assert not OutboxItem.objects.exists()
    name, version = indexed(one_index, member)
    assert name == f"Asha {word}"
    found = search_api(second.url, word)
    assert not found["degraded"]
    assert [hit["title"] for hit in found["results"]] == [f"Asha {word}"]
    again = run_python(REPLAY, second.environment)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout.strip().splitlines()[-1]) == 0
    assert indexed(one_index, member) == (name, version)
