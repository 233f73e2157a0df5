"""The open data's addresses: the files, their schemas, the codebook and the manifest as
JSON. The page that offers them is an editable page (`network.home`, purpose "data")
with `{% open_data_files %}` under its words."""

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from base.site_address import site_url
from casestudies.importexport.fields import RECORD_TYPES
from casestudies.importexport.schemas import codebook, json_schema

from .dump import FORMATS, LICENCE, file_names, manifest, root


@require_safe
@cache_control(public=True, max_age=3600)
def data_file(request, name: str):
    if name not in file_names() or not (root() / name).is_file():
        raise Http404("No such file.")
    response = FileResponse(
        (root() / name).open("rb"), as_attachment=True, filename=name,
        content_type=f"{FORMATS[file_names()[name][1]]}; charset=utf-8",
    )  # fmt: skip
    return response


@require_safe
def record_schema(request, record_type: str):
    if record_type not in RECORD_TYPES:
        raise Http404("No such record type.")
    schema = json_schema(RECORD_TYPES[record_type], site_url())
    response = JsonResponse(schema, json_dumps_params={"indent": 2})
    response["Content-Type"] = "application/schema+json"
    return response


@require_safe
def codebook_page(request):
    return render(request, "opendata/codebook.html", {"codebook": codebook()})


def described_files() -> dict:
    """The manifest as the API and the page give it: each file with its address."""
    written = manifest() or {}
    return {
        "licence": LICENCE,
        "generated_at": written.get("generated_at"),
        "files": [
            {**f, "url": reverse("open_data_file", args=[f["name"]])}
            for f in written.get("files", [])
        ],
        "schemas": [
            {"record_type": name, "url": reverse("open_data_schema", args=[name])}
            for name in RECORD_TYPES
        ],
    }


@require_safe
def data_api(request):
    return JsonResponse(described_files())
