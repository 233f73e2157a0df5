"""Every URL of the site, and before them a minimal view: a fixed short answer through the
same middleware, server and workers as the pages, which is the limit a page is measured
against."""

from django.http import HttpResponse
from django.urls import include, path

from benchmarks.pages_site import MINIMAL_PATH


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(MINIMAL_PATH, minimal), path("", include("network.urls"))]
