from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "network.newsletter"
    label = "newsletter"
    verbose_name = "Newsletter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
