"""`GET /api/search.csv`: the results of any search or listing as a spreadsheet.

It takes the JSON API's parameters (`params.parse`, for the viewer asking) and lists what
the search page shows that viewer, in its order: on page 1 the pages editors recommend
for the words, once, then the ranked results, page after page of MAX_PAGE_SIZE, up to
MAX_ROWS rows. A malformed number (even `page`, which a download otherwise ignores) is a
400 with a sentence, as the API answers it.

The first page is searched before the response starts, so that a failure is an answer
and not half a file, and so that the headers can say how many results there are
(`X-Results-Total`) and, past MAX_ROWS, that the file holds only the first ones
(`X-Results-Capped`); the rest are streamed as they are searched, so a large download
never sits whole in memory. The data stays clean for reuse: no note is written among
the rows. A download is not a search people make and is not logged in the insights.

Cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a
carriage return) get a leading apostrophe, so that text from contributors cannot run
in a reader's spreadsheet (CSV injection).
"""

import csv
from collections.abc import Iterator
from dataclasses import replace
from http import HTTPStatus

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .facets import FACETS, KIND, term_facets
from .kinds import viewer_for
from .params import BadParameter, parse
from .service import search
from .types import MAX_PAGE_SIZE, Hit, SearchResult

MAX_ROWS = 5_000
# The facet shown first among the facets, when a kind registers it: how far to trust it.
FIRST_FACETS = ("evidence",)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def facet_columns() -> list[str]:
    """The facets that classify a hit, one column each: the evidence first."""
    names = term_facets()
    return [name for name in FIRST_FACETS if name in names] + [
        name for name in names if name not in FIRST_FACETS
    ]


def header() -> list[str]:
    """The columns, named as the JSON API names a hit's keys."""
    return [
        "kind",
        "title",
        "url",
        "summary",
        "year",
        "published_at",
        "recommended",
        *facet_columns(),
    ]


def safe_cell(value: str) -> str:
    """A cell no spreadsheet reads as a formula."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


@require_safe
def search_csv(request):
    try:
        search_request = parse(request.GET, viewer_for(request.user))
    except BadParameter as error:
        return HttpResponse(
            str(error), status=HTTPStatus.BAD_REQUEST, content_type="text/plain; charset=utf-8"
        )
    first = search(replace(search_request, page=1, page_size=MAX_PAGE_SIZE, recommend=True))
    response = StreamingHttpResponse(_lines(request, first), content_type="text/csv; charset=utf-8")
    filename = f"social-value-search-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Results-Total"] = str(first.total)
    if first.total > MAX_ROWS:
        response["X-Results-Capped"] = str(MAX_ROWS)
    response["X-Robots-Tag"] = "noindex"
    return response


def rows(first: SearchResult) -> Iterator[tuple[Hit, bool]]:
    """The hits of a search whose first page is `first`, each with whether it is
    recommended, at most MAX_ROWS. Later pages search what the first page searched (its
    words as corrected, or its closest matches) exactly, and leave out what it
    recommended, as the search page's own later pages do."""
    listed = 0
    for hit in first.promoted:
        yield hit, True
        listed += 1
    later = replace(
        first.request,
        exact=True,
        recommend=False,
        hits_only=True,
        leave_out=tuple(hit.doc_id for hit in first.promoted),
    )
    result, page = first, 1
    while listed < MAX_ROWS and result.hits:
        for hit in result.hits[: MAX_ROWS - listed]:
            yield hit, False
            listed += 1
        if page >= result.num_pages:
            return
        page += 1
        result = search(replace(later, page=page))


def _lines(request, first: SearchResult) -> Iterator[str]:
    writer = csv.writer(_Echo())
    columns = facet_columns()
    # Each facet's labels, read once for the whole file.
    labels = {name: FACETS[name].terms() for name in (KIND, *columns)}
    yield "\ufeff"  # a byte order mark: spreadsheets then read the file as UTF-8
    yield writer.writerow(header())
    for hit, recommended in rows(first):
        yield writer.writerow(_row(request, hit, recommended, columns, labels))


def _row(
    request, hit: Hit, recommended: bool, columns: list[str], labels: dict[str, dict[str, str]]
) -> list[str]:
    def named(facet: str, values) -> str:
        return "; ".join(labels[facet].get(value, value) for value in values)

    cells = [
        named(KIND, [hit.kind]),
        hit.title,
        request.build_absolute_uri(hit.url),
        hit.summary,
        str(hit.year or ""),
        hit.published_at.isoformat() if hit.published_at else "",
        "yes" if recommended else "",
        *(named(facet, hit.facets.get(facet, [])) for facet in columns),
    ]
    return [safe_cell(cell) for cell in cells]


class _Echo:
    """A file that hands back what is written to it: `csv.writer(...).writerow` then
    returns the row as text, to be streamed."""

    def write(self, text: str) -> str:
        return text
