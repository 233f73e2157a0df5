"""Helpers for the contribution tests: members, editors, and a draft written through the
real form."""

from django.contrib.auth.models import Group
from django.urls import reverse

from casestudies.models import CaseStudyPage
from contributions import workflow
from tests.factories.members import ProfileFactory, UserFactory

GOOD = {
    "title": "Co-operative youth services in Marshfield",
    "summary": "How a council and young people designed youth services together.",
    "lead_organisation": "",
    "region": "london",
    "body": "We started with **young people**.\n\n## What changed\n\nMore came.",
    "may_share": "on",
    "no_service_users": "on",
    "licence": "on",
}


def make_member(confirmed=True, **fields):
    return ProfileFactory(user=UserFactory(confirmed=confirmed), **fields)


def make_moderator():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=workflow.MODERATORS))
    return user


def write(client, data=None, pk=None, submit=False):
    """Post the form as a member's browser would."""
    url = reverse("contribute:edit", kwargs={"pk": pk}) if pk else reverse("contribute:new")
    payload = {**GOOD, **(data or {})}
    if pk and "base_revision" not in payload:
        payload["base_revision"] = CaseStudyPage.objects.get(pk=pk).latest_revision_id
    payload["submit" if submit else "save"] = ""
    return client.post(url, payload)


def contribution_of(profile) -> CaseStudyPage:
    return CaseStudyPage.objects.get(contributor=profile)
