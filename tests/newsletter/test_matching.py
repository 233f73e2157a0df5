"""An alert matches exactly what the search page shows an anonymous visitor for the same
search (OR within a facet, AND across facets), on both backends, for generated topics;
only member profiles wait until a topic's kind filter asks for them."""

import datetime
from itertools import chain
from urllib.parse import urlencode

from django.test import override_settings

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from casestudies.factories import case_study_record, seminar_record
from newsletter.digests import matches
from newsletter.topics import normalise
from tests.factories.members import ProfileFactory

pytestmark = pytest.mark.django_db

CHOICES = {
    "kind": ["case_study", "lesson", "seminar", "member"],
    "theme": ["relationships", "leadership", "governance"],
    "sector": ["public", "social", "private"],
    "region": ["london", "north-east", "wales"],
}
WORDS = ["", "garden", "budget", "listen", "council garden"]
LONG_AGO = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


@pytest.fixture
def corpus(publish, django_capture_on_commit_callbacks):
    records = []
    for n in range(9):
        records.append(
            case_study_record(
                title=f"{'Garden' if n % 2 else 'Budget'} case {n}",
                summary="The council garden." if n % 3 == 0 else "Pooled budget.",
                themes=[CHOICES["theme"][n % 3]],
                sectors=[CHOICES["sector"][n % 3], CHOICES["sector"][(n + 1) % 3]][: 1 + n % 2],
                region=CHOICES["region"][n % 3],
            )
        )
    records.append(seminar_record(title="Listening seminar"))
    publish(*records)
    with django_capture_on_commit_callbacks(execute=True):
        ProfileFactory(display_name="Garden Member")


topics = st.builds(
    lambda word, chosen: normalise(
        urlencode({"q": word, **{k: list(v) for k, v in chosen.items()}}, doseq=True)
    ),
    st.sampled_from(WORDS),
    st.dictionaries(
        st.sampled_from(list(CHOICES)),
        st.sets(st.sampled_from(list(chain(*CHOICES.values()))), min_size=1, max_size=2),
        max_size=3,
    ),
)


def search_page_urls(client, topic: str) -> list[str]:
    response = client.get(f"/search/?{topic}&sort=newest&page_size=50")
    links = BeautifulSoup(response.content, "html.parser").select(".search-result__title a")
    return [link["href"] for link in links]


def test_topics_match_what_the_search_page_shows(backend, corpus, client, settings):
    url = settings.ELASTICSEARCH_URL
    found = []

    @hypothesis_settings(
        max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(topic=topics)
    def check(topic):
        with override_settings(ELASTICSEARCH_URL=url):
            alerted = [hit.url for hit in matches(topic, LONG_AGO)]
            shown = search_page_urls(client, topic)
        if "kind=" not in topic:
            shown = [link for link in shown if not link.startswith("/members/")]
        assert alerted == shown
        found.append(len(alerted))

    check()
    assert max(found) > 1, "The generated topics never matched anything."
