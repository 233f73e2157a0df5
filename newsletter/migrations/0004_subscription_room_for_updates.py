"""Every digest run rewrites each due subscription's `last_run_at`. On PostgreSQL, pages
kept 30% empty let each of those updates stay on its page and skip the table's four
indexes (a heap-only tuple update): about three times cheaper a row."""

from django.db import migrations

TABLE = "newsletter_subscription"


def leave_room(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (fillfactor = 70)")


def fill_pages(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0003_digest_items_on_deliveries"),
    ]

    operations = [migrations.RunPython(leave_room, fill_pages)]
