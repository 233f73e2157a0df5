"""Whole numbers from requests: ASCII digits only, bounded, else a sentence to answer 400."""

import pytest

from base.numbers import MAX_ID, BadNumber, whole_number


@pytest.mark.parametrize("raw", ["²", "٣", "9" * 5000, "0", "-1", "1.5", "1e3", "12a", "+3"])
def test_anything_but_ascii_digits_in_range_is_refused_with_a_sentence(raw):
    with pytest.raises(BadNumber) as refused:
        whole_number({"page": raw}, "page", maximum=100)
    message = str(refused.value)
    assert message.startswith("page must be a whole number from 1 to 100")
    assert len(message) < 120  # 5,000 nines are not repeated back


def test_ascii_digits_in_range_are_read_and_an_absent_number_is_the_default():
    assert whole_number({"page": " 42 "}, "page", maximum=100) == 42
    assert whole_number({}, "page", maximum=100, default=1) == 1
    assert whole_number({"page": ""}, "page") is None


def test_the_largest_id_is_read_and_one_more_is_refused():
    assert whole_number({"id": str(MAX_ID)}, "id") == MAX_ID
    with pytest.raises(BadNumber):
        whole_number({"id": str(MAX_ID + 1)}, "id")
