"""A lesson's link is #lesson-<slug>: made from its title, editable, unique in its seminar,
and kept when the lesson is renamed or moved, in the page, the index and the import format."""

import json
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html

import pytest

from casestudies.factories import as_lines, case_study_record, seminar_record
from casestudies.importexport.exporter import export_lines
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyPage, SeminarPage
from casestudies.search_documents import LessonDocument

pytestmark = pytest.mark.django_db

OLD_SHAPE_LESSONS = [
    {"title": "Listen first", "body": "Listen.", "themes": [], "stages": []},
    {"title": "Listen first", "body": "Again.", "themes": [], "stages": []},
    {"title": "2020", "body": "A year.", "themes": [], "stages": []},
]


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_superuser("lesson-editor", "le@example.org", "pw")
    client.force_login(editor)
    return client


def _slugs(slug="sem"):
    return [lesson.slug for lesson in SeminarPage.objects.get(slug=slug).lessons.all()]


def _lesson_urls(page):
    kind = LessonDocument()
    return {doc.title: doc.url for doc in kind.documents(page, kind.prepare([page]))}


def _edit_form(editor_client, page):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == HTTPStatus.OK
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The body is drawn by JavaScript, so the form's HTML does not hold it.
    data.update({"body-count": "0", "action-publish": "action-publish"})
    return data


def _publish(editor_client, page, data):
    return editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_an_import_in_the_old_shape_gives_each_lesson_a_unique_slug_from_its_title(
    import_records,
):
    import_records(seminar_record(slug="sem", lessons=OLD_SHAPE_LESSONS))

    assert _slugs() == ["listen-first", "listen-first-2", "2020-lesson"]


def test_an_import_in_the_new_shape_keeps_the_slugs_it_gives(import_records):
    lessons = [{**lesson, "slug": f"own-{n}"} for n, lesson in enumerate(OLD_SHAPE_LESSONS)]
    import_records(seminar_record(slug="sem", lessons=lessons))

    assert _slugs() == ["own-0", "own-1", "own-2"]


@pytest.mark.parametrize("slug", ["Has Capitals", "3", "under_score", "-dash"])
def test_an_import_refuses_a_lesson_slug_that_is_not_a_link(slug):
    lesson = {"title": "Listen", "slug": slug, "body": ""}

    report = import_lines(as_lines(seminar_record(slug="sem", lessons=[lesson])))

    assert [str(r) for r in report.rejections] == [
        f"Line 1: lessons[1].slug {slug!r} may contain only lower-case letters, numbers and "
        "hyphens, and not numbers alone."
    ]


def test_re_importing_the_old_shape_keeps_each_lessons_slug(import_records):
    lessons = [{"title": "Listen first", "slug": "listening", "body": ""}]
    import_records(seminar_record(slug="sem", lessons=lessons))

    import_records(seminar_record(slug="sem", lessons=[{"title": "Listen first", "body": ""}]))

    assert _slugs() == ["listening"]


def test_export_writes_each_lessons_slug(import_records):
    import_records(seminar_record(slug="sem", lessons=OLD_SHAPE_LESSONS))

    (line,) = export_lines("seminar")

    assert [lesson["slug"] for lesson in json.loads(line)["lessons"]] == _slugs()


def test_a_case_studys_lessons_in_the_old_shape_become_headings_in_its_body(import_records):
    lessons = [{"title": "Start with residents", "body": "Ask before you buy."}]
    import_records(case_study_record(slug="cs", body="Intro.", lessons=lessons))

    page = CaseStudyPage.objects.get(slug="cs")
    (line,) = export_lines("case_study")

    assert [
        (block.block_type, block.value) for block in page.body if block.block_type != "outcome"
    ] == [
        ("markdown", "Intro."),
        ("heading", "Start with residents"),
        ("markdown", "Ask before you buy."),
    ]
    record = json.loads(line)
    assert "lessons" not in record
    assert record["body"] == "Intro.\n\n## Start with residents\n\nAsk before you buy."


def test_renaming_and_reordering_lessons_in_the_editor_keeps_their_links(
    import_records, editor_client
):
    import_records(seminar_record(slug="sem"))
    page = SeminarPage.objects.get(slug="sem")
    before = _lesson_urls(page)
    data = _edit_form(editor_client, page)
    data["lessons-0-title"] = "Listen before you buy"
    data["lessons-0-ORDER"], data["lessons-2-ORDER"] = "3", "1"

    response = _publish(editor_client, page, data)

    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    page = SeminarPage.objects.get(slug="sem")
    lessons = list(page.lessons.all())
    assert [(lesson.title, lesson.slug) for lesson in lessons] == [
        ("Pool budgets", "pool-budgets"),
        ("Lead from behind", "lead-from-behind"),
        ("Listen before you buy", "listen-first"),
    ]
    after = _lesson_urls(page)
    assert after["Listen before you buy"] == before["Listen first"]
    assert after["Pool budgets"] == before["Pool budgets"]
    html = editor_client.get(page.url).content.decode()
    assert 'id="lesson-listen-first"' in html


def test_a_new_lesson_left_without_a_slug_gets_one_from_its_title(import_records, editor_client):
    import_records(seminar_record(slug="sem"))
    page = SeminarPage.objects.get(slug="sem")
    data = _edit_form(editor_client, page)
    data.update(
        {
            "lessons-TOTAL_FORMS": "4",
            "lessons-3-title": "Pool budgets",
            "lessons-3-slug": "",
            "lessons-3-body": "Pool them again.",
            "lessons-3-ORDER": "4",
            "lessons-3-id": "",
            "lessons-3-DELETE": "",
        }
    )

    response = _publish(editor_client, page, data)

    assert response.status_code == HTTPStatus.FOUND
    assert _slugs() == ["listen-first", "lead-from-behind", "pool-budgets", "pool-budgets-2"]


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("listen-first", "Another lesson of this seminar already has the link"),
        ("12", "A link of digits only reads as a lesson&#x27;s number"),
    ],
)
def test_the_editor_refuses_a_slug_another_lesson_has_or_one_of_digits_only(
    import_records, editor_client, slug, message
):
    import_records(seminar_record(slug="sem"))
    page = SeminarPage.objects.get(slug="sem")
    data = _edit_form(editor_client, page)
    data["lessons-1-slug"] = slug

    response = _publish(editor_client, page, data)

    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert _slugs() == ["listen-first", "lead-from-behind", "pool-budgets"]
