"""Pages of the site that are not Wagtail pages: the glossary."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from taxonomy.glossary import glossary


@require_GET
def glossary_page(request):
    entries = sorted(glossary(), key=lambda entry: entry.term.lower())
    return render(request, "pages/glossary.html", {"entries": entries})
