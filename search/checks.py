"""System checks of the Elasticsearch settings: a wrong value stops `manage.py check` (and
every command, and the server's start) with a sentence saying what to change, rather than
surfacing later as searches that quietly answer from the database."""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

from .client import node_urls

# A SHA-256 fingerprint: 64 hexadecimal digits, in pairs separated by colons or not.
FINGERPRINT = re.compile(r"^[0-9a-f]{64}$", re.IGNORECASE)
REPLICAS = re.compile(r"^(\d+|\d+-(\d+|all))$")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@checks.register(checks.Tags.compatibility)
def elasticsearch_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    found: list[checks.CheckMessage] = []
    urls = node_urls(settings.ELASTICSEARCH_URL)
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            found.append(
                checks.Error(
                    f"ELASTICSEARCH_URL: “{url}” is not the address of a node.",
                    hint="Give each node as http://host:9200 or https://host:9200, "
                    "separated by commas.",
                    id="search.E001",
                )
            )
    found += _credentials(urls)
    found += _certificates(urls)
    found += _index_shape()
    return found


def _credentials(urls: tuple[str, ...]) -> list[checks.CheckMessage]:
    found: list[checks.CheckMessage] = []
    api_key, username = settings.ELASTICSEARCH_API_KEY, settings.ELASTICSEARCH_USERNAME
    if api_key and username:
        found.append(
            checks.Error(
                "Both ELASTICSEARCH_API_KEY and ELASTICSEARCH_USERNAME are set.",
                hint="Give an API key, or a user and password, not both.",
                id="search.E002",
            )
        )
    if bool(username) != bool(settings.ELASTICSEARCH_PASSWORD):
        found.append(
            checks.Error(
                "ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD go together.",
                hint="Set both, or neither.",
                id="search.E003",
            )
        )
    in_clear = [
        url
        for url in urls
        if urlsplit(url).scheme == "http" and urlsplit(url).hostname not in LOCAL_HOSTS
    ]
    if (api_key or username) and in_clear:
        found.append(
            checks.Warning(
                f"Elasticsearch credentials would cross the network unencrypted to {in_clear[0]}.",
                hint="Use https:// addresses for nodes on other machines.",
                id="search.W001",
            )
        )
    return found


def _certificates(urls: tuple[str, ...]) -> list[checks.CheckMessage]:
    found: list[checks.CheckMessage] = []
    ca_certs, fingerprint = settings.ELASTICSEARCH_CA_CERTS, settings.ELASTICSEARCH_SSL_FINGERPRINT
    if ca_certs and not Path(ca_certs).is_file():
        found.append(
            checks.Error(
                f"ELASTICSEARCH_CA_CERTS: there is no file {ca_certs}.",
                hint="Give the path of the PEM file holding the cluster's CA certificate.",
                id="search.E004",
            )
        )
    if fingerprint and not FINGERPRINT.match(fingerprint.replace(":", "")):
        found.append(
            checks.Error(
                "ELASTICSEARCH_SSL_FINGERPRINT is not a SHA-256 fingerprint.",
                hint="Give the 64 hexadecimal digits (colons allowed) that "
                "`openssl x509 -noout -fingerprint -sha256` prints for the node's certificate.",
                id="search.E005",
            )
        )
    if (ca_certs or fingerprint) and urls and not any(url.startswith("https:") for url in urls):
        found.append(
            checks.Warning(
                "A CA certificate or fingerprint is set, but no node is reached over https://.",
                hint="Use https:// addresses, or leave ELASTICSEARCH_CA_CERTS and "
                "ELASTICSEARCH_SSL_FINGERPRINT empty.",
                id="search.W002",
            )
        )
    return found


def _index_shape() -> list[checks.CheckMessage]:
    found: list[checks.CheckMessage] = []
    if settings.ELASTICSEARCH_SHARDS < 1:
        found.append(
            checks.Error(
                "ELASTICSEARCH_SHARDS must be 1 or more.",
                hint="One shard holds this site's index well past 100,000 documents.",
                id="search.E006",
            )
        )
    if not REPLICAS.match(settings.ELASTICSEARCH_REPLICAS.strip()):
        found.append(
            checks.Error(
                f"ELASTICSEARCH_REPLICAS: “{settings.ELASTICSEARCH_REPLICAS}” is neither a "
                "number nor a range.",
                hint="Give a number of replicas (1), or a range that follows the number of "
                "data nodes (0-1, 0-all).",
                id="search.E007",
            )
        )
    return found
