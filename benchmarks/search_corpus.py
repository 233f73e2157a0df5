"""A deterministic corpus for the search benchmark: case studies, seminars and lessons over
the real vocabularies, with text drawn from the domain's words.

Pages are written in bulk, not through the importer (which publishes one revision per page
and would take hours at 100,000 documents): `Page` rows with their tree paths computed,
then the page types' own rows and their many-to-many rows, all with `bulk_create` or one
`executemany`. The pages are live with no revisions, which is all the site and the search
indexer read. The same seed gives the same corpus, the same queries, every run.
"""

import datetime
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from casestudies.models import (
    CaseStudyPage,
    CaseStudyTag,
    SeminarLesson,
    SeminarPage,
    SeminarSpeaker,
)
from casestudies.site_tree import ensure_site_tree
from taxonomy.models import (
    Organisation,
    OrganisationType,
    OutcomeArea,
    Region,
    Sector,
    Stage,
    Theme,
)
from taxonomy.vocabularies import SECTOR_OF_ORGANISATION_TYPE, VOCABULARIES

VERSION = 1  # change when the generator changes, so cached corpora are rebuilt
LESSONS_PER_SEMINAR = 4
SEMINAR_SHARE = 25  # one seminar (and its four lessons) per 25 documents
BATCH = 2_000

PLACE_STARTS = [
    "Ash", "Bram", "Cal", "Dun", "Elm", "Fen", "Glen", "Hart", "Ivy", "Kirk",
    "Lang", "Mill", "North", "Oak", "Pen", "Rother", "Stan", "Thorn", "Up", "Wick",
]  # fmt: skip
PLACE_ENDS = ["ford", "ley", "bury", "field", "mouth", "wick", "ham", "ton", "moor", "dale"]
TOPICS = [
    "co-operative commissioning", "social value in procurement", "community-led commissioning",
    "local supply chains", "apprenticeships in construction", "outcome-based contracts",
    "social prescribing", "community energy", "school food", "home care co-operatives",
    "anchor institutions", "care leavers", "community transport", "grounds maintenance",
    "housing retrofit", "welfare advice", "victim support", "day opportunities",
    "local recruitment", "digital inclusion", "youth services", "market engagement",
    "participatory budgeting", "shared outcomes framework", "voluntary sector alliance",
]  # fmt: skip
WORDS = [
    "commissioning", "commissioner", "council", "residents", "community", "outcomes",
    "procurement", "contract", "provider", "providers", "social", "value", "local", "jobs",
    "apprenticeships", "training", "employment", "suppliers", "supply", "chain", "budget",
    "budgets", "investment", "spending", "services", "service", "delivery", "measurement",
    "evidence", "partnership", "partners", "voluntary", "charity", "enterprise", "co-operative",
    "co-production", "engagement", "relationships", "leadership", "governance", "trust",
    "tenants", "carers", "families", "young", "people", "older", "health", "care", "wellbeing",
    "environment", "carbon", "energy", "retrofit", "homes", "housing", "transport", "food",
    "growers", "schools", "hospital", "NHS", "board", "framework", "tender", "bidders",
    "specification", "weighting", "evaluation", "quality", "price", "market", "consultation",
    "listening", "design", "outcome", "targets", "report", "reporting", "data", "monitoring",
    "learning", "risk", "innovation", "growth", "economy", "business", "small", "firms",
    "wages", "fair", "work", "volunteers", "networks", "place", "neighbourhood", "ward",
    "district", "borough", "city", "region", "county", "rural", "urban", "austerity",
    "prevention", "early", "help", "advice", "support", "collaboration", "integrated", "pooled",
    "shared", "decision"
]  # fmt: skip
PEOPLE = ["Asha", "Ben", "Chloe", "Dev", "Ellen", "Femi", "Grace", "Hamid", "Iona", "Jack"]
SURNAMES = ["Patel", "Jones", "Okafor", "Smith", "Murray", "Evans", "Khan", "Reid", "Hughes"]
TAGS = ["co-production", "anchor", "procurement act", "social value model", "pandemic"]


def slugs(vocabulary: str) -> list[str]:
    return [slug for slug, _name, _description in VOCABULARIES[vocabulary]]


@dataclass(frozen=True)
class Shape:
    """How many of each kind make `total` documents."""

    case_studies: int
    seminars: int

    @classmethod
    def of(cls, total: int) -> "Shape":
        seminars = total // SEMINAR_SHARE
        return cls(total - seminars * (1 + LESSONS_PER_SEMINAR), seminars)


class Text:
    """Sentences from the domain's words, common words more often (roughly Zipf)."""

    def __init__(self, chance: random.Random):
        self.chance = chance
        self.weights = [1 / (rank + 1) for rank in range(len(WORDS))]

    def words(self, count: int) -> list[str]:
        return self.chance.choices(WORDS, self.weights, k=count)

    def sentence(self) -> str:
        words = self.words(self.chance.randint(8, 16))
        if self.chance.random() < 0.3:
            words.insert(self.chance.randrange(len(words)), self.chance.choice(TOPICS))
        return " ".join(words).capitalize() + "."

    def paragraphs(self, sentences: int) -> str:
        parts = [self.sentence() for _ in range(sentences)]
        return "\n\n".join(" ".join(parts[i : i + 4]) for i in range(0, len(parts), 4))


def places() -> list[str]:
    return [start + end for start in PLACE_STARTS for end in PLACE_ENDS]


def is_built(total: int) -> bool:
    return (
        CaseStudyPage.objects.filter(slug__startswith="bench-").count()
        == Shape.of(total).case_studies
    )


@transaction.atomic
def build(total: int, seed: int = 2013) -> None:
    """Write a corpus of `total` documents into an empty, migrated database."""
    chance = random.Random(seed)
    text = Text(chance)
    tree = ensure_site_tree()
    shape = Shape.of(total)
    organisations = _organisations(chance)
    terms = {model: list(model.objects.all()) for model in (Sector, Theme, OutcomeArea, Stage)}
    regions = list(Region.objects.all())
    tags = _tags()
    created = _pages(CaseStudyPage, tree.case_study_index, shape.case_studies, chance, "case")
    for batch in _batches(created):
        _insert(
            CaseStudyPage,
            [
                CaseStudyPage(
                    page_ptr_id=page.pk,
                    summary=text.sentence(),
                    lead_organisation=chance.choice(organisations),
                    region=chance.choice(regions),
                    year=chance.randint(2013, 2026),
                    body=[("markdown", text.paragraphs(chance.randint(8, 14)))],
                )
                for page in batch
            ],
        )
        ids = [page.pk for page in batch]
        _many(CaseStudyPage, "partner_organisations", ids, organisations, chance, 0, 2)
        for name, model in (
            ("sectors", Sector),
            ("themes", Theme),
            ("outcome_areas", OutcomeArea),
            ("stages", Stage),
        ):
            _many(CaseStudyPage, name, ids, terms[model], chance, 1, 3)
        CaseStudyTag.objects.bulk_create(
            CaseStudyTag(content_object_id=pk, tag=chance.choice(tags)) for pk in ids
        )
    seminars = _pages(SeminarPage, tree.seminar_index, shape.seminars, chance, "seminar")
    for batch in _batches(seminars):
        _seminars(batch, chance, text, terms)


def _batches(items: list) -> Iterator[list]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _organisations(chance: random.Random) -> list[Organisation]:
    types = {term.slug: term for term in OrganisationType.objects.all()}
    sectors = {term.slug: term for term in Sector.objects.all()}
    organisations = []
    for number, place in enumerate(places()):
        kind = chance.choice(list(types))
        name = f"{place} {kind.replace('-', ' ').title()} {number}"
        sector = sectors[SECTOR_OF_ORGANISATION_TYPE[kind]]
        organisations.append(Organisation(name=name, organisation_type=types[kind], sector=sector))
    return Organisation.objects.bulk_create(organisations)


def _tags():
    from taggit.models import Tag

    return Tag.objects.bulk_create(Tag(name=name, slug=name.replace(" ", "-")) for name in TAGS)


def _pages(model, parent, count: int, chance: random.Random, prefix: str) -> list:
    """Live `Page` rows of `model`'s type under `parent`, with their tree paths."""
    from wagtail.models import Locale, Page

    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    start = datetime.datetime(2013, 1, 1, tzinfo=datetime.UTC)
    names = places()
    pages = []
    for number in range(1, count + 1):
        title = f"{chance.choice(names)}: {chance.choice(TOPICS)}"
        slug = f"bench-{prefix}-{number}"
        published = start + datetime.timedelta(hours=number)
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                url_path=f"{parent.url_path}{slug}/",
                locale=locale,
                translation_key=uuid.UUID(int=chance.getrandbits(128)),
                first_published_at=published,
                last_published_at=published,
                path=Page._get_path(parent.path, parent.depth + 1, number),
                depth=parent.depth + 1,
                numchild=0,
            )
        )
    created = Page.objects.bulk_create(pages, batch_size=BATCH)
    Page.objects.filter(pk=parent.pk).update(numchild=count)
    return created


def _insert(model, objects: list) -> None:
    """Insert only `model`'s own table rows (its parent `Page` rows exist already)."""
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    rows = [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _many(model, name: str, ids: list[int], choices: list, chance, least: int, most: int):
    field = model._meta.get_field(name)
    through = field.remote_field.through
    own, other = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    rows = []
    for pk in ids:
        for choice in chance.sample(choices, chance.randint(least, most)):
            rows.append(through(**{own: pk, other: choice.pk}))
    through.objects.bulk_create(rows)


def _seminars(batch: list, chance: random.Random, text: Text, terms: dict) -> None:
    _insert(
        SeminarPage,
        [
            SeminarPage(
                page_ptr_id=page.pk,
                summary=text.sentence(),
                date=datetime.date(chance.randint(2013, 2026), chance.randint(1, 12), 15),
                location=chance.choice(places()),
                series="Social value in practice",
                body=[("markdown", text.paragraphs(chance.randint(4, 8)))],
            )
            for page in batch
        ],
    )
    SeminarSpeaker.objects.bulk_create(
        SeminarSpeaker(
            page_id=page.pk,
            sort_order=position,
            name=f"{chance.choice(PEOPLE)} {chance.choice(SURNAMES)}",
            role="Commissioner",
            organisation=chance.choice(places()) + " Council",
        )
        for page in batch
        for position in range(2)
    )
    lessons = SeminarLesson.objects.bulk_create(
        SeminarLesson(
            page_id=page.pk,
            sort_order=position,
            title=f"{chance.choice(TOPICS).capitalize()}: {' '.join(text.words(3))}",
            body=text.paragraphs(chance.randint(4, 8)),
        )
        for page in batch
        for position in range(LESSONS_PER_SEMINAR)
    )
    ids = [lesson.pk for lesson in lessons]
    _many(SeminarLesson, "themes", ids, terms[Theme], chance, 1, 2)
    _many(SeminarLesson, "stages", ids, terms[Stage], chance, 0, 2)


def queries(count: int, seed: int = 1996) -> list[dict]:
    """A realistic mix: mostly free text of one to three words (a fifth browse with no
    text), zero to three facets of one or two values, pages one to three, a fifth sorted
    newest first. Each is a dict of query parameters, lists for repeated facets."""
    chance = random.Random(seed)
    text = Text(chance)
    facet_values = {
        "kind": ["case_study", "seminar", "lesson"],
        "sector": slugs("sector"),
        "theme": slugs("theme"),
        "outcome_area": slugs("outcome_area"),
        "stage": slugs("stage"),
        "region": slugs("region"),
        "organisation_type": slugs("organisation_type"),
        "year": [str(year) for year in range(2013, 2027)],
    }
    mix = []
    for _ in range(count):
        params: dict = {}
        roll = chance.random()
        if roll < 0.4:
            params["q"] = chance.choice(TOPICS)
        elif roll < 0.8:
            params["q"] = " ".join(text.words(chance.randint(1, 3)))
        for facet in chance.sample(list(facet_values), chance.choice([0, 0, 1, 1, 2, 3])):
            params[facet] = chance.sample(facet_values[facet], chance.choice([1, 1, 2]))
        params["page"] = chance.choices([1, 2, 3], [70, 20, 10])[0]
        if chance.random() < 0.2:
            params["sort"] = "newest"
        mix.append(params)
    return mix
