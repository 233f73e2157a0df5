"""/api/schema/, the OpenAPI document for programs, and /api/, the same for people."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from base.markdown import render_markdown
from casestudies.contents import Entry

from . import openapi, page


@require_safe
def openapi_schema(request):
    return JsonResponse(openapi.document(), json_dumps_params={"indent": 2})


@require_safe
def api_page(request):
    document = openapi.document()
    sections = page.sections(document)
    return render(
        request,
        "pages/api.html",
        {
            "introduction": render_markdown(document["info"]["description"]),
            "sections": sections,
            "contents": [Entry("before-you-start", "Before you start"), *page.contents(sections)],
            "server": settings.SITE_BASE_URL,
        },
    )
