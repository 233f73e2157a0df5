"""A bulk import (`import_content`'s run, indexing deferred to its end) keeps every
guarantee of a page saved on its own: revisions, live pages, our search in Elasticsearch
and the database backend, Wagtail's reference and admin search indexes, one transaction
per line, the same report. These tests commit for real, as the command does."""

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, ReferenceIndex

import pytest

from casestudies.factories import as_lines, case_study_record
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyPage
from search import client as search_client
from search.kinds import source_key
from search.models import Entry, OutboxItem
from search.service import search
from search.types import SearchRequest
from taxonomy.models import Organisation
from tests.support.indexes import CLOSED_PORT_URL

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

BAD_LINE = case_study_record(
    slug="bad",
    title="Meadow that fails",
    # Written before the line fails: the organisation must go with it.
    organisation={"name": "Only in the bad line", "type": "council"},
    contributor="nobody-here",
)


def meadows(count: int, prefix: str = "meadow") -> list[dict]:
    return [
        case_study_record(slug=f"{prefix}-{n}", title=f"Meadow {prefix} {n}") for n in range(count)
    ]


def found(q: str = "meadow") -> list[str]:
    result = search(SearchRequest(q, {}, page_size=50))
    return sorted(hit.title for hit in result.hits)


def references(page: Page) -> set[tuple]:
    rows = ReferenceIndex.get_references_for_object(page)
    return set(rows.values_list("to_content_type", "to_object_id", "model_path", "content_path"))


def test_a_bulk_run_keeps_every_guarantee_and_a_bad_line_writes_nothing(
    transactional_db, es, settings
):
    good = meadows(4)
    # The next line names the bad line's organisation: it is created again, not taken
    # from the run's cache of organisations (where the rolled-back row must not be).
    good[2]["organisation"] = BAD_LINE["organisation"]
    report = import_lines(as_lines(*good[:2], BAD_LINE, *good[2:]))

    assert (report.created, report.updated) == (4, 0)
    assert [str(r) for r in report.rejections] == [
        "Line 3: contributor 'nobody-here' is not a member of this site (no profile has that "
        'address). Add the member first, or set contributor to null and "contributed" to true '
        'to credit "a former member".'
    ]
    assert not Page.objects.filter(slug="bad").exists()
    (organisation,) = Organisation.objects.filter(name="Only in the bad line")
    assert CaseStudyPage.objects.get(lead_organisation=organisation).slug == "meadow-2"
    pages = list(CaseStudyPage.objects.filter(slug__startswith="meadow-").order_by("slug"))
    assert [page.slug for page in pages] == [f"meadow-{n}" for n in range(4)]
    for page in pages:
        assert page.live and not page.has_unpublished_changes
        assert page.revisions.count() == 1
        assert page.live_revision == page.latest_revision
        assert references(page), "the reference index has no rows for the page"
    titles = sorted(page.title for page in pages)
    # Our search: nothing waits in the outbox, Elasticsearch and the database backend
    # both hold the four pages.
    assert not OutboxItem.objects.exists()
    keys = [source_key(CaseStudyPage, page.pk) for page in pages]
    assert Entry.objects.filter(source__in=keys).count() == 4
    assert found() == titles
    settings.ELASTICSEARCH_URL = ""
    assert found() == titles
    # Wagtail's admin search index.
    assert sorted(p.title for p in CaseStudyPage.objects.search("meadow")) == titles


def test_the_deferred_indexes_hold_what_per_save_indexing_writes(transactional_db, es):
    same = {"organisation": {"name": "Lambeth Council", "type": "council"}, "tags": ["a", "b"]}
    one = case_study_record(slug="saved", title="Meadow one", **same)
    import_lines(as_lines(one), defer=False)
    import_lines(as_lines(case_study_record(slug="bulk", title="Meadow two", **same)))
    saved, bulk = CaseStudyPage.objects.get(slug="saved"), CaseStudyPage.objects.get(slug="bulk")

    def targets(page):  # a child row's path names its own primary key: left out
        return sorted(row[:3] for row in references(page))

    assert targets(bulk) == targets(saved)
    assert len(targets(bulk)) > 3
    assert found() == ["Meadow one", "Meadow two"]
    assert sorted(p.title for p in CaseStudyPage.objects.search("meadow")) == [
        "Meadow one",
        "Meadow two",
    ]


def test_a_run_that_fails_midway_still_indexes_the_lines_it_committed(transactional_db, es):
    def lines():
        yield from as_lines(*meadows(2))
        raise RuntimeError("the file went away")

    with pytest.raises(RuntimeError):
        import_lines(lines())

    pages = CaseStudyPage.objects.filter(slug__startswith="meadow-")
    assert pages.count() == 2
    assert not OutboxItem.objects.exists()
    assert found() == sorted(page.title for page in pages)
    assert all(references(page) for page in pages)
    assert sorted(p.title for p in CaseStudyPage.objects.search("meadow")) == found()


def test_when_elasticsearch_refuses_the_end_of_run_refresh_the_outbox_keeps_the_pages(
    transactional_db, es, settings
):
    with override_settings(ELASTICSEARCH_URL=CLOSED_PORT_URL):
        report = import_lines(as_lines(*meadows(3)))
    assert report.created == 3
    search_client.mark_up()

    # The database backend's entries are written; Elasticsearch waits for the replayer,
    # and until then searches of it leave the pages out rather than serve a stale index.
    assert OutboxItem.objects.filter(entries_current=True).count() == 3
    assert found() == []
    call_command("search_index", "sync")
    assert found() == ["Meadow meadow 0", "Meadow meadow 1", "Meadow meadow 2"]
    assert not OutboxItem.objects.exists()


def test_the_command_reports_as_before(transactional_db, es, tmp_path, capsys):
    path = tmp_path / "import.jsonl"
    path.write_text("".join(f"{line}\n" for line in as_lines(*meadows(1), BAD_LINE)))

    with pytest.raises(CommandError, match=r"1 line\(s\) were rejected."):
        call_command("import_content", str(path))

    out, err = capsys.readouterr()
    assert out == "Imported 1 (1 new, 0 updated); rejected 1.\n"
    assert err.startswith("Line 2: contributor 'nobody-here' is not a member")
    assert found() == ["Meadow meadow 0"]


def test_queries_per_page_do_not_grow_with_the_number_of_lines(transactional_db, es):
    import_lines(as_lines(*meadows(2, "warm")))  # the site tree and shared organisations

    def queries_per_page(count: int, prefix: str) -> float:
        with CaptureQueriesContext(connection) as queries:
            report = import_lines(as_lines(*meadows(count, prefix)))
        assert report.created == count
        return len(queries) / count

    few, many = queries_per_page(3, "few"), queries_per_page(24, "many")

    assert many <= few, (few, many)
    assert many < QUERIES_PER_PAGE, many
    assert found("many") == sorted(f"Meadow many {n}" for n in range(24))


# What one bulk-imported case study costs today, with a little room: a change that adds
# queries to every page shows here.
QUERIES_PER_PAGE = 150
