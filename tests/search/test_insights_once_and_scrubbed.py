"""An opened result counts once per token however often it is sent, and the search log
keeps no email address written out in words and no National Insurance number, while
ordinary searches that merely contain "at" or "dot" are kept as typed."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from casestudies.factories import case_study_record
from search import insights
from search.models import OpenedResult

pytestmark = pytest.mark.django_db


def test_one_opened_result_token_posted_six_times_is_counted_once(
    no_elasticsearch, publish, client
):
    publish(case_study_record(title="Garden", slug="garden"))
    page = BeautifulSoup(client.get("/search/", {"q": "garden"}).content, "html.parser")
    [link] = page.select(".search-result__title a")

    answers = [client.post(link["ping"]).status_code for _ in range(6)]

    assert answers == [HTTPStatus.NO_CONTENT] * 6
    assert OpenedResult.objects.count() == 1


@pytest.mark.parametrize(
    "typed",
    [
        "john.smith at example dot com",
        "mary.jones(at)council.gov.uk",
        "name [at] domain [dot] org",
        "Jo.Bloggs AT Example DOT Co DOT UK",
        "jo {at} example {dot} org",
    ],
)
def test_email_addresses_written_out_in_words_are_scrubbed(typed):
    assert insights.normalise(f"contact {typed} please") == "contact [email address] please"


@pytest.mark.parametrize("typed", ["QQ 12 34 56 C", "qq123456c", "AB 123456 D"])
def test_national_insurance_numbers_are_scrubbed_spaced_or_not(typed):
    assert insights.normalise(f"{typed} benefits") == "[national insurance number] benefits"


@pytest.mark.parametrize(
    "typed",
    [
        "care at home",
        "co-operative commissioning at scale",
        "value at the heart of procurement",
        "dot com bubble",
        "jobs at lambeth council",
        "AB 123456 E",  # no NI number ends in E
        "section 106 at 2019 prices",
    ],
)
def test_ordinary_searches_with_at_or_dot_or_codes_are_kept_as_typed(typed):
    assert insights.normalise(typed) == typed.casefold()
