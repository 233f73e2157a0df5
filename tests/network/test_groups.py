"""The site's groups hold exactly what their jobs need (network/access/migrations): the
whole permission table is asserted, so a permission cannot slip into a group unnoticed,
and a moderator cannot touch the site's own pages."""

from http import HTTPStatus

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import GroupApprovalTask

import pytest

from casestudies.site_tree import ensure_site_tree
from contributions import workflow
from network.home.models import Purpose, StandardPage
from network.home.trust_pages import ensure_trust_pages
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db

ADMIN = ["wagtailadmin.access_admin"]
TAXONOMY = [
    "sector", "theme", "outcomearea", "stage", "region", "organisationtype", "role",
    "organisation", "synonymset",
]  # fmt: skip
NOTHING = {"permissions": [], "pages": [], "collections": [], "tasks": []}

EXPECTED = {
    "Content editors": {
        "permissions": sorted(
            [
                *ADMIN,
                *(
                    f"taxonomy.{verb}_{model}"
                    for model in TAXONOMY
                    for verb in ("add", "change", "view")
                ),
                "search.view_search_insights",
                *(
                    f"wagtailsearchpromotions.{verb}_searchpromotion"
                    for verb in ("add", "change", "delete", "view")
                ),
            ]
        ),
        "pages": ["Root: add_page", "Root: change_page", "Root: publish_page"],
        "collections": [
            "Root: wagtaildocs.add_document",
            "Root: wagtaildocs.change_document",
            "Root: wagtaildocs.choose_document",
            "Root: wagtailimages.add_image",
            "Root: wagtailimages.change_image",
            "Root: wagtailimages.choose_image",
        ],
        "tasks": ["Moderators approval"],  # Wagtail's default workflow, on the root page
    },
    "Contribution moderators": {
        "permissions": sorted([*ADMIN, "questions.moderate_question"]),
        "pages": ["Case studies: publish_page"],
        "collections": [],
        "tasks": ["Review by a moderator"],
    },
    "Newsletter senders": {
        "permissions": sorted([*ADMIN, "newsletter.send_issue", "newsletter.view_send"]),
        "pages": [],
        "collections": [],
        "tasks": [],
    },
    # Wagtail's defaults, emptied: its migrations grant to these names.
    "Editors": NOTHING,
    "Moderators": NOTHING,
}


def _permission_table() -> dict[str, dict[str, list[str]]]:
    def label(permission) -> str:
        return f"{permission.content_type.app_label}.{permission.codename}"

    return {
        group.name: {
            "permissions": sorted(label(p) for p in group.permissions.all()),
            "pages": sorted(
                f"{row.page.title}: {row.permission.codename}"
                for row in group.page_permissions.all()
            ),
            "collections": sorted(
                f"{row.collection.name}: {label(row.permission)}"
                for row in group.collection_permissions.all()
            ),
            "tasks": sorted(
                GroupApprovalTask.objects.filter(groups=group).values_list("name", flat=True)
            ),
        }
        for group in Group.objects.all()
    }


def test_every_group_holds_exactly_the_permissions_its_job_needs():
    ensure_site_tree()  # as on a new site: the case study index made after the migrations

    assert _permission_table() == EXPECTED


@pytest.fixture
def moderator_client(client):
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name=workflow.MODERATORS))
    client.force_login(moderator)
    return client


@pytest.mark.parametrize("purpose", [Purpose.ABOUT, Purpose.PRIVACY])
def test_a_moderator_can_neither_edit_nor_publish_the_sites_own_pages(moderator_client, purpose):
    ensure_trust_pages(ensure_site_tree().home)
    page = StandardPage.objects.get(purpose=purpose)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    opened = moderator_client.get(url)
    published = moderator_client.post(
        url, {"title": "Defaced", "slug": page.slug, "action-publish": "action-publish"}
    )

    # Wagtail's admin answers a refused permission by sending the person to its dashboard.
    for response in (opened, published):
        assert response.status_code == HTTPStatus.FOUND
        assert response.url == reverse("wagtailadmin_home")
    page.refresh_from_db()
    assert page.title != "Defaced" and page.latest_revision.content["title"] != "Defaced"
