"""`manage.py search_index rebuild|sync|status`: look after the search index."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tqdm import tqdm

from search import indexing
from search.client import explain, is_configured
from search.index import IndexSetupError
from search.indexing import INDEXING_ERRORS


class Command(BaseCommand):
    help = (
        "rebuild: fill a new index from the database and swap the alias to it; "
        "sync: replay the outbox and reconcile the index with the database; "
        "status: documents per kind in the database and the index, the outbox length, "
        "the cluster's health and which nodes answer."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "sync", "status"])
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show a progress bar."
        )
        parser.add_argument(
            "--only",
            choices=["elasticsearch", "database"],
            help="rebuild: only the Elasticsearch index, or only the database backend's entries.",
        )

    def handle(self, *args, action, no_progress, only, **options):
        self.only = only
        try:
            getattr(self, action)(progress=not no_progress)
        except IndexSetupError as error:
            raise CommandError(str(error)) from error
        except INDEXING_ERRORS as error:
            raise CommandError(
                f"{explain(error)} Nothing in the database changed; start Elasticsearch, "
                "or check the ELASTICSEARCH_ settings, and run this again."
            ) from error

    def rebuild(self, progress):
        if self.only != "elasticsearch":
            count = indexing.rebuild_entries()
            self.stdout.write(f"Database backend: {count} documents.")
        if self.only == "database":
            return
        if not is_configured():
            self.stdout.write("ELASTICSEARCH_URL is not set: no Elasticsearch index to rebuild.")
            return
        with tqdm(
            total=indexing.expected_count(),
            unit="doc",
            desc="Indexing",
            disable=not progress,
            file=self.stderr,
        ) as bar:
            indexed = indexing.rebuild_index(progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Elasticsearch: {indexed} documents indexed."))

    def sync(self, progress):
        if is_configured():
            replayed = indexing.replay_outbox()  # waits while the replayer has the outbox
            self.stdout.write(f"Outbox: {replayed} changes replayed.")
        for store, changes in indexing.reconcile().items():
            if not changes:
                self.stdout.write(f"{store}: nothing to change.")
                continue
            for action in ("added", "updated", "removed"):
                for kind, count in sorted(getattr(changes, action).items()):
                    self.stdout.write(f"{store}: {action} {count} {kind} documents.")

    def status(self, progress):
        state = indexing.status()
        kinds = sorted({*state.database, *state.entries, *(state.index or {})})
        self.stdout.write(f"{'kind':<14}{'database':>10}{'entries':>10}{'index':>10}")
        for kind in kinds:
            in_index = "-" if state.index is None else state.index.get(kind, 0)
            self.stdout.write(
                f"{kind:<14}{state.database.get(kind, 0):>10}"
                f"{state.entries.get(kind, 0):>10}{in_index:>10}"
            )
        if state.health:
            self.stdout.write(f"Cluster: {state.health}")
        for node in state.nodes:
            self.stdout.write(f"Node {node}")
        self.stdout.write(f"Index: {state.index_name or '-'}")
        self.stdout.write(f"Outbox: {state.outbox} waiting{_oldest(state.oldest_waiting)}")
        if state.problem:
            self.stdout.write(self.style.WARNING(state.problem))


def _oldest(when) -> str:
    if when is None:
        return ""
    return f", the oldest for {int((timezone.now() - when).total_seconds())} s"
