"""What search keeps in the database: the documents the database backend reads and the
outbox of index updates that Elasticsearch has not taken yet (both derived from the
content, rebuilt by `search_index rebuild`); the searches made and the results opened,
counted for editors without anything about who made them. The pages editors recommend
for a query are Wagtail's search promotions (`promotions.py`)."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class Entry(models.Model):
    """One search document as the database backend reads it: the same documents as the
    Elasticsearch index, written by the same indexing code."""

    doc_id = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=40)
    source = models.CharField(max_length=120, db_index=True)
    title = models.TextField()
    url = models.TextField()
    slug = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Text for matching, lower-cased and without punctuation (`synonyms.normalise`): the
    # title alone, and everything searchable.
    search_title = models.TextField()
    search_text = models.TextField()
    # On PostgreSQL, the weighted full-text vector of the same text (title A, summary B,
    # the rest C; `backends/full_text.py`), written with the entry; empty on SQLite, whose
    # path reads `search_text`. Its GIN index exists on PostgreSQL only (migration 0007).
    search_vector = SearchVectorField(null=True)
    # What it means: the document's vector (`vectors.py`) as float32 bytes, which the
    # database backend reads into a matrix of its own (`backends/meaning.py`).
    meaning = models.BinaryField(null=True)
    # Every facet value, kind and year included, as space-separated `facet:value` tokens:
    # counting facets over many rows reads this far faster than JSON.
    facet_tokens = models.TextField(blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    published_at = models.DateTimeField(null=True)
    visibility = models.CharField(max_length=20, db_index=True)
    # An invented example rather than a real account: every listing labels it.
    illustrative = models.BooleanField(default=False)
    fingerprint = models.CharField(max_length=40)

    class Meta:
        verbose_name_plural = "entries"
        indexes = [GinIndex(fields=["search_vector"], name="search_entry_vector_idx")]

    def __str__(self) -> str:
        return self.doc_id


class SpellingWord(models.Model):
    """A word of the public documents' text, and in how many public entries it appears:
    the vocabulary from which the database backend corrects misspelt queries
    (`spelling.py`). Kept by the same writes as the entries; only public documents teach
    it words, so a members-only name is never offered to anyone."""

    word = models.CharField(max_length=40, unique=True)
    length = models.PositiveSmallIntegerField()
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["length"], name="search_spelling_length_idx")]

    def __str__(self) -> str:
        return self.word


class OutboxItem(models.Model):
    """A source changed in the database whose documents the index does not hold yet.

    The row is written in the same transaction as the change, so it exists from the
    moment the change commits until the index has taken it: searches leave the source's
    documents out meanwhile, and the replayer retries it while Elasticsearch is down.
    `version` grows with every change, so a refresh removes the row only when no newer
    change arrived while it ran. `entries_current` says the database backend's entries
    already hold the change (they are written first, and need no Elasticsearch)."""

    source = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveBigIntegerField(default=1)
    entries_current = models.BooleanField(default=False)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["entries_current"], name="search_outbox_entries_idx")]

    def __str__(self) -> str:
        return self.source


class LoggedSearch(models.Model):
    """One search someone made, as editors' insights count it: what was asked and what
    came back, never who asked. No user, address, IP, session or exact time is kept; the
    day is enough for weekly trends. `search_insights.record` writes it; rows older than
    SEARCH_INSIGHTS_RETENTION_DAYS go with `manage.py prune_search_log`."""

    day = models.DateField(db_index=True)
    query = models.CharField(max_length=200, blank=True)  # normalised: see insights.normalise
    filters = models.TextField(blank=True)  # "facet=value&…", sorted, the page's fixed ones too
    surface = models.CharField(max_length=200)  # the path searched: /search/, /members/, …
    total = models.PositiveIntegerField()
    backend = models.CharField(max_length=20)  # "elasticsearch" or "database"

    class Meta:
        verbose_name_plural = "logged searches"
        default_permissions = ()
        permissions = [("view_search_insights", "Can see search insights")]
        indexes = [models.Index(fields=["query", "day"], name="search_logged_query_day_idx")]

    def __str__(self) -> str:
        return f"{self.day}: {self.query or '(no words)'}"


class OpenedResult(models.Model):
    """A result someone opened from a results page (`insights.record_opened`): which query,
    which result at which position, on which day. Nothing about the person."""

    day = models.DateField(db_index=True)
    query = models.CharField(max_length=200, blank=True)
    surface = models.CharField(max_length=200)
    url = models.TextField()
    position = models.PositiveSmallIntegerField()
    # SHA-256 of the signed token the result was opened with: one token counts once.
    # Rows from before it was kept have none.
    token_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        default_permissions = ()
        indexes = [models.Index(fields=["query", "day"], name="search_opened_query_day_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["token_digest"],
                condition=~models.Q(token_digest=""),
                name="search_opened_token_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.query} → {self.url}"
