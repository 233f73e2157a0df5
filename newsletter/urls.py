"""The newsletter's URLs, under /newsletter/."""

from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("", views.index, name="index"),
    path("subscribe/", views.subscribe_to_search, name="subscribe"),
    path("check-your-email/", views.check_email, name="check_email"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
]
