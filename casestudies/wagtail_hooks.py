"""The page editor's own script and styles (casestudies/admin_panels.py says what they do).

Wagtail 8 has no hook for editor-only styles; the few rules are scoped to the editor's widgets."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_editor_js")
def editor_js():
    return format_html('<script src="{}"></script>', static("js/admin/editor.js"))


@hooks.register("insert_global_admin_css")
def editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin/editor.css"))
