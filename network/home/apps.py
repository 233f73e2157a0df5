from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "network.home"
    label = "home"
    verbose_name = "Home"

    def ready(self):
        from base import mail

        from .templatetags.trust import privacy_url

        mail.find_privacy_notice_with(lambda: privacy_url({"request": None}))
