"""Search URLs: the page, its Atom feed, the JSON API and the CSV download."""

from django.urls import path

from . import api, csv_download, feeds, views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/feed/", feeds.search_feed, name="search_feed"),
    path("search/opened/", views.result_opened, name="search_opened"),
    path("api/search/", api.search_api, name="search_api"),
    path("api/search/suggest/", api.suggest_api, name="search_suggest"),
    path("api/search.csv", csv_download.search_csv, name="search_csv"),
]
