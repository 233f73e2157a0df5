"""Citing: an answer or a question cites published, public case studies and seminar
lessons by their addresses on this site; the answer links them, and the cited page lists
the question to the viewers who may read it (public ones only to anonymous visitors,
whose copy of the page is shared through the page cache)."""

from http import HTTPStatus

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from base.site_address import absolute
from casestudies.factories import case_study_record, seminar_record
from casestudies.models import CaseStudyPage, SeminarPage
from questions.models import Answer, Audience, Citation, Status
from tests.factories import questions as factories

pytestmark = pytest.mark.django_db

TITLE = "Has anyone weighted social value above 20% and survived a challenge?"
BODY = "We did, and the tender held."


@pytest.fixture
def case_study(publish):
    publish(case_study_record(slug="riverside", title="Riverside home care"))
    return CaseStudyPage.objects.get(slug="riverside")


@pytest.fixture
def seminar(publish):
    publish(seminar_record(slug="leeds-2013", title="Leeds seminar"))
    return SeminarPage.objects.get(slug="leeds-2013")


@pytest.fixture
def answerer(db):
    """A member whose answers publish at once."""
    return factories.trusted_member()


def _answer(client, question, cites: str):
    url = reverse("questions:answer", kwargs={"pk": question.pk})
    return client.post(url, {"body": BODY, "cites": cites})


def test_an_answer_citing_a_public_case_study_links_it_and_the_page_lists_the_question(
    asker, answerer, as_member, case_study, client
):
    question = factories.question(asker, audience=Audience.PUBLIC, title=TITLE)

    response = _answer(as_member(answerer), question, absolute(case_study.url))

    assert response.status_code == HTTPStatus.FOUND
    citation = Citation.objects.get()
    assert (citation.answer, citation.page_id, citation.lesson_slug) == (
        Answer.objects.get(),
        case_study.pk,
        "",
    )
    thread = client.get(question.get_absolute_url()).content.decode()
    assert f'<a href="{case_study.url}">Riverside home care</a>' in thread
    client.logout()
    page = client.get(case_study.url).content.decode()
    assert "Questions that cite this" in page
    assert f'<a href="{question.get_absolute_url()}">' in page


def test_an_answer_cites_a_lesson_by_its_link_and_the_seminar_lists_the_question(
    asker, answerer, as_member, seminar, client
):
    question = factories.question(asker, audience=Audience.PUBLIC, title=TITLE)
    lesson = seminar.lessons.get(slug="lead-from-behind")

    _answer(as_member(answerer), question, f"{seminar.url}#{lesson.anchor}")

    assert Citation.objects.get().lesson_slug == "lead-from-behind"
    thread = client.get(question.get_absolute_url()).content.decode()
    assert f'href="{seminar.url}#lesson-lead-from-behind"' in thread
    assert "Lead from behind (a lesson of Leeds seminar)" in thread
    client.logout()
    assert TITLE in client.get(seminar.url).content.decode()


def test_a_question_cites_a_case_study_when_it_is_asked(answerer, as_member, case_study):
    form = {"title": TITLE, "audience": Audience.PUBLIC, "cites": absolute(case_study.url)}

    as_member(answerer).post(reverse("questions:ask"), form)

    citation = Citation.objects.get()
    assert (citation.answer, citation.page_id) == (None, case_study.pk)


def _private(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page.url


@pytest.mark.parametrize(
    ("address", "error"),
    [
        (lambda page: "https://example.org/case-studies/riverside/", "not an address on this site"),
        (lambda page: "/case-studies/no-such-case/", "not a published case study or seminar"),
        (_private, "not a published case study or seminar"),
        (lambda page: "/", "not a published case study or seminar"),
    ],
    ids=["off-site", "missing", "private", "home page"],
)
def test_an_address_that_is_not_a_public_case_study_is_refused_and_nothing_is_saved(
    asker, answerer, as_member, case_study, address, error
):
    question = factories.question(asker, audience=Audience.PUBLIC)

    response = _answer(as_member(answerer), question, address(case_study))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert error in response.content.decode()
    assert not Answer.objects.exists()
    assert not Citation.objects.exists()


def test_a_draft_case_study_is_refused(asker, answerer, as_member, case_study):
    question = factories.question(asker, audience=Audience.PUBLIC)
    url = case_study.url
    case_study.unpublish()

    response = _answer(as_member(answerer), question, url)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "not a published case study or seminar" in response.content.decode()
    assert not Citation.objects.exists()


def test_a_lesson_the_seminar_does_not_have_is_refused(asker, answerer, as_member, seminar):
    question = factories.question(asker, audience=Audience.PUBLIC)

    response = _answer(as_member(answerer), question, f"{seminar.url}#lesson-no-such-lesson")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "has no lesson at #lesson-no-such-lesson" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_cited_page_lists_a_members_only_question_to_members_only(
    asker, answerer, other, case_study, client
):
    question = factories.question(asker, audience=Audience.MEMBERS, title=TITLE)
    reply = factories.answer(question, answerer)
    Citation.objects.create(question=question, answer=reply, page=case_study)

    for _ in range(2):  # the second visit is answered from the page cache
        assert TITLE not in client.get(case_study.url).content.decode()
    client.force_login(other.user)
    assert TITLE in client.get(case_study.url).content.decode()


def test_an_anonymous_visitors_cached_copy_lists_a_question_cited_after_it_was_stored(
    asker, answerer, case_study, client
):
    question = factories.question(asker, audience=Audience.PUBLIC, title=TITLE)
    reply = factories.answer(question, answerer)
    assert TITLE not in client.get(case_study.url).content.decode()  # stored in the cache

    Citation.objects.create(question=question, answer=reply, page=case_study)

    assert TITLE in client.get(case_study.url).content.decode()


def test_a_withdrawn_answer_no_longer_lists_its_question_on_the_cited_page(
    asker, answerer, case_study, client
):
    question = factories.question(asker, audience=Audience.PUBLIC, title=TITLE)
    reply = factories.answer(question, answerer)
    Citation.objects.create(question=question, answer=reply, page=case_study)
    assert TITLE in client.get(case_study.url).content.decode()

    reply.status = Status.WITHDRAWN
    reply.save()

    assert TITLE not in client.get(case_study.url).content.decode()
