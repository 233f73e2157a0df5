from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "network.members"
    label = "members"
    verbose_name = "Members"

    def ready(self):
        from . import pickers, signals

        signals.connect()
        pickers.register()
