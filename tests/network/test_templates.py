"""The site's templates: every page type renders in the shared, accessible layout.

Pages are made through the real importer, the same path as real content.
"""

import itertools
from http import HTTPStatus

from django import forms
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from casestudies.factories import as_lines, case_study_record, seminar_record
from casestudies.importexport.importer import import_lines
from casestudies.models import CaseStudyPage, SeminarPage
from casestudies.site_tree import ensure_site_tree

pytestmark = pytest.mark.django_db

PAGE_TYPES = ["home", "case_study_index", "case_study", "seminar_index", "seminar"]


def _import(*records):
    report = import_lines(as_lines(*records))
    assert not report.rejections, [str(rejection) for rejection in report.rejections]


def _get(client, url, status=HTTPStatus.OK) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def urls():
    """A site with one case study and one seminar; the URL of a page of each type."""
    _import(
        case_study_record(slug="lambeth", title="Lambeth co-operative commissioning"),
        seminar_record(slug="relationships", title="Relationships first"),
    )
    tree = ensure_site_tree()
    return {
        "home": tree.home.url,
        "case_study_index": tree.case_study_index.url,
        "case_study": CaseStudyPage.objects.get(slug="lambeth").url,
        "seminar_index": tree.seminar_index.url,
        "seminar": SeminarPage.objects.get(slug="relationships").url,
    }


def _heading_levels(soup):
    return [int(tag.name[1]) for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_type_has_the_shared_accessible_layout(client, urls, page_type):
    soup = _get(client, urls[page_type])

    assert soup.html["lang"] == "en-GB"
    first_link = soup.body.find("a")
    assert first_link["href"] == "#main-content"
    assert first_link.get_text(strip=True) == "Skip to main content"
    assert soup.find("main")["id"] == "main-content"
    assert soup.find("header") and soup.find("footer")
    assert len(soup.find_all("h1")) == 1


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_headings_never_skip_a_level(client, urls, page_type):
    levels = _heading_levels(_get(client, urls[page_type]))

    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))


def test_header_search_form_has_a_labelled_query_field(client, urls):
    soup = _get(client, urls["home"])

    form = soup.find("header").find("form", role="search")
    assert form["action"] == "/search/"
    assert form["method"] == "get"
    field = form.find("input", id="site-search")
    assert field["name"] == "q"
    assert form.find("label", attrs={"for": "site-search"}).get_text(strip=True)


def test_the_search_page_has_one_search_box_not_the_headers_too(client, urls):
    soup = _get(client, "/search/?q=commissioning")

    assert soup.find("header").find("form", role="search") is None
    assert len(soup.find_all("input", attrs={"name": "q"})) == 1


def test_primary_navigation_links_to_sections_and_offers_sign_in(client, urls):
    nav = _get(client, urls["home"]).find("nav", attrs={"aria-label": "Main"})

    links = {a.get_text(strip=True): a["href"] for a in nav.find_all("a")}
    assert links["Case studies"] == urls["case_study_index"]
    assert links["Seminars"] == urls["seminar_index"]
    assert links["Members"] == "/members/"
    assert links["Sign in"] == reverse("account_login")
    assert links["Join"] == reverse("account_signup")
    assert "Your profile" not in links


def test_signed_in_member_sees_profile_link_and_a_sign_out_form(client, urls):
    client.force_login(get_user_model().objects.create_user("asha", "asha@example.com"))

    nav = _get(client, urls["home"]).find("nav", attrs={"aria-label": "Main"})

    assert nav.find("a", string="Your profile")["href"] == "/members/me/edit/"
    form = nav.find("form")
    assert form["method"] == "post"
    assert form["action"] == reverse("account_logout")
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert not nav.find("a", string="Sign in")


def test_current_section_is_marked_in_the_navigation(client, urls):
    nav = _get(client, urls["case_study"]).find("nav", attrs={"aria-label": "Main"})

    assert nav.find("a", string="Case studies")["aria-current"] == "true"
    assert not nav.find("a", string="Seminars").has_attr("aria-current")


def test_questions_are_in_the_navigation_and_marked_current_on_the_list(client, urls):
    nav = _get(client, "/questions/").find("nav", attrs={"aria-label": "Main"})

    questions = nav.find("a", string="Questions")
    assert questions["href"] == "/questions/"
    assert questions["aria-current"] == "page"


def test_home_page_offers_to_ask_a_question(client, urls):
    main = _get(client, urls["home"]).find("main")

    assert main.find("a", string="Ask a question")["href"] == reverse("questions:ask")


def test_navigation_looks_up_index_pages_once_per_request(urls, django_assert_num_queries):
    request = RequestFactory().get("/")
    template = Template("{% load navigation %}{% nav_links as sections %}{{ sections|length }}")
    template.render(Context({"request": request}))

    with django_assert_num_queries(0):
        assert template.render(Context({"request": request})) == "6"


def test_missing_page_uses_site_layout_and_copes_without_index_pages(client):
    soup = _get(client, "/no-such-page/", status=HTTPStatus.NOT_FOUND)

    assert soup.find("h1").get_text(strip=True) == "Page not found"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    nav = soup.find("nav", attrs={"aria-label": "Main"})
    assert [a.get_text(strip=True) for a in nav.find_all("a")] == [
        "Members",
        "Questions",
        "Share a case study",
        "Email alerts",
        "Sign in",
        "Join",
    ]


def test_server_error_page_renders_without_database_or_request(django_assert_num_queries):
    with django_assert_num_queries(0):
        soup = BeautifulSoup(render_to_string("500.html"), "html.parser")

    assert soup.html["lang"] == "en-GB"
    assert soup.find("h1").get_text(strip=True) == "Sorry, there is a problem with the service"
    assert soup.body.find("a")["href"] == "#main-content"


def test_home_page_shows_introduction_featured_case_studies_and_seminars(client, urls):
    soup = _get(client, urls["home"])

    assert "practitioners share" in soup.find("main").get_text()
    card = soup.find("article", class_="card")
    title_link = card.find("h3").find("a")
    assert title_link.get_text(strip=True) == "Lambeth co-operative commissioning"
    assert title_link["href"] == urls["case_study"]
    assert "London" in card.get_text() and "2014" in card.get_text()
    assert soup.find("a", href=urls["seminar"]).get_text(strip=True) == "Relationships first"
    search = soup.find("main").find("form", role="search")
    assert search.find("input", id="home-search")["name"] == "q"
    assert search.find("label", attrs={"for": "home-search"})


def test_case_study_page_shows_who_where_when_classification_and_sources(client):
    _import(
        case_study_record(
            slug="lambeth",
            sources=[
                {"title": "Annual report", "url": "https://example.org/report"},
                {"title": "Cabinet minutes, March 2012"},
            ],
            themes=["relationships", "governance"],
            tags=["co-production", "tenants"],
        )
    )
    page = CaseStudyPage.objects.get(slug="lambeth")

    soup = _get(client, page.url)
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in soup.select("dl.facts dt")
    }

    lead = facts["Lead organisation"].get_text(" ", strip=True)
    assert lead == (
        f"{page.lead_organisation.name} Identifier: {page.lead_organisation.org_id} "
        "on its public register"
    )
    assert "Riverside Community Trust" in facts["Partner organisations"].get_text()
    assert facts["Region"].find("a")["href"] == "/search/?region=london"
    assert facts["Year"].get_text(strip=True) == "2014"
    assert [li.get_text(strip=True) for li in facts["Themes"].find_all("li")] == [
        "Relationships",
        "Governance",
    ]
    assert facts["Sectors"].find("a")["href"] == "/search/?sector=public"
    sources = soup.find("ol", class_="sources").find_all("li")
    assert sources[0].find("a", href="https://example.org/report").get_text() == "Annual report"
    assert sources[1].find("a") is None
    assert sources[1].get_text(strip=True) == "Cabinet minutes, March 2012"
    tags = soup.find("h2", string="Tags").find_next("ul")
    assert {li.get_text(strip=True) for li in tags.find_all("li")} == {"co-production", "tenants"}


def test_case_study_body_renders_markdown_outcomes_and_lessons(client):
    lessons = [{"title": "Start with residents", "body": "Ask before you *buy*."}]
    _import(
        case_study_record(
            slug="lambeth", body="Residents **defined** the outcomes.", lessons=lessons
        )
    )

    main = _get(client, CaseStudyPage.objects.get(slug="lambeth").url).find("main")

    assert main.find("strong", string="defined")
    outcome = main.find(class_="outcome")
    assert "Local hires" in outcome.get_text() and "40" in outcome.get_text()
    lesson = main.find("h2", string="Start with residents")
    assert lesson.find_next("em").get_text() == "buy"


def test_illustrative_notice_appears_only_on_illustrative_case_studies(client):
    _import(
        case_study_record(slug="invented", illustrative=True),
        case_study_record(slug="real", illustrative=False),
    )

    invented = _get(client, CaseStudyPage.objects.get(slug="invented").url)
    real = _get(client, CaseStudyPage.objects.get(slug="real").url)

    assert invented.find(class_="notice").find(string="Illustrative example")
    assert real.find(class_="notice") is None


def test_markup_in_a_title_is_shown_as_text_not_run(client):
    title = '<script>alert("owned")</script>'
    _import(case_study_record(slug="hostile", title=title), seminar_record(title=title))
    tree = ensure_site_tree()

    for url in (CaseStudyPage.objects.get(slug="hostile").url, tree.home.url):
        content = client.get(url).content.decode()
        assert "<script>alert" not in content
        assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in content


def test_seminar_page_gives_each_lesson_an_anchor_heading_and_self_link(client):
    _import(seminar_record(slug="relationships"))

    soup = _get(client, SeminarPage.objects.get(slug="relationships").url)

    lessons = [("listen-first", "Listen first"), ("lead-from-behind", "Lead from behind")]
    for slug, title in [*lessons, ("pool-budgets", "Pool budgets")]:
        lesson = soup.find(id=f"lesson-{slug}")
        assert lesson.name == "section"
        assert title in lesson.find("h3").get_text()
        assert lesson.find("a", href=f"#lesson-{slug}")
        assert soup.find("nav", class_="contents").find("a", href=f"#lesson-{slug}")


def test_seminar_page_still_answers_the_old_numbered_lesson_links(client):
    _import(seminar_record(slug="relationships"))

    soup = _get(client, SeminarPage.objects.get(slug="relationships").url)

    for number, slug in enumerate(["listen-first", "lead-from-behind", "pool-budgets"], 1):
        old = soup.find(id=f"lesson-{number}")
        assert old.find("section", id=f"lesson-{slug}")


def test_seminar_page_shows_date_in_full_place_series_and_speakers(client):
    _import(seminar_record(slug="relationships"))

    main = _get(client, SeminarPage.objects.get(slug="relationships").url).find("main")

    assert main.find("time", datetime="2013-03-14").get_text() == "14 March 2013"
    text = main.get_text(" ", strip=True)
    assert "Leeds" in text and "Social value in practice" in text
    speaker = main.find("ul", class_="speakers").find("li").get_text().strip()
    assert speaker == "Asha Patel, Commissioner, A council"


class _ContactForm(forms.Form):
    email = forms.EmailField(help_text="We only use this to reply.")
    topics = forms.MultipleChoiceField(
        choices=[("jobs", "Jobs"), ("growth", "Growth")], widget=forms.CheckboxSelectMultiple
    )
    message = forms.CharField(required=False, widget=forms.Textarea)


def test_error_summary_links_each_error_to_its_field():
    form = _ContactForm(data={"email": "not an address"})

    soup = BeautifulSoup(
        render_to_string("components/error_summary.html", {"form": form}), "html.parser"
    )

    summary = soup.find(class_="error-summary")
    assert summary["role"] == "alert"
    assert summary.find("h2").get_text(strip=True) == "There is a problem"
    hrefs = [a["href"] for a in summary.find_all("a")]
    assert hrefs == ["#id_email", "#id_topics_0"]


def test_error_summary_is_empty_for_a_valid_or_unbound_form():
    assert render_to_string("components/error_summary.html", {"form": _ContactForm()}).strip() == ""


def test_form_field_describes_its_control_with_hint_and_error():
    form = _ContactForm(data={"email": "not an address"})

    soup = BeautifulSoup(
        render_to_string("components/form_field.html", {"field": form["email"]}), "html.parser"
    )

    control = soup.find("input", id="id_email")
    assert soup.find("label", attrs={"for": "id_email"}).get_text(strip=True) == "Email"
    described_by = control["aria-describedby"].split()
    assert soup.find(id=described_by[0]).get_text(strip=True) == "We only use this to reply."
    assert "Enter a valid email address" in soup.find(id=described_by[1]).get_text()
    assert control["aria-invalid"] == "true"


def test_form_field_groups_options_in_a_fieldset_and_marks_optional_fields():
    form = _ContactForm()

    topics = BeautifulSoup(
        render_to_string("components/form_field.html", {"field": form["topics"]}), "html.parser"
    )
    message = BeautifulSoup(
        render_to_string("components/form_field.html", {"field": form["message"]}), "html.parser"
    )

    assert topics.find("fieldset").find("legend").get_text(strip=True) == "Topics"
    assert message.find("label").get_text(strip=True) == "Message (optional)"
