"""Member pages: profile, profile editing, contact, "your data" and account deletion.

The directory lives in `directory.py`: it goes through the search service.
"""

import json
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from allauth.account.decorators import reauthentication_required, verified_email_required

from taxonomy.models import Organisation

from . import shown
from .contact import (
    ContactRefused,
    about_text,
    can_contact,
    messages_left_today,
    send_contact_message,
)
from .forms import ContactForm, DeleteAccountForm, ProfileForm
from .models import Profile
from .profiles import profile_for
from .visibility import Access, profile_access
from .yourdata import delete_account, member_data


def profile(request, slug):
    member = Profile.objects.with_related().filter(slug=slug).first()
    access = profile_access(request.user, member)
    if access is Access.NOT_FOUND:
        raise Http404("No member has that address.")
    if access is Access.SIGN_IN and request.user.is_authenticated:
        return render(request, "members/confirm_to_view.html", status=HTTPStatus.FORBIDDEN)
    if access is Access.SIGN_IN:
        messages.info(request, "Only signed-in members can see this profile. Sign in to see it.")
        return redirect_to_login(request.get_full_path())
    context = {
        "member": member,
        "is_owner": request.user.is_authenticated and member.user_id == request.user.pk,
        **shown.on_profile(member),
        "can_contact": request.user.is_authenticated and can_contact(request.user, member),
    }
    return render(request, "members/profile.html", context)


@login_required
def me(request):
    return redirect(profile_for(request.user))


@verified_email_required
def edit_profile(request):
    member = profile_for(request.user)
    form = ProfileForm(*_posted(request), instance=member)
    if request.method == "POST" and form.is_valid():
        # One transaction, so the index sees the profile with its expertise saved too.
        with transaction.atomic():
            form.save()
        messages.success(request, "Your profile has been saved.")
        return redirect(member)
    context = {
        "form": form,
        "member": member,
        "organisations": Organisation.objects.values_list("name", flat=True),
    }
    return render(request, "members/profile_edit.html", context)


@verified_email_required
def contact(request, slug):
    recipient = get_object_or_404(Profile.objects.select_related("user"), slug=slug)
    if profile_access(request.user, recipient) is not Access.ALLOWED:
        raise Http404("No member has that address.")
    if not can_contact(request.user, recipient):
        return render(request, "members/contact_unavailable.html", {"member": recipient})
    form = ContactForm(_posted(request)[0], initial={"body": about_text(request.GET.get("about"))})
    if request.method == "POST" and form.is_valid():
        try:
            send_contact_message(
                request.user, recipient, form.cleaned_data["body"], form.cleaned_data["share_email"]
            )
        except ContactRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Your message has been sent to {recipient.display_name}.")
            return redirect(recipient)
    context = {"form": form, "member": recipient, "left_today": messages_left_today(request.user)}
    return render(request, "members/contact.html", context)


@login_required
def your_data(request):
    return render(request, "members/your_data.html", {"member": profile_for(request.user)})


@login_required
@require_POST
def download_data(request):
    response = HttpResponse(
        json.dumps(member_data(request.user), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="social-value-network-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@reauthentication_required
def delete(request):
    form = DeleteAccountForm(_posted(request)[0])
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user)
        messages.success(request, "Your account has been deleted. Thank you for taking part.")
        return redirect("/")
    return render(request, "members/delete_account.html", {"form": form})


def _posted(request):
    """Form data and files when the request is a POST (even an empty one), else None."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None
