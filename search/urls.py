"""Search URLs: the page and the JSON API."""

urlpatterns: list = []
