"""The migration that removed the body's lesson block moved its content, losing nothing:
into the seminar's lessons (with slugs), or into a case study's text; revisions too."""

import importlib
import json

from django.apps import apps
from django.db import connection

import pytest

from casestudies.factories import case_study_record, seminar_record
from casestudies.models import CaseStudyPage, SeminarPage

pytestmark = pytest.mark.django_db

migration = importlib.import_module("casestudies.migrations.0005_lessons_out_of_bodies")

LESSON_BLOCK = {"type": "lesson", "value": {"title": "Pool budgets", "text": "Pool *them*."}}
MARKDOWN_BLOCK = {"type": "markdown", "value": "Intro.", "id": "m1"}


def _store_old_body(page, blocks):
    """Write a body as it was stored before the lesson block went (the field now drops it)."""
    table = page._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET body = %s::jsonb WHERE page_ptr_id = %s",  # noqa: S608
            [json.dumps(blocks), page.pk],
        )
    revision = page.get_latest_revision()
    revision.content["body"] = json.dumps(blocks)
    revision.save(update_fields=["content"])


def _migrate():
    with connection.schema_editor() as schema_editor:
        migration.forwards(apps, schema_editor)


def test_a_lesson_block_in_a_seminar_becomes_its_last_lesson(import_records):
    lessons = [{"title": "Listen first", "body": "Listen."}]
    import_records(seminar_record(slug="sem", lessons=lessons))
    page = SeminarPage.objects.get(slug="sem")
    _store_old_body(page, [MARKDOWN_BLOCK, LESSON_BLOCK])

    _migrate()

    page = SeminarPage.objects.get(slug="sem")
    assert [(b.block_type, b.value) for b in page.body] == [("markdown", "Intro.")]
    assert [(x.title, x.slug, x.body) for x in page.lessons.all()] == [
        ("Listen first", "listen-first", "Listen."),
        ("Pool budgets", "pool-budgets", "Pool *them*."),
    ]
    revised = page.get_latest_revision().as_object()
    assert [x.title for x in revised.lessons.all()] == ["Listen first", "Pool budgets"]
    assert [b.block_type for b in revised.body] == ["markdown"]


def test_a_lesson_block_in_a_case_study_becomes_a_heading_and_its_text(import_records):
    import_records(case_study_record(slug="cs", outcomes=[]))
    page = CaseStudyPage.objects.get(slug="cs")
    _store_old_body(page, [MARKDOWN_BLOCK, LESSON_BLOCK])

    _migrate()
    page = CaseStudyPage.objects.get(slug="cs")

    for version in (page, page.get_latest_revision().as_object()):
        assert [(b.block_type, b.value) for b in version.body] == [
            ("markdown", "Intro."),
            ("heading", "Pool budgets"),
            ("markdown", "Pool *them*."),
        ]


def test_lessons_without_slugs_get_them_from_their_titles_in_page_order(import_records):
    import_records(seminar_record(slug="sem"))
    page = SeminarPage.objects.get(slug="sem")
    page.lessons.update(slug="")

    _migrate()

    assert list(page.lessons.values_list("slug", flat=True)) == [
        "listen-first",
        "lead-from-behind",
        "pool-budgets",
    ]
