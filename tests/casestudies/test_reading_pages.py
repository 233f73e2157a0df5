"""Reading a case study or seminar: contents lists on long pages, facet chips and tags that
link to working searches, sources as links, the speaker line, and the home page's news."""

import re
from http import HTTPStatus

import pytest

from casestudies.factories import case_study_record, seminar_record
from casestudies.models import CaseStudyPage, SeminarPage

pytestmark = pytest.mark.django_db

SECTION = "Commissioners met residents every month and wrote down what they heard. " * 12
LONG_BODY = "\n\n".join(f"## Part {n}: what we did\n\n{SECTION}" for n in range(1, 5))


def _page(client, page):
    response = client.get(page.url)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_a_long_case_study_has_a_contents_list_of_its_headings(client, import_records):
    import_records(case_study_record(slug="long", body=LONG_BODY))
    text = _page(client, CaseStudyPage.objects.get(slug="long"))

    contents = text.split('<nav class="contents"')[1].split("</nav>")[0]
    assert '<a href="#part-1-what-we-did">Part 1: what we did</a>' in contents
    assert '<a href="#part-4-what-we-did">' in contents
    assert '<a href="#sources-title">Sources</a>' in contents
    assert '<h2 id="part-1-what-we-did">Part 1: what we did</h2>' in text


def test_a_short_case_study_has_no_contents_list(client, import_records):
    import_records(case_study_record(slug="short"))

    assert 'class="contents"' not in _page(client, CaseStudyPage.objects.get(slug="short"))


def test_a_long_seminar_lists_its_sections_and_lessons(client, import_records):
    lessons = [
        {"title": f"Lesson {n}", "body": SECTION, "themes": [], "stages": []} for n in range(3)
    ]
    import_records(seminar_record(slug="long-seminar", body=LONG_BODY, lessons=lessons))
    seminar = SeminarPage.objects.get(slug="long-seminar")
    text = _page(client, seminar)

    contents = text.split('<nav class="contents"')[1].split("</nav>")[0]
    for anchor in ("speakers-title", "write-up-title", "part-2-what-we-did", "lessons-title"):
        assert f'href="#{anchor}"' in contents
    assert f'href="#{seminar.lessons.first().anchor}"' in contents


def test_every_at_a_glance_chip_links_to_a_search_that_finds_the_case_study(
    client, publish, backend
):
    publish(case_study_record(slug="chips", title="Chips of Riverside"))
    text = _page(client, CaseStudyPage.objects.get(slug="chips"))
    aside = text.split('id="at-a-glance-title"')[1].split("</aside>")[0]

    links = re.findall(r'href="(/search/\?[^"]+)"', aside)
    expected = {
        "/search/?region=london",
        "/search/?year=2014",
        "/search/?sector=public",
        "/search/?theme=relationships",
        "/search/?outcome_area=jobs",
        "/search/?stage=procurement",
    }
    assert expected <= set(links)
    assert re.search(r'<li class="term-list__item">[^<]', aside) is None  # no plain chips
    for link in expected:
        result = client.get(link)
        assert result.status_code == HTTPStatus.OK
        assert "Chips of Riverside" in result.content.decode()


def test_tags_link_to_a_search_for_the_tag(client, publish, backend):
    publish(
        case_study_record(slug="tagged", title="Tagged study", tags=["alliance contracting"]),
        case_study_record(slug="other", title="Other study", tags=["home care"]),
    )
    text = _page(client, CaseStudyPage.objects.get(slug="tagged"))

    link = re.search(r'href="(/search/\?q=[^"]+)">alliance contracting<', text).group(1)
    assert link == "/search/?q=%22alliance+contracting%22&amp;exact=1"
    found = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Tagged study" in found
    assert "Other study" not in found


def test_sources_link_to_where_they_are_and_say_which_site(client, import_records):
    import_records(case_study_record(slug="sourced"))
    text = _page(client, CaseStudyPage.objects.get(slug="sourced"))

    assert '<a href="https://example.org/report">Annual report</a>' in text
    assert '<span class="sources__host">(example.org)</span>' in text


def test_the_speaker_line_has_no_space_before_the_comma(client, import_records):
    speakers = [{"name": "Dr Helen Marsh", "role": "Director", "organisation": "Collaborate"}]
    import_records(seminar_record(slug="speakers", speakers=speakers))
    text = _page(client, SeminarPage.objects.get(slug="speakers"))

    assert re.search(r"Dr Helen Marsh</span>, Director, Collaborate</li>", text)


def test_the_home_page_shows_whats_new_of_each_kind_and_only_live_public_pages(
    client, import_records
):
    import_records(
        case_study_record(slug="new-case", title="A new case study"),
        case_study_record(slug="draft-case", title="A draft case study", published=False),
        seminar_record(slug="new-seminar", title="A seminar held long ago", date="2013-01-10"),
    )
    seminar = SeminarPage.objects.get(slug="new-seminar")

    text = client.get("/").content.decode()

    news = text.split('id="whats-new-title"')[1]
    assert "A new case study" in news
    assert "A seminar held long ago" in news
    lesson = seminar.lessons.first()
    assert f'href="{seminar.url}#{lesson.anchor}">{lesson.title}<' in news
    assert "A draft case study" not in news
