"""Members in the Wagtail admin: a filtered list, moderation edits, suspension (also from
the review screen of a member's contribution), and the log of contact messages staff read
when someone reports abuse."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import Button, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import pickers
from .models import ContactMessage, Profile
from .suspension import reinstate, suspend


class LimitedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, minus the actions this admin never offers."""

    def __init__(self, model, denied: set[str]):
        super().__init__(model)
        self.denied = denied

    def user_has_permission(self, user, action):
        return action not in self.denied and super().user_has_permission(user, action)


def _suspension_button(profile: Profile, button_class):
    label = "Reinstate" if profile.is_suspended else "Suspend"
    url = reverse("members_admin_suspension", args=[profile.pk])
    return button_class(label, url=url, icon_name="lock", priority=30)


class MemberIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change"):
            buttons.append(_suspension_button(instance, ListingButton))
        return buttons


class MemberEditView(generic.EditView):
    @property
    def header_more_buttons(self):
        return [*super().header_more_buttons, _suspension_button(self.object, Button)]


class MemberViewSet(ModelViewSet):
    model = Profile
    name = "member_profiles"
    icon = "user"
    menu_label = "Members"
    index_view_class = MemberIndexView
    edit_view_class = MemberEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "display_name",
        "role",
        "sector",
        "region",
        "visibility",
        Column("suspended_at", label="Suspended"),
        "created_at",
    ]
    list_filter = {
        "visibility": ["exact"],
        "role": ["exact"],
        "sector": ["exact"],
        "region": ["exact"],
        "suspended_at": ["isnull"],
        "accepts_messages": ["exact"],
    }
    search_fields = ["display_name", "job_title", "organisation_name"]
    # Staff moderate what others see; the member's own choices stay theirs to make.
    form_fields = ["display_name", "job_title", "bio", "visibility", "accepts_messages"]
    inspect_view_fields = [
        "display_name", "slug", "job_title", "role", "organisation", "organisation_name",
        "sector", "region", "visibility", "accepts_messages", "suspended_at",
        "suspension_reason", "created_at", "updated_at",
    ]  # fmt: skip


class ContactMessageViewSet(ModelViewSet):
    model = ContactMessage
    name = "contact_messages"
    icon = "mail"
    menu_label = "Contact log"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["sender_name", "recipient_name", "sent_at", "shared_email"]
    list_filter = {"sent_at": ["gte", "lte"], "shared_email": ["exact"]}
    search_fields = ["sender_name", "recipient_name", "body"]
    form_fields = ["body"]  # required by the viewset; editing is never allowed


# Profiles are made at sign-up and deleted by their owner (staff suspend instead); the
# contact log is read-only.
register_permission_policy(Profile, LimitedPermissionPolicy(Profile, denied={"add", "delete"}))
register_permission_policy(
    ContactMessage,
    LimitedPermissionPolicy(ContactMessage, denied={"add", "change", "delete"}),
)


class MembersGroup(ModelViewSetGroup):
    menu_label = "Members"
    menu_icon = "group"
    menu_order = 250
    items = [MemberViewSet, ContactMessageViewSet]


@hooks.register("register_admin_viewset")
def register_members_admin():
    return MembersGroup()


class SuspensionForm(forms.Form):
    reason = forms.CharField(
        label="Reason (for the record; the member does not see it)",
        max_length=255,
        required=False,
    )


def _may_suspend(user) -> bool:
    return user.has_perm("members.change_profile")


def _next_url(request) -> str:
    """Where to go back to: the screen the suspension was opened from (such as a
    contribution's review), if it is on this site; else the list of members."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("member_profiles:index")


@require_admin_access
def suspension_view(request, pk):
    if not _may_suspend(request.user):
        raise PermissionDenied
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    form = SuspensionForm(request.POST if request.method == "POST" else None)
    back = _next_url(request)
    if request.method == "POST" and form.is_valid():
        if profile.is_suspended:
            reinstate(profile)
            messages.success(request, f"{profile} has been reinstated.")
        else:
            suspend(profile, form.cleaned_data["reason"])
            messages.success(
                request,
                f"{profile} has been suspended; their contributions waiting for review have "
                "left the queue.",
            )
        return redirect(back)
    context = {"profile": profile, "form": form, "next": back}
    return render(request, "members/admin/suspension.html", context)


@hooks.register("register_page_header_buttons")
def suspend_contributor_button(page, user, view_name, next_url=None):
    """On a contribution's edit and review screen, for staff who may suspend members:
    "Suspend <the contributor>", which comes back to this screen afterwards."""
    contributor_id = getattr(page, "contributor_id", None)
    if view_name != "edit" or not contributor_id or not _may_suspend(user):
        return []
    profile = Profile.objects.filter(pk=contributor_id, suspended_at__isnull=True).first()
    if profile is None:
        return []
    url = reverse("members_admin_suspension", args=[profile.pk])
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return [Button(f"Suspend the contributor, {profile}", url=url, icon_name="lock", priority=90)]


@hooks.register("register_admin_urls")
def register_suspension_url():
    return [path("members/suspension/<int:pk>/", suspension_view, name="members_admin_suspension")]


@hooks.register("register_admin_viewset")
def register_profile_chooser():
    return pickers.profile_chooser
