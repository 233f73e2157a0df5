"""Elasticsearch behind TLS and authentication, as every Elasticsearch 8 cluster run as
its vendor ships it (and every hosted one) is: the site reaches it with an API key or a
user and password, trusting its certificate through a CA file or the certificate's
fingerprint. A wrong key or an untrusted certificate is refused, search answers from the
database meanwhile, and the operator is told which setting to look at."""

import logging

from django.core.management import CommandError, call_command

import pytest
import trustme

from casestudies.factories import case_study_record
from search import client as search_client
from search import indexing
from tests.support.indexes import own_index, require_elasticsearch, unique_prefix
from tests.support.tls_proxy import API_KEY, PASSWORD, USERNAME, TlsProxy

pytestmark = pytest.mark.elasticsearch

WORD = "bryophyte"  # in every document of these tests, and nowhere else
REFUSED = "Elasticsearch refused the site's credentials (401)"
TITLE = "Moss walls on the high street"


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    proxy = TlsProxy(require_elasticsearch(), tmp_path_factory.mktemp("tls-proxy")).start()
    yield proxy
    proxy.stop()


@pytest.fixture
def secured(proxy, settings):
    """The site sees only the proxy, with the right key and the CA's certificate."""
    settings.ELASTICSEARCH_URL = proxy.url
    settings.ELASTICSEARCH_API_KEY = API_KEY
    settings.ELASTICSEARCH_CA_CERTS = proxy.ca_file
    settings.ELASTICSEARCH_INDEX_PREFIX = unique_prefix()
    with own_index():
        yield proxy


def api_search(client) -> tuple[bool, list[str]]:
    body = client.get("/api/search/", {"q": WORD}).json()
    return body["degraded"], [hit["title"] for hit in body["results"]]


def status(capsys) -> str:
    capsys.readouterr()
    call_command("search_index", "status")
    return capsys.readouterr().out


@pytest.fixture
def indexed(secured, publish, client):
    """One case study, written and found through the proxy; the proxy."""
    publish(case_study_record(title=TITLE, summary=f"{WORD} on walls"))
    assert api_search(client) == (False, [TITLE])
    return secured


def test_the_site_searches_and_writes_with_an_api_key_over_tls(indexed, capsys):
    shown = status(capsys)
    assert "case_study             1         1         1" in shown
    assert f"Node {indexed.url} answers" in shown
    call_command("search_index", "rebuild", "--no-progress", "--only", "elasticsearch")
    assert "Elasticsearch: 1 documents indexed." in capsys.readouterr().out


@pytest.mark.parametrize("trust", ["fingerprint", "user and password"])
def test_a_fingerprint_or_a_user_and_password_serve_as_well(indexed, settings, client, trust):
    if trust == "fingerprint":
        settings.ELASTICSEARCH_CA_CERTS = ""
        settings.ELASTICSEARCH_SSL_FINGERPRINT = indexed.fingerprint()
    else:
        settings.ELASTICSEARCH_API_KEY = ""
        settings.ELASTICSEARCH_USERNAME, settings.ELASTICSEARCH_PASSWORD = USERNAME, PASSWORD
    assert api_search(client) == (False, [TITLE])


def test_a_wrong_key_is_refused_and_the_operator_told_which_setting(
    indexed, settings, client, capsys, caplog
):
    settings.ELASTICSEARCH_API_KEY = "d3Jvbmc6a2V5"  # base64 of "wrong:key"

    with caplog.at_level(logging.WARNING, logger="search"):
        assert api_search(client) == (True, [TITLE])  # from the database
    assert REFUSED in caplog.text
    assert "check ELASTICSEARCH_API_KEY" in caplog.text

    search_client.mark_up()
    assert REFUSED in status(capsys)
    with pytest.raises(CommandError, match=r"refused the site's credentials \(401\)"):
        call_command("search_index", "rebuild", "--no-progress", "--only", "elasticsearch")
    assert client.get("/healthz").json()["search"] == "degraded"


def test_a_wrong_password_is_refused(indexed, settings, capsys):
    settings.ELASTICSEARCH_API_KEY = ""
    settings.ELASTICSEARCH_USERNAME, settings.ELASTICSEARCH_PASSWORD = USERNAME, "wrong"
    assert REFUSED in status(capsys)


def test_a_certificate_from_another_authority_is_refused(indexed, settings, tmp_path):
    stranger = tmp_path / "another-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(stranger))
    settings.ELASTICSEARCH_CA_CERTS = str(stranger)

    problem = indexing.status().problem
    assert problem.startswith("The TLS connection to Elasticsearch failed")
    assert "CERTIFICATE_VERIFY_FAILED" in problem
    assert problem.endswith("check ELASTICSEARCH_CA_CERTS or ELASTICSEARCH_SSL_FINGERPRINT.")
