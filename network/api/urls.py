"""The API's description: the OpenAPI document and the page that reads it."""

from django.urls import path

from . import views

urlpatterns = [
    path("api/", views.api_page, name="api"),
    path("api/schema/", views.openapi_schema, name="api_schema"),
]
