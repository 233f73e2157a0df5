"""`manage.py seed_demo`: build the page tree and publish the demo content. Safe to run
again: it creates what is missing and leaves every existing page as it is, so an
editor's change to a demo page survives the next `make run`.

It makes confirmed demo accounts, so it runs only where DEMO_CONTENT_ALLOWED is true (the
dev and test settings); anywhere else it stops unless told `--force`."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from allauth.account.models import EmailAddress

from casestudies.demo import seed_content
from casestudies.demo.members import link_members
from casestudies.site_tree import ensure_site_tree
from contributions.demo import seed_contributions
from members.demo import seed_members
from network.home.trust_pages import ensure_trust_pages
from newsletter.demo import seed_newsletter

DEMO_EDITOR = {"username": "editor", "email": "editor@example.com", "password": "demo-editor-2026"}


class Command(BaseCommand):
    help = "Build the page tree and publish demo content (and a demo editor in development)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even where DEMO_CONTENT_ALLOWED is false, such as a real site.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace existing demo pages with the shipped content, editors' changes too.",
        )

    def handle(self, *args, force=False, overwrite=False, **options):
        if not (settings.DEMO_CONTENT_ALLOWED or force):
            raise CommandError(
                "seed_demo creates demo pages and confirmed demo accounts, and these settings "
                f"({settings.SETTINGS_MODULE}) do not allow demo content. Use the development "
                "settings, or add --force if you really mean to seed this site."
            )
        report = seed_content(overwrite=overwrite)
        if report.rejections:
            raise CommandError("\n".join(str(r) for r in report.rejections))
        self.stdout.write(
            f"Demo content: {report.created} new pages, {report.updated} overwritten, "
            f"{report.kept} already there and kept."
        )
        trust = ensure_trust_pages(ensure_site_tree().home)
        self.stdout.write(f"About, contact, privacy and accessibility pages: {trust} new.")
        self.stdout.write(f"Demo members: {seed_members()}.")
        link_members()
        seed_contributions()
        self.stdout.write(f"Newsletter: {seed_newsletter()}.")
        if getattr(settings, "DEMO_EDITOR_ENABLED", False):
            self._demo_editor()

    def _demo_editor(self):
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_EDITOR["username"],
            defaults={"email": DEMO_EDITOR["email"], "first_name": "Demo", "last_name": "Editor"},
        )
        user.is_staff = user.is_superuser = True
        user.set_password(DEMO_EDITOR["password"])
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=DEMO_EDITOR["email"], defaults={"verified": True, "primary": True}
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo editor: sign in at {settings.WAGTAILADMIN_BASE_URL}/admin/ with email "
                f"{DEMO_EDITOR['email']} and password {DEMO_EDITOR['password']} "
                "(development settings only)."
            )
        )
