"""The database backend's matrix of vectors (`search/backends/meaning.py`) follows the
entries: a new document's row is added, a changed one's replaced, a deleted one's
dropped, and each row is the vector its entry stores."""

import numpy
import pytest

from casestudies.factories import case_study_record
from casestudies.models import CaseStudyPage
from search import vectors
from search.backends import meaning
from search.models import Entry

pytestmark = pytest.mark.django_db


def rows():
    """Each entry key the matrix holds -> its row."""
    matrix = meaning.current()
    return {int(pk): matrix.vectors[n] for n, pk in enumerate(matrix.pks)}


def stored(slug):
    entry = Entry.objects.get(kind="case_study", slug=slug)
    return entry.pk, numpy.frombuffer(bytes(entry.meaning), dtype="<f4")


def test_the_matrix_follows_every_change_to_the_entries(
    publish, django_capture_on_commit_callbacks
):
    publish(case_study_record(slug="first", title="Tenants choose their repairs contractor"))
    first, first_vector = stored("first")
    assert numpy.array_equal(rows()[first], first_vector)

    publish(case_study_record(slug="second", title="Road resurfacing contract"))
    second, second_vector = stored("second")
    held = rows()
    assert numpy.array_equal(held[second], second_vector)
    assert numpy.array_equal(held[first], first_vector)

    publish(case_study_record(slug="first", title="Renters pick who fixes homes"))
    changed, changed_vector = stored("first")
    assert not numpy.array_equal(changed_vector, first_vector)
    assert numpy.array_equal(rows()[changed], changed_vector)

    with django_capture_on_commit_callbacks(execute=True):
        CaseStudyPage.objects.get(slug="second").delete()
    assert second not in rows()
    assert len(rows()) == Entry.objects.exclude(meaning=None).count()
    assert all(len(row) == vectors.DIMS for row in rows().values())
