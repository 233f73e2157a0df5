"""Forms members fill in: sign-up, their profile, a message to another member, deletion."""

import io
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse_lazy

from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ReauthenticateForm as AllauthReauthenticateForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from PIL import Image, ImageOps

from base.clean_text import LineField, ProseField
from base.field_flags import mark_honeypot
from taxonomy.models import Organisation

from .models import Profile, Visibility

PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
PHOTO_MAX_PIXELS = 600  # the longest side kept; bigger photos are scaled down


class ResetLinkAfterTheButton:
    """allauth writes "Forgot your password?" into the password field's hint, which
    stands between the label and the box: Tab from the email box lands on the link, and
    Enter there opens the reset page and loses the typed password. The hint is dropped
    here and the link is written after the form's button (`elements/form.html`)."""

    # What the allauth form this is mixed into holds.
    fields: dict[str, forms.Field]

    reset_help_on = "password"
    password_reset_url = reverse_lazy("account_reset_password")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.reset_help_on].help_text = ""


class LoginForm(ResetLinkAfterTheButton, AllauthLoginForm):
    pass


class ReauthenticateForm(ResetLinkAfterTheButton, AllauthReauthenticateForm):
    pass


class ChangePasswordForm(ResetLinkAfterTheButton, AllauthChangePasswordForm):
    reset_help_on = "oldpassword"


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form with the name other members will see."""

    display_name = LineField(
        label="Your name",
        max_length=100,
        help_text="The name other members see. You can change it later.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["display_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        honeypot = self.fields.get(settings.ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD)
        if honeypot is not None:
            # Rendered off-screen and hidden from assistive technology (see fields.html).
            honeypot.label = "Leave this field empty"
            mark_honeypot(honeypot)
            honeypot.widget.attrs = {"tabindex": "-1", "autocomplete": "off"}


class ProfileForm(forms.ModelForm):
    organisation_text = LineField(
        label="Organisation",
        max_length=255,
        required=False,
        help_text="Start typing to pick one the network knows, or type a new name.",
        widget=forms.TextInput(attrs={"list": "organisation-options", "autocomplete": "off"}),
    )
    remove_photo = forms.BooleanField(label="Remove my photo", required=False)

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "job_title",
            "role",
            "organisation_text",
            "sector",
            "region",
            "themes",
            "stages",
            "outcome_areas",
            "bio",
            "photo",
            "remove_photo",
            "visibility",
            "accepts_messages",
            "open_to_questions",
        ]
        labels = {
            "display_name": "Your name",
            "role": "What you do",
            "themes": "Themes you know about",
            "stages": "Stages of commissioning you know about",
            "outcome_areas": "Social value outcomes you know about",
            "bio": "About you",
            "photo": "Photo",
            "visibility": "Who can see your profile",
            "accepts_messages": "Let signed-in members send me messages",
            "open_to_questions": "I am open to questions",
        }
        help_texts = {
            "display_name": "",
            "bio": "Up to 5,000 characters. You can use Markdown: *italic*, **bold**, "
            "[a link](https://example.org) and lists.",
            "photo": "A JPEG, PNG or WebP image, up to 2 MB. We remove its location and "
            "camera details.",
            "accepts_messages": "Your email address is never shown. Messages reach you by email "
            "and you choose whether to reply.",
            "open_to_questions": "Members asking about the themes, stages, sector or region on "
            "your profile see you among the people who can help, with a link to send you a "
            "message. This needs messages switched on above.",
        }
        field_classes = {"display_name": LineField, "job_title": LineField, "bio": ProseField}
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "stages": forms.CheckboxSelectMultiple,
            "outcome_areas": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
            "bio": forms.Textarea(attrs={"rows": 8}),
            "photo": forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_text"].initial = self.instance.organisation_label
        visibility = self.fields["visibility"]
        assert isinstance(visibility, forms.ChoiceField)  # the model field has choices
        visibility.choices = Visibility.choices
        for name in ("role", "sector", "region"):
            term = self.fields[name]
            assert isinstance(term, forms.ModelChoiceField)  # each a foreign key
            term.empty_label = "Not given"
        if not self.instance.photo:
            del self.fields["remove_photo"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo or photo == self.instance.photo:
            return photo
        if photo.size > settings.MEMBERS_PHOTO_MAX_BYTES:
            raise forms.ValidationError("Choose a photo smaller than 2 MB.")
        return _clean_image(photo)

    def save(self, commit=True):
        profile = super().save(commit=False)
        _set_organisation(profile, self.cleaned_data.get("organisation_text", ""))
        if self.cleaned_data.get("remove_photo") and "photo" not in self.changed_data:
            profile.photo = ""  # the file goes once the profile is saved: see photos.py
        if commit:
            profile.save()
            self.save_m2m()
        return profile


def _set_organisation(profile: Profile, text: str) -> None:
    text = " ".join(text.split())
    known = Organisation.objects.filter(name__iexact=text).first() if text else None
    profile.organisation = known
    profile.organisation_name = "" if known else text


def _clean_image(photo) -> ContentFile:
    """Check the file really is an image of an allowed type, then re-encode it smaller and
    without its metadata (EXIF can hold where a photo was taken)."""
    try:
        photo.seek(0)
        with Image.open(photo) as checked:
            image_format = checked.format
            checked.verify()
        photo.seek(0)
        with Image.open(photo) as opened:
            image = ImageOps.exif_transpose(opened)
            image.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
            if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            output = io.BytesIO()
            image.save(output, format=image_format)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise forms.ValidationError("The photo must be a JPEG, PNG or WebP image.") from error
    if image_format not in PHOTO_FORMATS:
        raise forms.ValidationError("The photo must be a JPEG, PNG or WebP image.")
    stem = PurePath(photo.name).stem or "photo"
    return ContentFile(output.getvalue(), name=f"{stem}.{PHOTO_FORMATS[image_format]}")


class ContactForm(forms.Form):
    body = ProseField(
        label="Your message",
        max_length=2000,
        help_text="Up to 2,000 characters. Say who you are and why you are getting in touch.",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    share_email = forms.BooleanField(
        label="Share my email address so they can reply to me directly",
        required=False,
        help_text="If you leave this unticked, they see your name and a link to your profile "
        "but not your email address.",
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand that my account and profile will be deleted and cannot be restored",
        error_messages={"required": "Tick the box to confirm you want to delete your account."},
    )
