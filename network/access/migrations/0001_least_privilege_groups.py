"""The site's groups, each with exactly what its job needs, under names of our own:

- "Contribution moderators" review contributions: the contributions workflow's approval
  task, admin access, and publishing under the case study index (approving publishes).
- "Content editors" edit content: pages (add, change, publish from the root), images and
  documents in the root collection, the taxonomy (never deleting a term: slugs are a
  contract), search insights and promoted results.
- "Newsletter senders" send issues: `newsletter.send_issue` and the list of sends.

Wagtail's own "Moderators" and "Editors" are emptied (permissions, page and collection
permissions, approval tasks, people), not deleted: Wagtail's migrations grant to those names, so a grant
in a future upgrade lands in a group nobody is in, and the permission table test
(tests/network/test_groups.py) names it. Their people move to our groups of the same job,
so no one on an existing site loses the work they were given.
"""

from django.db import migrations

MODERATORS = "Contribution moderators"
EDITORS = "Content editors"
SENDERS = "Newsletter senders"
WAGTAIL_GROUPS = {"Moderators": MODERATORS, "Editors": EDITORS}
TASK_NAME = "Review by a moderator"

TAXONOMY = [
    "sector", "theme", "outcomearea", "stage", "region", "organisationtype", "role",
    "organisation", "synonymset",
]  # fmt: skip
ADMIN = [("wagtailadmin", "admin", "access_admin")]
MODEL_PERMISSIONS = {
    MODERATORS: ADMIN,
    EDITORS: [
        *ADMIN,
        *(("taxonomy", model, f"{verb}_{model}") for model in TAXONOMY for verb in ("add", "change", "view")),
        ("search", "loggedsearch", "view_search_insights"),
        *(("search", "promotedquery", f"{verb}_promotedquery") for verb in ("add", "change", "delete", "view")),
    ],
    SENDERS: [
        *ADMIN,
        ("newsletter", "newsletterissuepage", "send_issue"),
        ("newsletter", "send", "view_send"),
    ],
}
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", codename) for codename in ("add_image", "change_image", "choose_image")
] + [
    ("wagtaildocs", "document", codename)
    for codename in ("add_document", "change_document", "choose_document")
]
# Approving a contribution publishes it, which Wagtail checks against page permissions.
MODERATOR_PAGE_PERMISSIONS = ["publish_page"]


def _permission(apps, app_label, model, codename):
    """The permission, made here if `migrate` has not yet made it (it does so only once
    every migration has run)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def _page_permissions(apps, group, page, codenames):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission(apps, "wagtailcore", "page", codename)
        )


def _empty(group):
    group.permissions.clear()
    group.page_permissions.all().delete()
    group.collection_permissions.all().delete()


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    CaseStudyIndexPage = apps.get_model("casestudies", "CaseStudyIndexPage")

    groups = {}
    for name, permissions in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        _empty(group)
        group.permissions.set([_permission(apps, *triple) for triple in permissions])
        groups[name] = group

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        _page_permissions(apps, groups[EDITORS], root_page, EDITOR_PAGE_PERMISSIONS)
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for triple in EDITOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=groups[EDITORS], collection=root_collection, permission=_permission(apps, *triple)
            )
    index = CaseStudyIndexPage.objects.order_by("path").first()
    if index is not None:
        _page_permissions(apps, groups[MODERATORS], index, MODERATOR_PAGE_PERMISSIONS)
    for task in GroupApprovalTask.objects.filter(name=TASK_NAME):
        task.groups.set([groups[MODERATORS]])

    for wagtail_name, ours in WAGTAIL_GROUPS.items():
        wagtail_group = Group.objects.filter(name=wagtail_name).first()
        if wagtail_group is not None:
            groups[ours].user_set.add(*wagtail_group.user_set.all())
            wagtail_group.user_set.clear()
            _empty(wagtail_group)
            # Wagtail's default workflow ("Moderators approval", on the root page): its
            # approvers must be able to publish what they approve, as content editors can.
            for task in GroupApprovalTask.objects.filter(groups=wagtail_group):
                task.groups.remove(wagtail_group)
                task.groups.add(groups[EDITORS])


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0006_partner_organisation_names"),
        ("newsletter", "0005_issue_send_permission"),
        ("search", "0005_editors_see_insights_and_promote"),
        ("taxonomy", "0003_synonym_sets"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Going back leaves the groups as they are: restoring Wagtail's broad defaults would
    # hand publishing on every page back to moderators.
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
