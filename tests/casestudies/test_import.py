"""import_content: good lines, bad lines with their numbers, dry runs, updates by slug."""

import json
from io import StringIO

from django.core.management import CommandError, call_command

from wagtail.models import Page

import pytest

from casestudies.factories import as_lines, case_study_record, seminar_record
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyPage, SeminarPage
from taxonomy.models import Organisation

pytestmark = pytest.mark.django_db


def test_import_creates_published_pages_and_organisations():
    report = import_lines(as_lines(case_study_record(slug="a"), seminar_record(slug="s")))
    assert (report.created, report.updated, report.rejections) == (2, 0, [])
    page = CaseStudyPage.objects.get(slug="a")
    assert page.live
    assert page.lead_organisation.organisation_type.slug == "council"
    assert page.lead_organisation.sector.slug == "public"
    assert [p.name for p in page.partner_organisations.all()] == ["Riverside Community Trust"]
    assert [s.slug for s in page.stages.all()] == ["procurement"]
    assert [lesson.anchor for lesson in SeminarPage.objects.get(slug="s").lessons.all()] == [
        "lesson-listen-first",
        "lesson-lead-from-behind",
        "lesson-pool-budgets",
    ]


def test_unpublished_records_are_kept_as_drafts():
    import_lines(as_lines(case_study_record(slug="draft", published=False)))
    page = CaseStudyPage.objects.get(slug="draft")
    assert not page.live
    assert page.get_latest_revision() is not None


def test_reimport_updates_by_slug_and_can_unpublish():
    import_lines(as_lines(case_study_record(slug="a", title="First")))
    report = import_lines(as_lines(case_study_record(slug="a", title="Second", published=False)))
    assert (report.created, report.updated) == (0, 1)
    page = CaseStudyPage.objects.get(slug="a")
    assert (page.title, page.live) == ("Second", False)
    assert CaseStudyPage.objects.count() == 1


def test_existing_organisation_is_reused_not_duplicated():
    organisation = {"name": "Lambeth Council", "type": "council"}
    import_lines(as_lines(case_study_record(organisation=organisation)))
    import_lines(as_lines(case_study_record(organisation=organisation)))
    assert Organisation.objects.filter(name="Lambeth Council").count() == 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "Line 2: the line is not valid JSON"),
        ('["a list"]', "Line 2: the line must be a JSON object."),
        (json.dumps({"type": "webinar"}), "Line 2: type 'webinar' is not one of the allowed"),
        (
            json.dumps(case_study_record(region="atlantis")),
            "Line 2: region 'atlantis' is not one of the allowed values: north-east,",
        ),
        (
            json.dumps(case_study_record(stages=["buying"])),
            "Line 2: stages 'buying' is not one of the allowed values: needs-and-assets,",
        ),
        (
            json.dumps(case_study_record(partners=[{"name": "X", "type": "pub"}])),
            "Line 2: partners[1].type 'pub' is not one of the allowed values",
        ),
        (
            json.dumps(case_study_record(partner_names=[{"name": "X"}])),
            "Line 2: partner_names must be a list of strings of 1 to 255 characters.",
        ),
        (json.dumps(case_study_record(title="")), "Line 2: title is missing"),
        (json.dumps(case_study_record(title="   ")), "Line 2: title is missing"),
        (json.dumps(case_study_record(summary=7)), "Line 2: summary must be a string."),
        (json.dumps(case_study_record(year="2013")), "Line 2: year must be a whole number"),
        (json.dumps(case_study_record(slug="no spaces")), "Line 2: slug 'no spaces' may contain"),
        (json.dumps(case_study_record(colour="red")), "Line 2: unknown field 'colour'"),
        (
            json.dumps(case_study_record(sources=[{"title": "x", "url": "javascript:alert(1)"}])),
            "Line 2: sources[1].url 'javascript:alert(1)' is not a web address.",
        ),
        (json.dumps(seminar_record(date="14/03/2013")), "Line 2: date '14/03/2013' must be a date"),
        (
            json.dumps(seminar_record(lessons=[{"title": "t", "themes": ["x"]}])),
            "Line 2: lessons[1].themes 'x' is not one of the allowed values",
        ),
    ],
)
def test_bad_line_is_reported_with_its_number_and_writes_nothing(line, message):
    good = json.dumps(case_study_record(slug="good"))
    report = import_lines([good, line, ""])
    (rejection,) = report.rejections
    assert str(rejection).startswith(message)
    assert report.created == 1
    assert list(CaseStudyPage.objects.values_list("slug", flat=True)) == ["good"]


def test_a_case_study_and_a_seminar_may_share_a_slug():
    import_lines(as_lines(case_study_record(slug="shared")))
    report = import_lines(as_lines(seminar_record(slug="shared")))
    assert (report.created, report.rejections) == (1, [])
    assert (
        SeminarPage.objects.get(slug="shared").url != CaseStudyPage.objects.get(slug="shared").url
    )


def test_dry_run_writes_nothing_at_all(tmp_path):
    path = tmp_path / "content.jsonl"
    path.write_text("\n".join(as_lines(case_study_record(), seminar_record())) + "\n")
    pages_before = Page.objects.count()
    stdout = StringIO()
    call_command("import_content", str(path), "--dry-run", stdout=stdout)
    assert "Would import 2 (2 new, 0 updated); rejected 0." in stdout.getvalue()
    assert Page.objects.count() == pages_before
    assert not Organisation.objects.exists()


def test_command_exits_non_zero_and_names_each_rejected_line(tmp_path):
    path = tmp_path / "content.jsonl"
    path.write_text("\n".join([json.dumps(case_study_record()), "{", '{"type": 1}']) + "\n")
    stderr = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_content", str(path), stderr=stderr, stdout=StringIO())
    assert raised.value.returncode == 1
    assert "Line 2: the line is not valid JSON" in stderr.getvalue()
    assert "Line 3: type 1 is not one of the allowed values" in stderr.getvalue()
    assert CaseStudyPage.objects.count() == 1


def test_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match=r"Cannot read /nonexistent\.jsonl"):
        call_command("import_content", "/nonexistent.jsonl")


def test_short_fields_are_trimmed_and_markdown_is_kept_exactly():
    body = "    indented code\n\n- a list  \n"
    import_lines(as_lines(case_study_record(slug="t", title="  Padded title ", body=body)))
    page = CaseStudyPage.objects.get(slug="t")
    assert page.title == "Padded title"
    assert page.body[0].value == body


def test_imported_text_loses_control_characters_and_titles_their_line_breaks(import_records):
    import_records(
        case_study_record(
            slug="controls",
            title="Ctlchar\x0b title\r\nsplit",
            summary="First line\r\nsecond\x00 line",
            body="Para\x0bgraph\r\n\r\nNext",
            tags=["tag\x1f one"],
        )
    )

    page = CaseStudyPage.objects.get(slug="controls")
    assert page.title == "Ctlchar  title split"
    assert page.summary == "First line\nsecond  line"
    assert "Para graph\n\nNext" in page.prose_markdown()
    assert [tag.name for tag in page.tags.all()] == ["tag  one"]
