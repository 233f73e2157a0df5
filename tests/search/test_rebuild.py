"""`search_index rebuild` fills a new index and swaps the alias in one request: searches
issued while it runs see the whole old index, never an empty or half-filled one."""

from django.core.management import call_command

import pytest

from casestudies.factories import case_study_record
from search import index, indexing
from search.index import IndexSetupError

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

DOCUMENTS = 12


@pytest.fixture
def twelve(es, publish):
    publish(*(case_study_record(title=f"Garden {n}") for n in range(DOCUMENTS)))


def test_searches_during_a_rebuild_see_the_whole_old_index(twelve, es, find, monkeypatch):
    old_index = index.current_index(es)
    seen = []
    streamed = indexing.all_documents

    def slow_stream():
        for number, document in enumerate(streamed(), start=1):
            yield document
            if number % 3 == 0:
                # Part of the new index is written: it exists, and holds some documents.
                es.indices.refresh(index=index.pattern())
                building = [name for name, aliased in index.indices(es).items() if not aliased]
                seen.append((es.count(index=building)["count"], find("garden").total))

    monkeypatch.setattr(indexing, "BULK_CHUNK", 2)
    monkeypatch.setattr(indexing, "all_documents", slow_stream)
    call_command("search_index", "rebuild", "--no-progress")

    assert any(0 < written < DOCUMENTS for written, _total in seen), seen
    assert {total for _written, total in seen} == {DOCUMENTS}
    assert find("garden").total == DOCUMENTS
    assert index.current_index(es) != old_index
    assert list(index.indices(es)) == [index.current_index(es)]


def test_a_change_during_a_rebuild_is_not_lost(twelve, es, find, publish, monkeypatch):
    streamed = indexing.all_documents

    def stream_then_change():
        yield from streamed()
        # Published after the rebuild read the database, before the alias moves.
        publish(case_study_record(title="Late garden"))

    monkeypatch.setattr(indexing, "all_documents", stream_then_change)
    indexing.rebuild_index()

    assert find("garden").total == DOCUMENTS + 1


def test_a_failed_rebuild_leaves_the_old_index_in_place(twelve, es, find, monkeypatch):
    old_index = index.current_index(es)

    def broken_stream():
        yield from []
        raise RuntimeError("the database went away")

    monkeypatch.setattr(indexing, "all_documents", broken_stream)
    with pytest.raises(RuntimeError):
        indexing.rebuild_index()

    assert list(index.indices(es)) == [old_index]
    assert find("garden").total == DOCUMENTS


def test_the_english_analyzer_on_a_node_without_it_fails_with_a_clear_sentence(es, settings):
    settings.SEARCH_ANALYZER = "english"
    name = index.new_index_name()
    try:
        index.create_index(es, name)
    except IndexSetupError as error:
        assert "no 'english' analyzer" in str(error)
        assert "Set SEARCH_ANALYZER to hunspell_en_GB or standard." in str(error)
    else:  # A node with analysis-common has it, and then it simply works.
        es.indices.delete(index=name)
