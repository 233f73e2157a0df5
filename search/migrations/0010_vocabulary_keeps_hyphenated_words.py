"""The spelling vocabulary keeps the public documents' hyphenated words whole too
("co-production" beside "production"): they tell which words a query may write solid
("coproduction") or in parts, and such a word is never "corrected". The entries written
before keep their text, so their hyphenated words are counted here, with the rule of
`spelling.words_in` as it stands now; `search_index rebuild` counts the same."""

import re
from collections import Counter

from django.db import migrations

HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
MIN_LENGTH, MAX_LENGTH = 4, 40
PUBLIC = "public"


def count_hyphenated_words(apps, schema_editor):
    Entry = apps.get_model("search", "Entry")
    SpellingWord = apps.get_model("search", "SpellingWord")
    counts: Counter = Counter()
    texts = Entry.objects.filter(visibility=PUBLIC).values_list("search_text", flat=True)
    for text in texts.iterator(chunk_size=2_000):
        found = set(HYPHENATED.findall(text.lower()))
        counts.update(word for word in found if MIN_LENGTH <= len(word) <= MAX_LENGTH)
    SpellingWord.objects.bulk_create(
        (SpellingWord(word=word, length=len(word), documents=n) for word, n in counts.items()),
        batch_size=500,
        ignore_conflicts=True,
    )


def forget_hyphenated_words(apps, schema_editor):
    SpellingWord = apps.get_model("search", "SpellingWord")
    SpellingWord.objects.filter(word__contains="-").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0009_promotions_on_wagtails_models"),
    ]

    operations = [
        migrations.RunPython(count_hyphenated_words, forget_hyphenated_words, elidable=True),
    ]
