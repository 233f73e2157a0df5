"""The member directory at /members/: faceted search over member profiles."""

from django.shortcuts import render


def directory(request):
    return render(request, "members/directory.html", {})
