"""What the migrations left in the test database, put back by COPY after each test that commits.

A test that commits for real (live_server, transactional_db) ends with every table emptied,
and with serialized rollback Django then puts back what the migrations created by saving,
one at a time, each object of a JSON dump taken when the test database was made. Here the
same rows, of the same tables, are copied once with PostgreSQL's COPY when the test
database is ready, and copied back in one transaction instead: the same content, in a
fraction of the time.

Only the tables Django's serialized rollback restores are copied (those of the models
`serialize_db_to_string` writes out, with their many-to-many tables), so a test sees
exactly what it saw before.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import connections, router, transaction
from django.db.migrations.loader import MigrationLoader


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: bytes


def serialized_tables(connection) -> list[str]:
    """The tables whose rows `serialize_db_to_string` writes out, as it chooses them."""
    loader = MigrationLoader(connection)
    tables = set()
    for app_config in apps.get_app_configs():
        if (
            app_config.models_module is None
            or app_config.label not in loader.migrated_apps
            or app_config.name in settings.TEST_NON_SERIALIZED_APPS
        ):
            continue
        for model in app_config.get_models():
            if not (
                model._meta.can_migrate(connection)
                and router.allow_migrate_model(connection.alias, model)
            ):
                continue
            tables.add(model._meta.db_table)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                if through._meta.auto_created:
                    tables.add(through._meta.db_table)
    return sorted(tables)


def _columns(cursor, table: str) -> tuple[str, ...]:
    """The columns COPY can write (not the generated ones), in their order."""
    cursor.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
        "AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
        [table],
    )
    return tuple(row[0] for row in cursor.fetchall())


def take(connection) -> tuple[Table, ...]:
    """The rows of every table serialized rollback restores, as COPY writes them."""
    return take_tables(connection, serialized_tables(connection))


def take_tables(connection, names) -> tuple[Table, ...]:
    """The rows of these tables (those that have any), as COPY writes them."""
    quote = connection.ops.quote_name
    taken = []
    with connection.cursor() as cursor:
        for name in sorted(names):
            columns = _columns(cursor, name)
            listed = ", ".join(quote(column) for column in columns)
            rows = bytearray()
            with cursor.cursor.copy(f"COPY {quote(name)} ({listed}) TO STDOUT") as copy:
                for block in copy:
                    rows += block
            if rows:
                taken.append(Table(name, columns, bytes(rows)))
    return tuple(taken)


def same_rows(these: tuple[Table, ...], those: tuple[Table, ...]) -> bool:
    """Whether two copies hold the same rows, in whatever order the tables return them."""

    def rows(tables):
        return {table.name: sorted(table.rows.splitlines()) for table in tables}

    return rows(these) == rows(those)


def emptied(connection, tables: tuple[Table, ...]) -> bool:
    """Whether none of these tables holds a row (as after a flush), so that COPY can put
    them back; otherwise serialized rollback's update-or-insert of each object is needed."""
    quote = connection.ops.quote_name
    # Table names come from the models, quoted; nothing from outside.
    anything = " OR ".join(
        f"EXISTS (SELECT 1 FROM {quote(table.name)})"  # noqa: S608
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {anything or 'false'}")
        return not cursor.fetchone()[0]


def replace(connection, emptied_first, tables: tuple[Table, ...]) -> None:
    """Empty the tables named in `emptied_first` (none: they are empty already), then copy
    these rows into theirs, in one transaction (`emptying` defers the foreign keys, all
    deferrable, to its commit)."""
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for statement in emptying(connection, emptied_first):
            cursor.execute(statement)
        for table in tables:
            listed = ", ".join(quote(column) for column in table.columns)
            with cursor.cursor.copy(f"COPY {quote(table.name)} ({listed}) FROM STDIN") as copy:
                copy.write(table.rows)


def emptying(connection, tables) -> list[str]:
    """Statements that empty these tables as the flush after a committing test does, by
    DELETE in one transaction rather than TRUNCATE: on tables of a few rows, TRUNCATE's new
    files for every table and index cost far more than deleting the rows. The foreign keys
    are checked when the transaction commits, so the order does not matter."""
    quote = connection.ops.quote_name
    deletes = [f"DELETE FROM {quote(table)}" for table in tables]  # noqa: S608
    return ["SET CONSTRAINTS ALL DEFERRED", *deletes]


def seed_once(seeded: dict, seed) -> bool:
    """Call `seed` (which fills the database and commits) the first time; on later calls,
    when the database holds the same rows as before the first, copy back the rows `seed`
    left instead (and call it again otherwise). `seeded` keeps those rows between calls.
    Returns whether the rows were copied back."""
    connection = connections["default"]
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    before = take_tables(connection, tables)
    if seeded and same_rows(seeded["before"], before):
        replace(connection, tables, seeded["after"])
        return True
    seed()
    seeded.update(before=before, after=take_tables(connection, tables))
    return False
