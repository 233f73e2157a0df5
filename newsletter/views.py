"""The newsletter's pages. Thin: each parses a form or a token and calls one function of
`subscribing` or `leaving`.

Every answer to a subscription form is the same page, whatever the address; links in
emails open pages with one button, because mail scanners follow links (GET) but do not
press buttons (POST). The unsubscribe URL also takes the one-click POST of RFC 8058,
which mail clients send without a session or CSRF token: the signed token is the
authority.
"""

from http import HTTPStatus

from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from allauth.account.adapter import get_adapter

from base.numbers import BadNumber, whole_number

from . import leaving, subscribing, tokens, topics
from .forms import (
    ALERTS_WORDING,
    ManageForm,
    NewsletterChoiceForm,
    SearchAlertForm,
    TopicsForm,
    newsletter_box_wording,
)
from .models import NewsletterArchivePage, Subscription


def _noindex(response):
    response["X-Robots-Tag"] = "noindex"
    return response


def _subscribe(request, form, chosen: list[str], form_name: str):
    """Subscribe from a valid form; the answer every address gets."""
    member_email = subscribing.verified_address(request.user)
    if form.is_bot():
        return redirect("newsletter:check_email")
    frequency = form.cleaned_data["frequency"]
    consent = {
        "form": form_name,
        "wording": ALERTS_WORDING,
        "newsletter_wording": form.newsletter_wording(),
    }
    if member_email:
        subscribing.subscribe_member(request.user, member_email, chosen, frequency, **consent)
        return render(request, "newsletter/subscribed.html")
    subscribing.subscribe(
        form.cleaned_data["email"],
        chosen,
        frequency,
        client_ip=get_adapter().get_client_ip(request) or "",
        **consent,
    )
    return redirect("newsletter:check_email")


@require_http_methods(["GET", "HEAD", "POST"])
def index(request):
    member_email = subscribing.verified_address(request.user)
    form = TopicsForm(request.POST or None, groups=topics.ready_made(), member_email=member_email)
    if request.method == "POST" and form.is_valid():
        return _subscribe(request, form, form.topics(), "newsletter page")
    context = {
        "form": form,
        "member_email": member_email,
        "archive": NewsletterArchivePage.objects.live().public().first(),
    }
    return render(request, "newsletter/index.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe_to_search(request):
    topic = topics.normalise(request.GET)
    member_email = subscribing.verified_address(request.user)
    form = SearchAlertForm(request.POST or None, member_email=member_email)
    if len(topic) > Subscription.TOPIC_MAX_LENGTH:
        form.add_error(
            None, "This search is too long to follow. Remove some filters, then try again."
        )
    if request.method == "POST" and form.is_valid():
        return _subscribe(request, form, [topic], "search alerts")
    context = {
        "form": form,
        "member_email": member_email,
        "topic_label": topics.label(topic),
        "search_url": f"{reverse('search')}?{topic}",
        "query_string": topic,
    }
    return _noindex(render(request, "newsletter/subscribe_search.html", context))


def check_email(request):
    return _noindex(render(request, "newsletter/check_email.html"))


def _bad_link(request):
    return _noindex(render(request, "newsletter/bad_link.html", status=HTTPStatus.BAD_REQUEST))


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The button that confirms what the link names (topics, the editors' newsletter); a
    link already used, or sent before the person left, is a bad link."""
    confirmation = tokens.read_confirmation(token)
    if confirmation is None:
        return _bad_link(request)
    waiting = subscribing.waiting(confirmation)
    if not waiting:
        return _bad_link(request)
    subscriber = confirmation.subscriber
    if request.method == "POST":
        if not subscribing.confirm(confirmation):
            return _bad_link(request)
        manage_url = reverse("newsletter:manage", args=[tokens.make(subscriber, tokens.MANAGE)])
        return _noindex(render(request, "newsletter/confirmed.html", {"manage_url": manage_url}))
    context = {
        "email": subscriber.email,
        "topics": [topics.label(s.topic) for s in waiting.topics],
        "newsletter": waiting.newsletter,
    }
    return _noindex(render(request, "newsletter/confirm.html", context))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscriber = tokens.read(token, tokens.MANAGE)
    if subscriber is None:
        return _bad_link(request)
    if request.method == "POST":
        if subscriber.is_confirmed or subscriber.status == subscriber.Status.PENDING:
            leaving.end(subscriber, "The subscriber unsubscribed.")
        return _noindex(render(request, "newsletter/unsubscribed.html"))
    context = {
        "email": subscriber.email,
        "manage_url": reverse("newsletter:manage", args=[token]),
    }
    return _noindex(render(request, "newsletter/unsubscribe.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = tokens.read(token, tokens.MANAGE)
    if subscriber is None:
        return _bad_link(request)
    if request.method == "POST":
        try:
            _change(request, subscriber)
        except BadNumber as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        return redirect(request.path)
    rows = [
        {
            "subscription": s,
            "label": topics.label(s.topic),
            "form": ManageForm(initial={"frequency": s.frequency}, prefix=f"s{s.pk}"),
        }
        for s in subscriber.subscriptions.exclude(confirmed_at=None).order_by("created_at")
    ]
    context = {
        "email": subscriber.email,
        "rows": rows,
        "newsletter_form": NewsletterChoiceForm(initial={"newsletter": subscriber.newsletter}),
        "unsubscribe_url": reverse("newsletter:unsubscribe", args=[token]),
    }
    return _noindex(render(request, "newsletter/manage.html", context))


def _change(request, subscriber) -> None:
    """Turn the editors' newsletter on or off, or change one topic's frequency, or
    remove it. Raises BadNumber for a malformed subscription number."""
    if "newsletter_choice" in request.POST:
        choice = NewsletterChoiceForm(request.POST)
        if choice.is_valid():
            wanted, wording = choice.cleaned_data["newsletter"], newsletter_box_wording(choice)
            subscribing.choose_newsletter(subscriber, wanted, form="manage page", wording=wording)
        return
    pk = whole_number(request.POST, "subscription")
    subscription = subscriber.subscriptions.filter(pk=pk).first() if pk else None
    if subscription is None:
        return
    if "remove" in request.POST:
        subscription.delete()
        return
    form = ManageForm(request.POST, prefix=f"s{subscription.pk}")
    if form.is_valid():
        Subscription.objects.filter(pk=subscription.pk).update(
            frequency=form.cleaned_data["frequency"]
        )
