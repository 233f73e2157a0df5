"""What search keeps in the database: the documents the database backend reads, and the
outbox of index updates that Elasticsearch has not taken yet.

Both are derived from the content and can be rebuilt (`search_index rebuild`)."""

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
