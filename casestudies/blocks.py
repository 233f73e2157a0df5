"""StreamField blocks of case study and seminar bodies."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from casestudies.markdown import render_markdown


class MarkdownBlock(blocks.TextBlock):
    """Markdown, rendered through the project's sanitising renderer. Imports write this."""

    def render_basic(self, value, context=None):
        return render_markdown(value)

    class Meta:
        icon = "code"
        label = "Markdown"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"


class OutcomeBlock(blocks.StructBlock):
    measure = blocks.CharBlock(help_text="What was measured, e.g. local people in work.")
    before = blocks.CharBlock(required=False)
    after = blocks.CharBlock(required=False)
    evidence = blocks.TextBlock(required=False, help_text="Where the figures come from.")

    class Meta:
        icon = "pick"
        template = "components/blocks/outcome.html"


class LessonBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    text = MarkdownBlock()

    class Meta:
        icon = "help"
        template = "components/blocks/lesson.html"


class BodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    markdown = MarkdownBlock()
    heading = blocks.CharBlock(form_classname="title", template="components/blocks/heading.html")
    quote = QuoteBlock()
    image = ImageBlock()
    outcome = OutcomeBlock()
    lesson = LessonBlock()
