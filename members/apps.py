from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    label = "members"
    verbose_name = "Members"

    def ready(self):
        from . import photos, pickers, signals

        signals.connect()
        photos.connect()
        pickers.register()
