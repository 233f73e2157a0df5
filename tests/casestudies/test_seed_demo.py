"""seed_demo builds the site and can run again without duplicating anything."""

from http import HTTPStatus
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from wagtail.models import Page

import pytest

from casestudies.models import CaseStudyPage, SeminarPage
from taxonomy.models import Organisation, Region, Stage
from taxonomy.vocabularies import VOCABULARIES

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed_demo", stdout=StringIO())


def _counts():
    return (Page.objects.count(), Organisation.objects.count())


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """The demo content, seeded once from an empty site for every test of the class, in a
    transaction rolled back after the last of them; each test's own changes are rolled
    back before the next (to a savepoint inside it). What the first seed counted (pages,
    organisations) is handed to the tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        _seed()
        yield _counts()
        transaction.set_rollback(True)


class TestAfterTheFirstSeed:
    """What running seed_demo again, changing a demo page or reading the demo content does,
    each starting from the demo content seeded once from an empty site (`seeded`)."""

    def test_seed_demo_twice_publishes_the_demo_content_once(self, seeded):
        counts = seeded
        _seed()
        assert _counts() == counts

        lambeth = CaseStudyPage.objects.live().get(slug="lambeth-co-operative-commissioning")
        assert not lambeth.is_illustrative
        illustrative = CaseStudyPage.objects.live().filter(is_illustrative=True)
        assert illustrative.count() >= 20

        home = lambeth.get_site().root_page.specific
        featured = [f.page_id for f in home.featured_case_studies.all()]
        assert featured[0] == lambeth.pk
        assert len(featured) == 3

        seminars = SeminarPage.objects.live().filter(date__year=2013)
        assert seminars.count() == 4
        assert all(seminar.lessons.count() >= 3 for seminar in seminars)

    def test_seed_demo_again_keeps_an_editors_published_change_to_a_demo_page(self, seeded):
        lambeth = CaseStudyPage.objects.get(slug="lambeth-co-operative-commissioning")
        lambeth.title = "Lambeth: the co-operative council, as our editor retold it"
        lambeth.save_revision().publish()
        stdout = StringIO()

        call_command("seed_demo", stdout=stdout)

        lambeth.refresh_from_db()
        assert lambeth.title == "Lambeth: the co-operative council, as our editor retold it"
        assert "0 new pages, 0 overwritten" in stdout.getvalue()

    def test_seed_demo_overwrite_puts_the_shipped_demo_page_back(self, seeded):
        lambeth = CaseStudyPage.objects.get(slug="lambeth-co-operative-commissioning")
        shipped = lambeth.title
        lambeth.title = "Changed by an editor"
        lambeth.save_revision().publish()

        call_command("seed_demo", "--overwrite", stdout=StringIO())

        lambeth.refresh_from_db()
        assert lambeth.title == shipped

    def test_demo_case_studies_cover_every_region_and_stage(self, seeded):
        for model, vocabulary in ((Region, "region"), (Stage, "stage")):
            used = set(model.objects.filter(case_studies__live=True).values_list("slug", flat=True))
            assert used == {slug for slug, _name, _description in VOCABULARIES[vocabulary]}

    @override_settings(DEMO_EDITOR_ENABLED=True)
    def test_demo_editor_exists_only_where_enabled_and_can_use_the_admin(self, seeded, client):
        stdout = StringIO()
        call_command("seed_demo", stdout=stdout)
        printed = stdout.getvalue()
        assert "with email editor@example.com and password demo-editor-2026" in printed
        response = client.post(
            "/accounts/login/?next=/admin/",
            {"login": "editor@example.com", "password": "demo-editor-2026"},
        )
        assert response.status_code == HTTPStatus.FOUND
        assert response.url == "/admin/"
        assert client.get("/admin/").status_code == HTTPStatus.OK

    def test_seed_demo_leaves_contributions_in_each_state_for_the_review_queue(self, seeded):
        from contributions import workflow

        _seed()
        contributions = CaseStudyPage.objects.filter(is_contribution=True)
        states = sorted(workflow.standing(page).status for page in contributions)
        assert states == ["changes_requested", "draft", "submitted"]
        assert not contributions.filter(live=True).exists()


def test_no_demo_editor_in_test_settings():
    stdout = StringIO()
    call_command("seed_demo", stdout=stdout)
    assert "Demo editor" not in stdout.getvalue()


@override_settings(DEMO_CONTENT_ALLOWED=False)
def test_seed_demo_refuses_to_run_where_demo_content_is_not_allowed():
    with pytest.raises(CommandError, match="add --force if you really mean to seed this site"):
        _seed()

    assert not CaseStudyPage.objects.exists()
    assert not get_user_model().objects.filter(email__endswith="@example.org").exists()


@override_settings(DEMO_CONTENT_ALLOWED=False)
def test_seed_demo_runs_anywhere_when_forced():
    call_command("seed_demo", "--force", stdout=StringIO())

    assert CaseStudyPage.objects.live().filter(slug="lambeth-co-operative-commissioning").exists()


def test_only_development_and_test_settings_allow_demo_content():
    from network.settings import base, dev, test

    assert (base.DEMO_CONTENT_ALLOWED, dev.DEMO_CONTENT_ALLOWED, test.DEMO_CONTENT_ALLOWED) == (
        False,
        True,
        True,
    )
