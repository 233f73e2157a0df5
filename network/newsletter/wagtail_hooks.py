"""The newsletter in the Wagtail admin, read-mostly: subscribers (filter, search, CSV
export), consent records, and how many confirmed subscribers each topic has at each
frequency. Staff do not add or edit subscribers: people do that through the emails."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import path

from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Consent, Subscriber, Subscription
from .topics import label


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Model permissions, minus adding and changing: people manage their own alerts."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change"} and super().user_has_permission(user, action)


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


def topic_counts() -> list[dict]:
    """Confirmed subscribers of each topic at each frequency, most followed first."""
    rows = (
        Subscription.objects.filter(
            confirmed_at__isnull=False, subscriber__status=Subscriber.Status.CONFIRMED
        )
        .values("topic")
        .annotate(
            total=Count("pk"),
            immediately=Count("pk", filter=Q(frequency="immediately")),
            daily=Count("pk", filter=Q(frequency="daily")),
            weekly=Count("pk", filter=Q(frequency="weekly")),
        )
        .order_by("-total", "topic")
    )
    return [{**row, "label": label(row["topic"])} for row in rows]


@require_admin_access
def topics_view(request):
    return render(request, "newsletter/admin/topics.html", {"rows": topic_counts()})


class TopicCountsViewSet(ViewSet):
    name = "newsletter_topics"
    icon = "list-ul"
    menu_label = "Topics"

    def get_urlpatterns(self):
        return [path("", topics_view, name="index")]


register_permission_policy(Subscriber, ReadOnlyPolicy(Subscriber))
register_permission_policy(Consent, ReadOnlyPolicy(Consent))


class NewsletterGroup(ModelViewSetGroup):
    menu_label = "Newsletter"
    menu_icon = "mail"
    menu_order = 260
    items = [SubscriberViewSet, ConsentViewSet, TopicCountsViewSet]


@hooks.register("register_admin_viewset")
def register_newsletter_admin():
    return NewsletterGroup()
