"""The entries' full-text vector and its GIN index, for the database backend on
PostgreSQL. On SQLite the column stays empty and no index is made (SQLite has no GIN);
on PostgreSQL the existing entries get a vector of their title, summary and body at once,
and `search_index rebuild` writes the full one (with organisations, people, tags and
topics).

Both columns that every search reads from each matching row, the vector and the facet
tokens, are kept in the row itself (storage MAIN) rather than compressed or moved out of
it: left to the default, PostgreSQL moves the vector out of a row this wide, and each
reading of it then costs a lookup of its own; the long texts (the body, the text for the
simple path) are moved out instead.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

KEEP_IN_ROW = """
    ALTER TABLE search_entry
        ALTER COLUMN search_vector SET STORAGE MAIN,
        ALTER COLUMN facet_tokens SET STORAGE MAIN
"""
FILL = """
    UPDATE search_entry SET search_vector =
        setweight(to_tsvector('simple', coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(summary, '')), 'B')
        || setweight(to_tsvector('simple', coalesce(body, '')), 'C')
"""


def on_postgresql(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """The index in the model's state everywhere, in the database only on PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if on_postgresql(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if on_postgresql(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def fill(apps, schema_editor):
    if on_postgresql(schema_editor):
        schema_editor.execute(KEEP_IN_ROW)
        schema_editor.execute(FILL)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_spelling_vocabulary_and_illustrative"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        AddIndexOnPostgreSQL(
            model_name="entry",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="search_entry_vector_idx"
            ),
        ),
    ]
