from django import template

from ..views import described_files

register = template.Library()


@register.inclusion_tag("opendata/files.html")
def open_data_files():
    """The files of the last dump, their schemas and the codebook, for the data page."""
    return described_files()
