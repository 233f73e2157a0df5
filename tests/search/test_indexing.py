"""The index follows the content: publishing, unpublishing, deleting, moving and renaming
reach search once the transaction commits, and drafts never do."""

from django.core.management import call_command

from wagtail.models import Page

import pytest

from casestudies.factories import case_study_record, seminar_record
from casestudies.models import CaseStudyIndexPage, CaseStudyPage, SeminarPage
from search.models import Entry
from taxonomy.models import Organisation, Region

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def titles(result):
    return [hit.title for hit in result.hits]


def test_a_published_case_study_is_one_document_with_its_facets(es, publish, find):
    publish(case_study_record(title="Allotments for all", sectors=["public", "social"]))

    result = find("allotments")

    assert titles(result) == ["Allotments for all"]
    hit = result.hits[0]
    assert hit.kind == "case_study"
    assert hit.url == "/case-studies/" + hit.slug + "/"
    assert hit.facets["sector"] == ["public", "social"]
    assert hit.facets["organisation_type"] == ["council", "charity"]
    assert hit.year == 2014


def test_each_lesson_is_a_document_at_its_anchor_on_the_seminar_page(es, publish, find):
    publish(seminar_record(slug="listening", title="Listening seminar"))

    lessons = find(kind=["lesson"]).hits

    slugs = ("listen-first", "lead-from-behind", "pool-budgets")
    assert sorted((hit.slug, hit.title) for hit in lessons) == [
        ("listening#lesson-lead-from-behind", "Lead from behind"),
        ("listening#lesson-listen-first", "Listen first"),
        ("listening#lesson-pool-budgets", "Pool budgets"),
    ]
    assert {hit.url for hit in lessons} == {f"/seminars/listening/#lesson-{s}" for s in slugs}
    seminar = find(kind=["seminar"]).hits[0]
    assert seminar.facets["theme"] == ["relationships", "leadership", "governance"]


def test_drafts_are_never_returned(es, publish, find):
    publish(case_study_record(title="Never published allotments", published=False))

    assert find("allotments").total == 0
    assert not Entry.objects.exists()


def test_a_draft_revision_of_a_live_page_leaves_the_live_text_in_search(es, publish, find):
    publish(case_study_record(slug="garden", title="Community garden"))
    page = CaseStudyPage.objects.get(slug="garden")
    page.title = "Secret draft title"
    page.save_revision()

    assert titles(find("garden")) == ["Community garden"]
    assert find("secret").total == 0


def test_unpublishing_removes_a_page_from_results_at_once(es, publish, find, after_commit):
    publish(case_study_record(slug="garden", title="Community garden"))
    assert find("garden").total == 1

    with after_commit():
        CaseStudyPage.objects.get(slug="garden").unpublish()

    assert find("garden").total == 0


def test_deleting_a_page_removes_it_and_its_lessons(es, publish, find, after_commit):
    publish(seminar_record(slug="listening"), case_study_record(title="Community garden"))

    with after_commit():
        SeminarPage.objects.get(slug="listening").delete()

    assert {hit.kind for hit in find().hits} == {"case_study"}


def test_republishing_a_seminar_without_a_lesson_removes_that_lesson(es, publish, find):
    record = seminar_record(slug="listening")
    publish(record)
    publish({**record, "lessons": record["lessons"][:1]})

    assert [hit.title for hit in find(kind=["lesson"]).hits] == ["Listen first"]


def test_renaming_a_term_reindexes_the_documents_that_carry_it(es, publish, find, after_commit):
    publish(case_study_record(title="Community garden", region="london"))
    assert find("metropolis").total == 0

    with after_commit():
        region = Region.objects.get(slug="london")
        region.name = "Metropolis"
        region.save()

    assert titles(find("metropolis")) == ["Community garden"]
    assert [value.label for value in find().facets["region"]] == ["Metropolis"]


def test_renaming_an_organisation_reindexes_its_case_studies(es, publish, find, after_commit):
    oldtown = {"name": "Oldtown Council", "type": "council"}
    publish(case_study_record(title="Community garden", organisation=oldtown))

    with after_commit():
        organisation = Organisation.objects.get(name="Oldtown Council")
        organisation.name = "Newtown Council"
        organisation.save()

    assert titles(find("newtown")) == ["Community garden"]


def test_moving_pages_updates_their_urls(es, publish, find, after_commit):
    publish(case_study_record(slug="garden", title="Community garden"))
    case_studies = CaseStudyIndexPage.objects.get()
    home = case_studies.get_parent()
    with after_commit():
        archive = home.add_child(instance=Page(title="Archive", slug="archive"))
        case_studies.move(archive, pos="last-child")

    assert find("garden").hits[0].url == "/archive/case-studies/garden/"


def test_changing_an_index_page_slug_updates_the_urls_below_it(es, publish, find, after_commit):
    publish(case_study_record(slug="garden", title="Community garden"))
    with after_commit():
        case_studies = CaseStudyIndexPage.objects.get()
        case_studies.slug = "practice"
        case_studies.save_revision().publish()

    assert find("garden").hits[0].url == "/practice/garden/"


def test_status_counts_documents_per_kind_everywhere(es, publish, capsys):
    publish(case_study_record(), seminar_record())

    call_command("search_index", "status")

    output = capsys.readouterr().out
    assert "case_study             1         1         1" in output
    assert "lesson                 3         3         3" in output
    assert "Outbox: 0 waiting" in output
