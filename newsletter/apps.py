from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    label = "newsletter"
    verbose_name = "Newsletter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from members import yourdata

        from . import leaving, signals

        signals.connect()
        # A member's subscriptions are part of "your data" and go with the account.
        yourdata.register(
            yourdata.DataHolder(
                "newsletter", export=leaving.member_subscriptions, forget=leaving.forget_member
            )
        )
