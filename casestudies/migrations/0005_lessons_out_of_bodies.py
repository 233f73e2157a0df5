"""Lessons get their slugs, and the body's "lesson" block goes.

Every lesson gets a slug from its title, unique in its seminar, in page order: its link
becomes #lesson-<slug> (the page still answers the old #lesson-<position>). A "lesson"
block in a seminar's write-up becomes a lesson of the seminar, after its other lessons;
in a case study it becomes plain text, a heading with the lesson's Markdown below it.
Saved revisions (drafts, history) change the same way, so nothing is lost when one is
published or compared. The slug rule is copied here, as migrations must not import the
app's code.
"""

import json
import re
import uuid

from django.db import migrations
from django.utils.text import slugify

NUMBERED = re.compile(r"^\d+$")
SHORT_SLUG = 50


def _slug(title, taken):
    base = slugify(title)
    if len(base) > SHORT_SLUG:  # cut at a word, so the link stays readable
        base = base[: SHORT_SLUG + 1].rsplit("-", 1)[0]
    base = base.strip("-") or "lesson"
    if NUMBERED.match(base):
        base = f"{base}-lesson"
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(slug)
    return slug


def _blocks(raw):
    if isinstance(raw, str):
        raw = json.loads(raw or "[]")
    return list(raw or [])


def _split(raw):
    """(the body without lesson blocks, the lessons as (title, text))."""
    kept, lessons = [], []
    for block in _blocks(raw):
        if block.get("type") == "lesson":
            value = block.get("value") or {}
            lessons.append((value.get("title") or "Lesson", value.get("text") or ""))
        else:
            kept.append(block)
    return kept, lessons


def _as_text(raw):
    """A case study's body with each lesson block as a heading and its Markdown."""
    body = []
    for block in _blocks(raw):
        if block.get("type") != "lesson":
            body.append(block)
            continue
        value = block.get("value") or {}
        body.append({"type": "heading", "value": value.get("title") or "", "id": block.get("id")})
        if value.get("text"):
            body.append({"type": "markdown", "value": value["text"], "id": str(uuid.uuid4())})
    return body


def _rows(schema_editor, model):
    table = schema_editor.connection.ops.quote_name(model._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT page_ptr_id, body FROM {table}")  # noqa: S608 (a table name)
        return cursor.fetchall()


def _has_lesson(raw):
    return any(block.get("type") == "lesson" for block in _blocks(raw))


def forwards(apps, schema_editor):
    SeminarPage = apps.get_model("casestudies", "SeminarPage")
    SeminarLesson = apps.get_model("casestudies", "SeminarLesson")
    CaseStudyPage = apps.get_model("casestudies", "CaseStudyPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    slugs = {}  # page pk -> the slugs its lessons have
    for lesson in SeminarLesson.objects.order_by("page_id", "sort_order", "pk"):
        taken = slugs.setdefault(lesson.page_id, set())
        if lesson.slug:
            taken.add(lesson.slug)
        else:
            lesson.slug = _slug(lesson.title, taken)
            lesson.save(update_fields=["slug"])

    for pk, raw in _rows(schema_editor, SeminarPage):
        if not _has_lesson(raw):
            continue
        body, lessons = _split(raw)
        taken = slugs.setdefault(pk, set())
        start = SeminarLesson.objects.filter(page_id=pk).count()
        for position, (title, text) in enumerate(lessons, start=start):
            SeminarLesson.objects.create(
                page_id=pk, sort_order=position, title=title, body=text, slug=_slug(title, taken)
            )
        SeminarPage.objects.filter(pk=pk).update(body=body)

    for pk, raw in _rows(schema_editor, CaseStudyPage):
        if _has_lesson(raw):
            CaseStudyPage.objects.filter(pk=pk).update(body=_as_text(raw))

    by_pk = dict(SeminarLesson.objects.values_list("pk", "slug"))
    for model, name in ((SeminarPage, "seminarpage"), (CaseStudyPage, "casestudypage")):
        content_type = ContentType.objects.filter(app_label="casestudies", model=name).first()
        if content_type is None:
            continue
        for revision in Revision.objects.filter(content_type=content_type).iterator():
            if _revised(revision.content, name, by_pk):
                revision.save(update_fields=["content"])


def _revised(content, name, by_pk):
    """Bring one revision's content to the new shape; True when it changed."""
    changed = False
    raw = content.get("body")
    if name == "casestudypage":
        if raw and _has_lesson(raw):
            content["body"] = json.dumps(_as_text(raw))
            changed = True
        return changed
    lessons = content.get("lessons") or []
    taken = {lesson.get("slug") for lesson in lessons if lesson.get("slug")}
    for lesson in lessons:
        if not lesson.get("slug"):
            known = by_pk.get(lesson.get("pk"))
            lesson["slug"] = known if known and known not in taken else ""
            lesson["slug"] = lesson["slug"] or _slug(lesson.get("title") or "", taken)
            taken.add(lesson["slug"])
            changed = True
    if raw and _has_lesson(raw):
        body, extra = _split(raw)
        for title, text in extra:
            lessons.append(
                {
                    "pk": None,
                    "sort_order": len(lessons),
                    "title": title,
                    "slug": _slug(title, taken),
                    "body": text,
                    "themes": [],
                    "stages": [],
                }
            )
        content["body"] = json.dumps(body)
        content["lessons"] = lessons
        changed = True
    return changed


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0004_lesson_slugs_and_plainer_editor_fields"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
