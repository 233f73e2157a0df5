"""`manage.py send_question_notices`: run every few minutes from cron or the worker's
schedule, to send the emails about answers that a task did not (no worker, a worker
that stopped). Safe to run at any time, and beside other runs; prints what it sent."""

from django.core.management.base import BaseCommand

from questions.notify import send_due


class Command(BaseCommand):
    help = "Send the due emails about new and accepted answers to questions."

    def handle(self, *args, **options):
        sent = send_due()
        self.stdout.write(f"Sent {sent} email{'' if sent == 1 else 's'} about questions.")
