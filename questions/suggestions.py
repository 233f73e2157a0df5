"""What the asker of a new question sees before posting it, so that a duplicate is found
rather than asked: similar questions that already have an answer that helped, and the
people who can help on the topics picked. The ask page shows them when the asker presses
"Check for similar questions", which posts nothing and keeps every field.
"""

from members.helpers import Helper, people_who_can_help, topic
from search.kinds import viewer_for
from search.service import similar_to_text
from search.types import Hit

from .search_documents import ANSWERED, ANSWERED_FACET

CHECK = "check"  # the name of the button that asks for these instead of posting
SHOWN = 5
# Similar questions are read in a larger batch, and the answered ones kept.
READ = 20


def for_question(form, user) -> dict[str, list[Hit] | list[Helper]]:
    """The answered questions like the one in `form`, and the people who can help on its
    topics; from whatever of the form is valid."""
    form.is_valid()
    data = form.cleaned_data
    text = " ".join(part for part in (data.get("title"), data.get("details")) if part)
    similar = similar_to_text(text, "question", viewer_for(user), limit=READ) if text else []
    answered = [hit for hit in similar if ANSWERED in hit.facets.get(ANSWERED_FACET.name, [])]
    subject = topic(
        {
            "theme": data.get("themes"),
            "stage": data.get("stages"),
            "outcome_area": data.get("outcome_areas"),
            "sector": data.get("sectors"),
            "region": data.get("region"),
        }
    )
    return {"similar": answered[:SHOWN], "people": people_who_can_help(subject, user)}
