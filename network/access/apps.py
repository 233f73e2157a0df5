from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "network.access"
    label = "access"
    verbose_name = "Groups and permissions"
