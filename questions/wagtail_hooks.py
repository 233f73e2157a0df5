"""Questions in Wagtail's admin: the moderators' queue in the main menu and a page of
tools per thread, both for holders of `questions.moderate_question` only (the menu item
is hidden from others, and the views send them to the dashboard)."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.auth import permission_required
from wagtail.admin.menu import MenuItem

from . import admin_views
from .access import MODERATE

only_moderators = permission_required(MODERATE)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("questions/", only_moderators(admin_views.queue), name="questions_moderation"),
        path(
            "questions/<str:kind>/<int:pk>/<str:decision>/",
            only_moderators(admin_views.decide),
            name="questions_decide",
        ),
        path(
            "questions/<int:pk>/manage/",
            only_moderators(admin_views.thread),
            name="questions_thread",
        ),
    ]


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MODERATE)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorsMenuItem(
        "Questions",
        reverse("questions_moderation"),
        name="questions",
        icon_name="help",
        order=350,
    )


@hooks.register("register_permissions")
def register_moderation_permission():
    return Permission.objects.filter(
        content_type__app_label="questions", codename="moderate_question"
    )
