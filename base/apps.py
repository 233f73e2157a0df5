from django.apps import AppConfig


class BaseConfig(AppConfig):
    """The shared layer every feature builds on; its one duty at start-up is to forget
    cached pages when any page changes (`pagecache.connect`)."""

    name = "base"
    verbose_name = "Shared foundations"

    def ready(self):
        from . import pagecache

        pagecache.connect()
