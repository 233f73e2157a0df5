"""Member URLs: the directory, profiles, contact and "your data"."""

from django.urls import path

from . import directory, views

app_name = "members"

urlpatterns = [
    path("members/", directory.directory, name="directory"),
    path("members/me/", views.me, name="me"),
    path("members/me/edit/", views.edit_profile, name="edit"),
    path("members/me/data/", views.your_data, name="your_data"),
    path("members/me/data/download/", views.download_data, name="download_data"),
    path("members/me/delete/", views.delete, name="delete"),
    path("members/<slug:slug>/", views.profile, name="profile"),
    path("members/<slug:slug>/contact/", views.contact, name="contact"),
]
