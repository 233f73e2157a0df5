"""Questions in the search index: the `question` kind. Found by the search app when
Django starts.

A live question is one document: its title, its details and the text of its accepted
answer (one good answer findable for years), filed under the case studies' vocabularies
and an `answered` facet. Its visibility is the asker's choice (`public` or `members`), the
same levels as members-only profiles, so the search service shows a members-only question,
wherever it searches (pages, API, autocomplete, feeds, alerts), only to viewers who may
see members-only profiles. Other answers are not indexed: they reach readers through the
question. The asker's name is not indexed either: their profile may be members-only when
the question is public.
"""

from collections.abc import Iterator

from members.visibility import visible_levels
from search.facets import Facet
from search.kinds import Document, DocumentKind, register
from search.text import LINE, lead, markdown_text
from taxonomy.models import OutcomeArea, Region, Sector, Stage, Theme

from .models import Answer, Question

SUMMARY_LENGTH = 240
ANSWERED, UNANSWERED = "answered", "unanswered"
ANSWERED_FACET = Facet(
    "answered", "Answered", lambda: {ANSWERED: "Answered", UNANSWERED: "Not answered yet"}
)


@register
class QuestionDocument(DocumentKind):
    kind = "question"
    label = "Question"
    model = Question
    # A change to the accepted answer (edited, withdrawn) changes the question's document.
    depends_on = {
        Sector: "sectors",
        Theme: "themes",
        Stage: "stages",
        OutcomeArea: "outcome_areas",
        Region: "region",
        Answer: "accepted_answer",
    }
    # Sector, theme, stage, outcome area and region are the case studies' facets,
    # registered first; answered is questions' own.
    facets = (ANSWERED_FACET,)

    def published(self):
        return Question.objects.live().with_terms()

    def documents(self, question, prepared=None) -> Iterator[Document]:
        details = markdown_text(question.details)
        accepted = question.accepted_answer
        if accepted and not accepted.is_live:  # its author was suspended
            accepted = None
        answer_text = markdown_text(accepted.body) if accepted else ""
        document = Document(
            kind=self.kind,
            key=question.pk,
            title=question.title,
            url=question.get_absolute_url(),
            slug=question.slug,
            summary=lead(details, SUMMARY_LENGTH) if details else "",
            body=LINE.join(text for text in (details, answer_text) if text),
            published_at=question.created_at,
            visibility=str(question.audience),
        )
        document.add_terms("sector", question.sectors.all())
        document.add_terms("theme", question.themes.all())
        document.add_terms("stage", question.stages.all())
        document.add_terms("outcome_area", question.outcome_areas.all())
        document.add_terms("region", [question.region] if question.region else [])
        document.facets[ANSWERED_FACET.name] = [ANSWERED if accepted else UNANSWERED]
        yield document

    @classmethod
    def visible_levels(cls, user) -> frozenset[str]:
        return frozenset(str(level) for level in visible_levels(user))
