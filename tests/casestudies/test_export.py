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
from tests.factories.members import ProfileFactory

pytestmark = pytest.mark.django_db

RECORDS = [
    case_study_record(slug="one", body="## Heading\n\nSome *Markdown*.", year=None),
    case_study_record(
        slug="two",
        published=False,
        region=None,
        organisation=None,
        partner_names=["Brand New Partnership"],
    ),
    seminar_record(slug="sem", published=True),
    seminar_record(slug="sem-draft", published=False, lessons=[]),
]


def _empty_site():
    CaseStudyPage.objects.all().delete()
    SeminarPage.objects.all().delete()
    Organisation.objects.all().delete()


def _pages(lines) -> list[dict]:
    return [record for record in map(json.loads, lines) if record["type"] != "organisation"]


def test_export_writes_every_record_exactly_as_imported():
    import_lines(as_lines(*RECORDS))
    assert _pages(export_lines()) == RECORDS


def test_organisations_export_first_with_their_identifiers():
    import_lines(as_lines(*RECORDS))
    lines = [json.loads(line) for line in export_lines()]
    organisations = [line for line in lines if line["type"] == "organisation"]
    assert lines[: len(organisations)] == organisations
    assert {o["name"]: o["org_id"] for o in organisations} == {
        RECORDS[0]["organisation"]["name"]: RECORDS[0]["organisation"]["org_id"],
        "Riverside Community Trust": "",
    }


def test_round_trip_into_an_empty_site_reproduces_the_same_content():
    import_lines(as_lines(*RECORDS))
    first = list(export_lines())
    _empty_site()
    report = import_lines(first)
    assert (report.created, report.rejections) == (len(first), [])
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


def test_the_contributor_goes_out_and_comes_back_by_profile_address():
    member = ProfileFactory(slug="nia-okafor")
    record = case_study_record(
        slug="credited", contributor="nia-okafor", contributed=True, licence="CC-BY-4.0"
    )
    former = case_study_record(slug="left", contributed=True, licence="CC-BY-4.0")
    import_lines(as_lines(record, former))
    first = list(export_lines("case_study"))
    assert [json.loads(line) for line in first] == [record, former]
    _empty_site()
    report = import_lines(first)
    assert (report.created, report.rejections) == (2, [])
    credited, left = CaseStudyPage.objects.order_by("slug")
    assert (credited.contributor, credited.is_contribution) == (member, True)
    assert (left.contributor, left.is_contribution) == (None, True)  # "a former member"
    assert list(export_lines("case_study")) == first


def test_an_unknown_contributor_is_a_line_error_that_writes_nothing():
    report = import_lines(as_lines(case_study_record(slug="orphan", contributor="nobody-here")))
    assert report.imported == 0
    assert [str(r) for r in report.rejections] == [
        "Line 1: contributor 'nobody-here' is not a member of this site (no profile has that "
        'address). Add the member first, or set contributor to null and "contributed" to '
        'true to credit "a former member".'
    ]
    assert not CaseStudyPage.objects.filter(slug="orphan").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"contributor": "Not A Slug"}, "contributor 'Not A Slug' must be a member's profile"),
        ({"licence": "all-rights"}, "licence 'all-rights' is not one of the allowed values"),
        ({"contributed": "yes"}, "contributed must be true or false."),
    ],
)
def test_a_malformed_credit_is_reported(fields, message):
    report = import_lines(as_lines(case_study_record(**fields)))
    assert message in str(report.rejections[0])
