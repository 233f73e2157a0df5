"""The newsletter in the Wagtail admin, read-mostly: subscribers (filter, search, CSV
export), consent records, how many confirmed subscribers each topic has at each
frequency, and every send with its counts. Staff do not add or edit subscribers: people
do that through the emails. Newsletter issues are pages; their editor gets "Send test to
me" and "Send to subscribers" in place of "Publish" (sending publishes)."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.auth import require_admin_access
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import issue_views
from .choosers import lesson_chooser_viewset
from .models import (
    Consent,
    Delivery,
    NewsletterArchivePage,
    NewsletterIssuePage,
    Send,
    Subscriber,
)
from .models.subscribers import followed


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Model permissions, minus adding and changing: people manage their own alerts."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change"} and super().user_has_permission(user, action)


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Sends are a record: deleting one would let its issue be sent again."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change", "delete"} and super().user_has_permission(
            user, action
        )


class SubscriberIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(topic_count=Count("subscriptions"))


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    index_view_class = SubscriberIndexView
    name = "newsletter_subscribers"
    icon = "mail"
    menu_label = "Subscribers"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "email",
        "status",
        Column("topic_count", label="Topics"),
        "confirmed_at",
        "temporary_bounces",
        "ended_reason",
    ]
    list_filter = {"status": ["exact"], "confirmed_at": ["gte", "lte"]}
    search_fields = ["email"]
    list_export = [
        "email", "status", "created_at", "confirmed_at", "ended_at", "ended_reason",
        "temporary_bounces", "topic_count",
    ]  # fmt: skip
    export_filename = "newsletter-subscribers"
    form_fields = ["status"]  # required by the viewset; editing is never allowed
    inspect_view_fields = [
        "email", "status", "user", "created_at", "confirmed_at", "ended_at", "ended_reason",
        "temporary_bounces",
    ]  # fmt: skip


class ConsentViewSet(ModelViewSet):
    model = Consent
    name = "newsletter_consents"
    icon = "doc-full"
    menu_label = "Consent records"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["subscriber", "form", "given_at", "confirmed_at", "withdrawn_at"]
    list_filter = {"form": ["exact"], "withdrawn_at": ["isnull"]}
    search_fields = ["subscriber__email"]
    list_export = [
        "subscriber", "form", "wording", "given_at", "confirmed_at", "withdrawn_at",
        "withdrawn_reason",
    ]  # fmt: skip
    export_filename = "newsletter-consents"
    form_fields = ["form"]


@require_admin_access
def topics_view(request):
    return render(request, "newsletter/admin/topics.html", {"rows": followed()})


class TopicCountsViewSet(ViewSet):
    name = "newsletter_topics"
    icon = "list-ul"
    menu_label = "Topics"

    def get_urlpatterns(self):
        return [path("", topics_view, name="index")]


class SendIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                bounced=Count("deliveries", filter=Q(deliveries__outcome=Delivery.Outcome.BOUNCED)),
                unsubscribed=Count(
                    "deliveries", filter=Q(deliveries__outcome=Delivery.Outcome.UNSUBSCRIBED)
                ),
            )
        )


class SendViewSet(ModelViewSet):
    """Every digest run that sent something and every issue sent, with how many people
    got it, and how many of them bounced or unsubscribed after it was their last email."""

    model = Send
    index_view_class = SendIndexView
    name = "newsletter_sends"
    icon = "mail"
    menu_label = "Sends"
    copy_view_enabled = False
    list_display = [
        Column("__str__", label="Send"),
        "started_at",
        "finished_at",
        "sent",
        Column("items", label="Digest items"),
        Column("bounced", label="Bounced"),
        Column("unsubscribed", label="Unsubscribed afterwards"),
    ]
    list_filter = {"kind": ["exact"], "frequency": ["exact"]}
    list_export = ["kind", "frequency", "subject", "started_at", "finished_at", "sent", "items"]
    export_filename = "newsletter-sends"
    form_fields = ["subject"]


register_permission_policy(Subscriber, ReadOnlyPolicy(Subscriber))
register_permission_policy(Consent, ReadOnlyPolicy(Consent))
register_permission_policy(Send, ViewOnlyPolicy(Send))


class NewsletterGroup(ModelViewSetGroup):
    menu_label = "Newsletter"
    menu_icon = "mail"
    menu_order = 260
    items = [SubscriberViewSet, ConsentViewSet, TopicCountsViewSet, SendViewSet]


@hooks.register("register_admin_viewset")
def register_newsletter_admin():
    return NewsletterGroup()


@hooks.register("register_admin_viewset")
def register_lesson_chooser():
    return lesson_chooser_viewset


@hooks.register("register_admin_urls")
def issue_urls():
    return [
        path(
            "newsletter/issues/<int:page_id>/test/",
            issue_views.test_view,
            name="newsletter_issue_test",
        ),
        path(
            "newsletter/issues/<int:page_id>/send/",
            issue_views.send_view,
            name="newsletter_issue_send",
        ),
    ]


class IssueActionItem(ActionMenuItem):
    """A link in the issue editor's action menu to one of the sending pages."""

    url_name = ""

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, NewsletterIssuePage)
            and self.allowed(self.get_user_page_permissions_tester(context))
        )

    def allowed(self, permissions) -> bool:
        return permissions.can_edit()

    def get_url(self, parent_context):
        return reverse(self.url_name, args=[parent_context["page"].pk])


class SendTestMenuItem(IssueActionItem):
    label = "Send test to me"
    name = "action-newsletter-test"
    icon_name = "mail"
    url_name = "newsletter_issue_test"


class SendMenuItem(IssueActionItem):
    label = "Send to subscribers"
    name = "action-newsletter-send"
    icon_name = "upload"
    url_name = "newsletter_issue_send"

    def allowed(self, permissions) -> bool:
        return issue_views.may_send(permissions.user)


@hooks.register("register_page_action_menu_item")
def send_test_menu_item():
    return SendTestMenuItem(order=20)


@hooks.register("register_page_action_menu_item")
def send_menu_item():
    return SendMenuItem(order=30)


@hooks.register("construct_page_action_menu")
def sending_replaces_publishing(menu_items, request, context):
    """An issue is published by sending it, never on its own."""
    parent = context.get("parent_page")
    creating = parent is not None and parent.specific_class is NewsletterArchivePage
    if creating or isinstance(context.get("page"), NewsletterIssuePage):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
