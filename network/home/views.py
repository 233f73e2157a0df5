"""Pages of the site that are not Wagtail pages: the glossary, the levels of evidence,
and the icon at the root."""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from casestudies import evidence
from taxonomy.glossary import glossary


@require_safe
def glossary_page(request):
    entries = sorted(glossary(), key=lambda entry: entry.term.lower())
    return render(request, "pages/glossary.html", {"entries": entries})


@require_safe
def evidence_page(request):
    """What each level of evidence means, in plain words, and the kinds of evidence an
    outcome rests on."""
    return render(
        request,
        "pages/evidence.html",
        {"levels": evidence.LEVELS, "outcome_types": evidence.OUTCOME_EVIDENCE_TYPES.values()},
    )


@require_safe
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever a page says; the static
    file's (hashed, in production) name is looked up when asked, not at start-up."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
