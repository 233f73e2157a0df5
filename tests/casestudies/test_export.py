"""export_content, and the round trip: export, import into an empty site, export again."""

import json
from io import StringIO

from django.core.management import call_command

import pytest

from casestudies.factories import as_lines, case_study_record, seminar_record
from casestudies.importexport.exporter import export_lines
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyPage, SeminarPage
from taxonomy.models import Organisation

pytestmark = pytest.mark.django_db

RECORDS = [
    case_study_record(slug="one", body="## Heading\n\nSome *Markdown*.", year=None),
    case_study_record(slug="two", published=False, region=None, organisation=None),
    seminar_record(slug="sem", published=True),
    seminar_record(slug="sem-draft", published=False, lessons=[]),
]


def _empty_site():
    CaseStudyPage.objects.all().delete()
    SeminarPage.objects.all().delete()
    Organisation.objects.all().delete()


def test_export_writes_every_record_exactly_as_imported():
    import_lines(as_lines(*RECORDS))
    exported = [json.loads(line) for line in export_lines()]
    assert exported == RECORDS


def test_round_trip_into_an_empty_site_reproduces_the_same_content():
    import_lines(as_lines(*RECORDS))
    first = list(export_lines())
    _empty_site()
    report = import_lines(first)
    assert (report.created, report.rejections) == (len(RECORDS), [])
    assert list(export_lines()) == first


def test_export_kind_filter_and_command_output():
    import_lines(as_lines(*RECORDS))
    stdout = StringIO()
    call_command("export_content", "--kind", "seminar", stdout=stdout)
    lines = stdout.getvalue().splitlines()
    assert [json.loads(line)["slug"] for line in lines] == ["sem", "sem-draft"]


def _with_pending_draft(slug, title):
    page = CaseStudyPage.objects.get(slug=slug)
    page.title = title
    page.summary = "Unreviewed summary."
    page.save_revision()


def test_a_live_page_exports_its_published_content_not_its_pending_draft():
    import_lines(as_lines(case_study_record(slug="live", title="Published title")))
    _with_pending_draft("live", "Pending title")

    (record,) = [json.loads(line) for line in export_lines("case_study")]

    assert (record["title"], record["published"]) == ("Published title", True)
    assert record["summary"] != "Unreviewed summary."


def test_a_round_trip_never_publishes_a_pending_draft():
    import_lines(
        as_lines(
            case_study_record(slug="live", title="Published title"),
            case_study_record(slug="draft", title="First draft", published=False),
        )
    )
    _with_pending_draft("live", "Pending title")
    _with_pending_draft("draft", "Second draft")
    exported = list(export_lines("case_study"))
    _empty_site()

    report = import_lines(exported)

    assert report.rejections == []
    live = CaseStudyPage.objects.live()
    assert list(live.values_list("title", flat=True)) == ["Published title"]
    assert not live.filter(summary="Unreviewed summary.").exists()
    draft = CaseStudyPage.objects.get(slug="draft")
    assert not draft.live
    assert draft.get_latest_revision_as_object().title == "Second draft"
