"""The open data (`opendata/`): the public case base as JSON Lines and CSV files with a
manifest, their JSON Schemas and codebook written from the import's own field
definitions, and the page, files and API that offer them.

The two promises tested against the real database: the files load back through the
import into an empty site and give the same content (JSON Lines and CSV alike), and
nothing members-only or personal is in any file."""

import csv
import hashlib
import io
import json

from django.core.management import call_command

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from base.site_address import absolute
from casestudies.factories import case_study_record, seminar_record
from casestudies.importexport.fields import RECORD_TYPES
from casestudies.importexport.importer import import_csv, import_lines
from casestudies.importexport.schemas import json_schema
from casestudies.models import CaseStudyPage, SeminarPage
from casestudies.site_tree import ensure_site_tree
from members.models import Visibility
from network.home.trust_pages import ensure_trust_pages
from opendata.dump import file_names, write_dump
from taxonomy.models import Organisation
from tests.factories.members import ProfileFactory
from tests.factories.questions import question

pytestmark = pytest.mark.django_db

PRIVATE_EMAIL = "hidden.person@example.org"
PRIVATE_NAME = "Hidden Personname"
PUBLIC_NAME = "Open Sharer"


@pytest.fixture
def data_root(settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path / "opendata"
    return settings.OPEN_DATA_ROOT


@pytest.fixture
def case_base(publish):
    """Public content of every kind, and beside it what must never leave: a draft, a
    page behind sign-in, a private member's credit and address, a members-only question."""
    private = ProfileFactory(
        display_name=PRIVATE_NAME,
        slug="hidden-person",
        visibility=Visibility.MEMBERS,
        user__email=PRIVATE_EMAIL,
    )
    public = ProfileFactory(display_name=PUBLIC_NAME, slug="open-sharer")
    publish(
        case_study_record(
            slug="kitchens",
            title="Community kitchens",
            evidence_level="level-2",
            notices=[{"ocid": "ocds-h6vhtk-04a2b3", "url": ""}],
            contributor="hidden-person",
            licence="CC-BY-4.0",
            tags=["food", "co-production"],
        ),
        case_study_record(slug="orchards", title="Orchards", contributor="open-sharer"),
        case_study_record(slug="draft-plan", title="Unfinished draft plan", published=False),
        case_study_record(slug="behind-sign-in", title="Signed-in-only story"),
        seminar_record(slug="autumn", title="Autumn seminar"),
    )
    PageViewRestriction.objects.create(
        page=CaseStudyPage.objects.get(slug="behind-sign-in"),
        restriction_type=PageViewRestriction.LOGIN,
    )
    question(private, title="Members-only question about tendering")
    return {"private": private, "public": public}


def _records(root, name):
    text = (root / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def _empty_site():
    CaseStudyPage.objects.all().delete()
    SeminarPage.objects.all().delete()
    Organisation.objects.all().delete()


def _page_texts() -> dict[str, dict[str, str]]:
    """What the site shows of each page people read: its title, summary and text."""
    shown = {}
    for page in [*CaseStudyPage.objects.live(), *SeminarPage.objects.live()]:
        shown[page.slug] = {
            "title": page.title,
            "summary": page.summary,
            "body": str(page.body),
            "level": getattr(page, "evidence_level", ""),
            "notices": [n.ocid for n in getattr(page, "notices", CaseStudyPage.notices).all()]
            if isinstance(page, CaseStudyPage)
            else [],
        }
    return shown


def test_the_dump_holds_the_public_case_base_only(case_base, data_root):
    manifest = write_dump()

    cases = _records(data_root, "case-studies.jsonl")
    assert [c["slug"] for c in cases] == ["kitchens", "orchards"]
    assert {r["slug"] for r in _records(data_root, "seminars.jsonl")} == {"autumn"}
    lessons = _records(data_root, "lessons.jsonl")
    assert lessons and all(lesson["seminar"] == "autumn" for lesson in lessons)
    assert lessons[0]["url"].endswith(f"/seminars/autumn/#lesson-{lessons[0]['slug']}")
    named = {r["name"] for r in _records(data_root, "organisations.jsonl")}
    assert named == {cases[0]["organisation"]["name"], cases[1]["organisation"]["name"]} | {
        "Riverside Community Trust"
    }
    assert {f["name"]: f["records"] for f in manifest["files"]}["case-studies.csv"] == 2


def test_a_contribution_is_credited_as_the_site_credits_it_to_everyone(case_base, data_root):
    write_dump()
    credit = {c["slug"]: c for c in _records(data_root, "case-studies.jsonl")}

    assert credit["kitchens"]["attribution"] == (
        "Contributed by a member of the network to the Social Value Network"
    )
    assert credit["orchards"]["attribution"] == (
        f"Contributed by {PUBLIC_NAME} to the Social Value Network"
    )
    assert credit["kitchens"]["contributor"] is None  # never a profile's address
    assert credit["kitchens"]["contributed"] is True
    assert credit["kitchens"]["url"] == absolute("/case-studies/kitchens/")


def test_no_members_only_or_personal_data_in_any_file_or_json_ld(case_base, data_root, client):
    write_dump()
    private = case_base["private"]
    never = [
        PRIVATE_EMAIL, PRIVATE_NAME, private.slug, "Unfinished draft plan",
        "Signed-in-only story", "Members-only question", "@example.org",
    ]  # fmt: skip
    texts = {name: (data_root / name).read_text(encoding="utf-8") for name in file_names()}
    for page in [*CaseStudyPage.objects.live().public(), *SeminarPage.objects.live()]:
        html = BeautifulSoup(client.get(page.url).content, "html.parser")
        scripts = html.select('script[type="application/ld+json"]')
        assert scripts, page.url
        texts[f"JSON-LD of {page.url}"] = " ".join(script.string for script in scripts)
    for name, text in texts.items():
        for secret in never:
            assert secret not in text, (name, secret)
    for name in ("case-studies.jsonl", "seminars.jsonl", "lessons.jsonl"):
        for record in _records(data_root, name):
            assert "email" not in json.dumps(record).lower()


def test_the_json_lines_load_back_into_an_empty_site_as_the_site_showed_them(case_base, data_root):
    write_dump()
    shown = _page_texts()
    del shown["behind-sign-in"]  # not public: never in the files
    first = {name: (data_root / name).read_bytes() for name in file_names()}

    _empty_site()
    for name in ("organisations.jsonl", "case-studies.jsonl", "seminars.jsonl"):
        with (data_root / name).open(encoding="utf-8") as lines:
            report = import_lines(lines)
        assert report.rejections == []

    assert _page_texts() == shown
    write_dump()
    again = {name: (data_root / name).read_bytes() for name in file_names()}
    changed = [name for name in first if first[name] != again[name]]
    # Only the credit can differ: a contributor's profile is not open data, so an
    # imported contribution is credited to "a former member".
    assert set(changed) <= {"case-studies.jsonl", "case-studies.csv"}
    for before, after in zip(
        _records_of(first["case-studies.jsonl"]),
        _records_of(again["case-studies.jsonl"]),
        strict=True,
    ):
        assert {**before, "attribution": ""} == {**after, "attribution": ""}


def _records_of(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode().splitlines()]


def test_the_csv_files_load_back_into_an_empty_site_just_as_the_json_lines(case_base, data_root):
    write_dump()
    shown = _page_texts()
    del shown["behind-sign-in"]  # not public: never in the files
    json_lines = (data_root / "case-studies.jsonl").read_text()

    _empty_site()
    for name in ("organisations.csv", "case-studies.csv", "seminars.csv"):
        with (data_root / name).open(encoding="utf-8", newline="") as rows:
            report = import_csv(rows)
        assert report.rejections == [], [str(r) for r in report.rejections]

    assert _page_texts() == shown
    write_dump()
    for before, after in zip(
        [json.loads(line) for line in json_lines.splitlines()],
        _records(data_root, "case-studies.jsonl"),
        strict=True,
    ):
        assert {**before, "attribution": ""} == {**after, "attribution": ""}


def test_a_csv_cell_that_cannot_be_read_names_its_row_and_column(data_root):
    rows = io.StringIO(
        "type,slug,title,published\r\n"
        "case_study,fine,A fine one,true\r\n"
        "case_study,broken,A broken one,maybe\r\n"
    )
    report = import_csv(rows)
    assert report.created == 1
    assert [str(r) for r in report.rejections] == [
        "Line 3: the published cell cannot be read as true or false."
    ]


def test_every_dumped_record_meets_its_schema_and_the_schema_refuses_what_the_import_does(
    case_base, data_root
):
    write_dump()
    for name, (kind, fmt) in file_names().items():
        if fmt != "jsonl":
            continue
        validator = Draft202012Validator(json_schema(RECORD_TYPES[kind]))
        for record in _records(data_root, name):
            assert list(validator.iter_errors(record)) == [], (name, record.get("slug"))

    validator = Draft202012Validator(json_schema(RECORD_TYPES["case_study"]))
    for fault in (
        {"organisation": {"name": "X", "type": "council", "org_id": "GB-XYZ-1"}},
        {"notices": [{"ocid": "nope", "url": ""}]},
        {"evidence_level": "level-9"},
        {"sectors": ["not-a-sector"]},
        {"unknown": 1},
    ):
        record = case_study_record(**fault)
        assert not validator.is_valid(record), fault
        assert import_lines([json.dumps(record)]).rejections, fault


def test_the_data_page_lists_each_file_with_its_size_and_checksum(case_base, data_root, client):
    ensure_trust_pages(ensure_site_tree().home)
    call_command("dump_open_data", stdout=io.StringIO())

    html = client.get("/data/").content.decode()
    rows = BeautifulSoup(html, "html.parser").select(".data-table tbody tr")
    listed = {row.th.a.get_text(strip=True): row.th.code.get_text() for row in rows}
    assert set(listed) == set(file_names())
    for name, checksum in listed.items():
        assert hashlib.sha256((data_root / name).read_bytes()).hexdigest() == checksum
    footer = BeautifulSoup(html, "html.parser").select_one("footer")
    assert footer.find("a", string="Open data")["href"] == "/data/"
    assert "CC BY 4.0" in html


def test_the_files_download_and_the_api_describes_them(case_base, data_root, client):
    write_dump()
    response = client.get("/data/files/case-studies.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="case-studies.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["slug"] for row in rows] == ["kitchens", "orchards"]

    assert client.get("/data/files/secrets.csv").status_code == 404
    assert client.get("/data/files/..%2Fmanifest.json").status_code == 404

    described = client.get("/api/data/").json()
    assert described["licence"]["name"] == "CC BY 4.0"
    assert {f["url"] for f in described["files"]} == {
        f"/data/files/{name}" for name in file_names()
    }
    schema = client.get("/data/schema/organisation.json")
    assert schema["Content-Type"] == "application/schema+json"
    Draft202012Validator.check_schema(schema.json())
    assert client.get("/data/schema/profile.json").status_code == 404


def test_the_codebook_explains_every_field_of_every_record(client, db):
    html = client.get("/data/codebook/").content.decode()
    fields = {
        code.get_text() for code in BeautifulSoup(html, "html.parser").select("tbody th code")
    }
    for record_type in RECORD_TYPES.values():
        assert {f.name for f in record_type.fields} <= fields
    assert {"organisation.org_id", "notices[].ocid", "outcomes[].evidence_type"} <= fields
    assert "Level 3" in html  # the evidence levels, by name


def test_before_the_first_dump_the_page_says_the_files_are_coming(data_root, client, db):
    ensure_trust_pages(ensure_site_tree().home)
    html = client.get("/data/").content.decode()
    assert "The files are being made for the first time." in html
    assert client.get("/api/data/").json()["files"] == []
