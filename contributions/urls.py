"""Contribution URLs: the form, its autosave, and a member's list of contributions."""

from django.urls import path

from . import views

app_name = "contribute"

urlpatterns = [
    path("contribute/", views.write, name="new"),
    path("contribute/autosave/", views.autosave, name="autosave"),
    path("contribute/<int:pk>/", views.write, name="edit"),
    path("contribute/<int:pk>/autosave/", views.autosave, name="autosave_existing"),
    path("members/me/contributions/", views.mine, name="mine"),
]
