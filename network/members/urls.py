"""Member URLs: profiles and the directory."""

urlpatterns: list = []
