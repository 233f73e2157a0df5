"""StreamField blocks of case study and seminar bodies.

Lessons are not a body block: a seminar's lessons are written in its Lessons panel
(numbered, with themes and stages, found on their own in search). Blocks start collapsed
in the editor, each showing a summary, so a long body stays short to scroll.
"""

from typing import Any

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from base.markdown import render_markdown

from .evidence import OUTCOME_EVIDENCE_CHOICES


class NamedInputMixin:
    """Wagtail gives a block of one field, at the top level of a body, a heading but no
    <label>; the block's label names its input instead."""

    # What the Wagtail field block this is mixed into holds.
    field: Any
    label: str

    def set_name(self, name):
        # The block's own set_name, which the type checker cannot see from a mixin.
        super().set_name(name)  # type: ignore[misc]
        self.field.widget.attrs.setdefault("aria-label", str(self.label))


class MarkdownBlock(NamedInputMixin, blocks.TextBlock):
    """Markdown, rendered through the project's sanitising renderer. Imports write this."""

    def render_basic(self, value, context=None):
        return render_markdown(value)

    class Meta:
        icon = "code"
        label = "Markdown"


class HeadingBlock(NamedInputMixin, blocks.CharBlock):
    class Meta:
        form_classname = "title"
        template = "components/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"
        label_format = "{attribution}"


class OutcomeBlock(blocks.StructBlock):
    measure = blocks.CharBlock(help_text="What was measured, e.g. local people in work.")
    before = blocks.TextBlock(required=False, rows=2, help_text="The figure before the work.")
    after = blocks.TextBlock(required=False, rows=2, help_text="The figure after it.")
    evidence = blocks.TextBlock(required=False, help_text="Where the figures come from.")
    evidence_type = blocks.ChoiceBlock(
        choices=OUTCOME_EVIDENCE_CHOICES,
        required=False,
        help_text="What kind of evidence the figures rest on.",
    )

    class Meta:
        icon = "pick"
        template = "components/blocks/outcome.html"
        label_format = "{measure}"


class BodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    markdown = MarkdownBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    outcome = OutcomeBlock()

    class Meta:
        collapsed = True
