"""An index built before a kind registered a new facet gains the field at the first
write, so live updates go on without a rebuild (the mapping is strict)."""

import pytest

from casestudies.factories import case_study_record
from search import index
from search.client import alias
from search.mapping import index_body

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def older_index(es):
    """The index as a release before the `contributed` facet built it."""
    for name in index.indices(es):
        es.indices.delete(index=name)
    body = index_body()
    del body["mappings"]["properties"]["contributed"]
    name = index.new_index_name()
    es.indices.create(index=name, **body)
    es.indices.update_aliases(actions=[{"add": {"index": name, "alias": alias()}}])
    return name


def test_an_older_index_gains_new_facet_fields_and_takes_writes(older_index, es, publish, find):
    publish(case_study_record(title="Orchard commissioning"))
    mapping = es.indices.get_mapping(index=older_index)[older_index]["mappings"]
    assert mapping["properties"]["contributed"] == {"type": "keyword"}
    assert find("orchard").total == 1
