from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "network.home"
    label = "home"
    verbose_name = "Home"
