"""The en_GB hunspell analyzer on the real Elasticsearch stems British English."""

import uuid

from django.conf import settings

import pytest
from elasticsearch import Elasticsearch

from search.analysis import analysis_settings

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def client(elasticsearch_url):
    client = Elasticsearch(elasticsearch_url, request_timeout=30)
    yield client
    client.close()


def test_commissioning_commissioned_and_commissions_share_a_stem(client):
    """The two hunspell passes give every form of "commission" its root, and plain plurals
    their singular (search.words covers the plurals the dictionary still misses)."""
    name = f"{settings.ELASTICSEARCH_INDEX_PREFIX}analysis-{uuid.uuid4().hex[:8]}"
    client.indices.create(index=name, settings={"analysis": analysis_settings("hunspell_en_GB")})
    try:
        stems = {
            word: {
                t["token"]
                for t in client.indices.analyze(index=name, analyzer="text_en", text=word)["tokens"]
            }
            for word in ("commissioning", "commissioned", "commissions", "councils", "council")
        }
    finally:
        client.indices.delete(index=name)
    shared = stems["commissioning"] & stems["commissioned"] & stems["commissions"]
    assert "commission" in shared, stems
    assert stems["councils"] == stems["council"] == {"council"}


def test_unknown_analyzer_setting_is_refused_with_a_sentence():
    with pytest.raises(ValueError, match="SEARCH_ANALYZER must be one of"):
        analysis_settings("klingon")
