"""Who may see which documents: the one place where search filters by viewer.

Every document carries a visibility level. Pages are `public`; a kind may use other levels
(member profiles use `members`) and says which levels a user may see in its
`visible_levels(user)`. A `Viewer` is the union of those answers over every registered kind
(`kinds.viewer_for(user)`), made once per request and carried in the `SearchRequest`; both
backends filter with it here.
"""

from dataclasses import dataclass

from django.db.models import Q

from elasticsearch.dsl import query as dsl

PUBLIC = "public"


@dataclass(frozen=True)
class Viewer:
    """The visibility levels of documents one viewer may see."""

    levels: frozenset[str] = frozenset({PUBLIC})

    def elasticsearch_filter(self) -> dsl.Query:
        return dsl.Terms(visibility=sorted(self.levels))

    def database_filter(self) -> Q:
        return Q(visibility__in=self.levels)

    def can_see(self, visibility: str) -> bool:
        return visibility in self.levels


ANONYMOUS = Viewer()
