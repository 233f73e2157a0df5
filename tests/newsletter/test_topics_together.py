"""The topics page says how ticked boxes combine: by default each is a separate alert
(any of them sends); "all of these together" saves them as one alert that must match
them all, the very topic the search page saves for the same ticks."""

from urllib.parse import urlsplit

from django.core import mail

import pytest
from bs4 import BeautifulSoup

from newsletter import topics
from newsletter.models import Subscription

pytestmark = pytest.mark.django_db

TICKS = {
    "topic_theme": ["theme=relationships"],
    "topic_region": ["region=london", "region=wales"],
}


def post(client, **extra):
    data = {"email": "reader@example.org", "frequency": "weekly", **TICKS, **extra}
    return client.post("/newsletter/", data)


def search_pages_alert_topic(client, query: str) -> str:
    """The topic the search page's "Get email alerts for this search" saves."""
    page = BeautifulSoup(client.get(f"/search/?{query}").content, "html.parser")
    link = page.find("a", string="Get email alerts for this search")
    return topics.normalise(urlsplit(link["href"]).query)


def test_the_topics_page_explains_how_ticks_combine_and_defaults_to_separate_alerts(client):
    page = BeautifulSoup(client.get("/newsletter/").content, "html.parser")

    text = " ".join(page.main.get_text().split())
    assert "Each box you tick is a separate alert, so you hear about anything" in text
    choices = {i["value"]: i for i in page.find_all("input", attrs={"name": "combine"})}
    assert set(choices) == {"any", "all"} and choices["any"].has_attr("checked")
    assert "Any of these (separate alerts)" in text
    assert "Only content that matches all of these together (one alert)" in text


def test_by_default_each_ticked_box_is_its_own_alert(client):
    post(client)

    assert sorted(Subscription.objects.values_list("topic", flat=True)) == [
        "region=london",
        "region=wales",
        "theme=relationships",
    ]


def test_all_together_saves_one_alert_as_the_search_page_would_for_the_same_ticks(client, settings):
    settings.ELASTICSEARCH_URL = ""
    post(client, combine="all", everything="on")

    (subscription,) = Subscription.objects.all()
    query = "theme=relationships&region=london&region=wales"
    assert subscription.topic == search_pages_alert_topic(client, query)
    assert topics.label(subscription.topic) == "Theme: Relationships; Region: London or Wales"


def test_one_alert_for_relationships_in_london_is_labelled_with_both(committing):
    post(committing, combine="all", topic_region=["region=london"])

    assert topics.label(Subscription.objects.get().topic) == (
        "Theme: Relationships; Region: London"
    )
    assert "- Theme: Relationships; Region: London\n" in mail.outbox[-1].body
