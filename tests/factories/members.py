"""Factories for member accounts and profiles (factory_boy)."""

from django.contrib.auth import get_user_model

import factory
from allauth.account.models import EmailAddress

from members.models import Profile, Visibility

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member-{n:04d}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def confirmed(user, create, extracted, **kwargs):
        """A confirmed primary address unless `confirmed=False` is passed."""
        if create:
            verified = True if extracted is None else bool(extracted)
            EmailAddress.objects.create(
                user=user, email=user.email, verified=verified, primary=True
            )
            user.save()


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Member Number{n}")
    slug = factory.Sequence(lambda n: f"member-number-{n}")
    job_title = "Commissioning manager"
    visibility = Visibility.PUBLIC
