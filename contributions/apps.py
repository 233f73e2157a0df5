from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = "Contributions"

    def ready(self):
        from django.db.models.signals import post_save

        from casestudies.models import CaseStudyIndexPage

        from . import members, notify, workflow

        notify.connect()
        members.connect()
        post_save.connect(
            workflow.index_created, sender=CaseStudyIndexPage, dispatch_uid="contributions.index"
        )
