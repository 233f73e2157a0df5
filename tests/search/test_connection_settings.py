"""The Elasticsearch settings: several nodes, credentials, certificates and the index's
shape, and the checks that name a wrong value before anything runs on it."""

import pytest

from search import client, mapping
from search.checks import elasticsearch_settings

FINGERPRINT = ":".join(["AB"] * 32)
LOCAL = "http://127.0.0.1:9200"


def problems(settings, **values) -> list[str]:
    for name, value in values.items():
        setattr(settings, name, value)
    return [message.id for message in elasticsearch_settings()]


def test_comma_separated_nodes_are_each_a_host_of_the_client(settings):
    settings.ELASTICSEARCH_URL = " http://es-1:9200, https://es-2:9200 ,"
    assert client.node_urls(settings.ELASTICSEARCH_URL) == ("http://es-1:9200", "https://es-2:9200")

    es = client.search_client()
    assert sorted(node.host for node in es.transport.node_pool.all()) == ["es-1", "es-2"]


def test_an_api_key_wins_over_nothing_and_a_user_comes_with_a_password(settings):
    settings.ELASTICSEARCH_API_KEY = "a2V5"
    assert client.connection().options() == {"api_key": "a2V5"}
    settings.ELASTICSEARCH_API_KEY = ""
    settings.ELASTICSEARCH_USERNAME, settings.ELASTICSEARCH_PASSWORD = "site", "secret"
    settings.ELASTICSEARCH_SSL_FINGERPRINT = FINGERPRINT
    assert client.connection().options() == {
        "basic_auth": ("site", "secret"),
        "ssl_assert_fingerprint": FINGERPRINT,
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0-1", {"auto_expand_replicas": "0-1"}),
        ("0-all", {"auto_expand_replicas": "0-all"}),
        ("2", {"number_of_replicas": 2, "auto_expand_replicas": False}),
    ],
)
def test_replicas_are_a_number_or_a_range(value, expected):
    assert mapping.replica_settings(value) == expected


def test_the_index_takes_its_shards_and_replicas_from_the_settings(settings):
    settings.ELASTICSEARCH_SHARDS, settings.ELASTICSEARCH_REPLICAS = 3, "1"
    body = mapping.index_body()["settings"]
    assert (body["number_of_shards"], body["number_of_replicas"]) == (3, 1)


def test_good_settings_raise_nothing(settings, tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    assert not problems(
        settings,
        ELASTICSEARCH_URL="https://es-1.internal:9200,https://es-2.internal:9200",
        ELASTICSEARCH_API_KEY="a2V5",
        ELASTICSEARCH_CA_CERTS=str(ca),
        ELASTICSEARCH_REPLICAS="0-all",
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"ELASTICSEARCH_URL": "es-1:9200"}, "search.E001"),
        ({"ELASTICSEARCH_URL": "http://a:9200,ftp://b"}, "search.E001"),
        ({"ELASTICSEARCH_API_KEY": "k", "ELASTICSEARCH_USERNAME": "u"}, "search.E002"),
        ({"ELASTICSEARCH_USERNAME": "u", "ELASTICSEARCH_PASSWORD": ""}, "search.E003"),
        ({"ELASTICSEARCH_CA_CERTS": "/nowhere/ca.pem"}, "search.E004"),
        ({"ELASTICSEARCH_SSL_FINGERPRINT": "AB:CD"}, "search.E005"),
        ({"ELASTICSEARCH_SHARDS": 0}, "search.E006"),
        ({"ELASTICSEARCH_REPLICAS": "one"}, "search.E007"),
        (
            {"ELASTICSEARCH_URL": "http://es.internal:9200", "ELASTICSEARCH_API_KEY": "k"},
            "search.W001",
        ),
        (
            {
                "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
                "ELASTICSEARCH_SSL_FINGERPRINT": FINGERPRINT,
            },
            "search.W002",
        ),
    ],
)
def test_each_wrong_setting_is_named(settings, values, expected):
    assert expected in problems(settings, **values)
