from django.urls import path

from . import views

urlpatterns = [
    path("data/files/<str:name>", views.data_file, name="open_data_file"),
    path("data/schema/<slug:record_type>.json", views.record_schema, name="open_data_schema"),
    path("data/codebook/", views.codebook_page, name="open_data_codebook"),
    path("api/data/", views.data_api, name="open_data_api"),
]
