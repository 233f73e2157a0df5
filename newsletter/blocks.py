"""The blocks of a newsletter issue: chosen case studies, seminars and lessons, and free
sections in Markdown. A chooser offers, and the block accepts, only live public content;
`issues.items` drops anything withdrawn since it was chosen."""

from typing import Any

from django.core.exceptions import ValidationError

from wagtail import blocks

from casestudies.blocks import MarkdownBlock

from .choosers import lesson_chooser_viewset, public_lessons


class PublicPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser that refuses drafts and pages behind a view restriction."""

    def clean(self, value):
        value = super().clean(value)
        if value is not None:
            page = value.specific
            if not page.live or page.get_view_restrictions().exists():
                raise ValidationError(
                    f"“{page.title}” is not published for everyone. Choose a published, "
                    "public page, or publish this one first."
                )
        return value


# A class Wagtail makes at run time, with no type information.
_LessonChooserBlock: Any = lesson_chooser_viewset.get_block_class(
    name="_LessonChooserBlock", module_path="newsletter.blocks"
)


class LessonChooserBlock(_LessonChooserBlock):
    def clean(self, value):
        value = super().clean(value)
        if value is not None and not public_lessons().filter(pk=value.pk).exists():
            raise ValidationError(
                f"The lesson “{value}” belongs to a seminar that is not published for "
                "everyone. Choose a lesson of a published, public seminar."
            )
        return value

    class Meta:
        icon = "help"
        label = "Lesson"


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False)
    text = MarkdownBlock()

    class Meta:
        icon = "doc-full"
        label = "Free section"


class IssueBodyBlock(blocks.StreamBlock):
    case_study = PublicPageChooserBlock(
        page_type="casestudies.CaseStudyPage", label="Case study", icon="doc-full-inverse"
    )
    seminar = PublicPageChooserBlock(page_type="casestudies.SeminarPage", label="Seminar")
    lesson = LessonChooserBlock()
    section = SectionBlock()
