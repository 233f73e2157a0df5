"""The page tree's rules: which page types live where."""

import pytest

from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    HomePage,
    SeminarIndexPage,
    SeminarPage,
)
from casestudies.site_tree import ensure_site_tree

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("child", "parents"),
    [
        (CaseStudyIndexPage, {HomePage}),
        (SeminarIndexPage, {HomePage}),
        (CaseStudyPage, {CaseStudyIndexPage}),
        (SeminarPage, {SeminarIndexPage}),
    ],
)
def test_each_page_type_has_exactly_its_allowed_parents(child, parents):
    allowed = set(child.clean_parent_page_models())
    assert allowed == parents


@pytest.mark.parametrize("leaf", [CaseStudyPage, SeminarPage])
def test_case_studies_and_seminars_have_no_children(leaf):
    assert leaf.clean_subpage_models() == []


def test_ensure_site_tree_is_idempotent_and_roots_the_default_site():
    first = ensure_site_tree()
    second = ensure_site_tree()
    assert first == second
    assert first.home.get_site().root_page_id == first.home.pk
    assert HomePage.objects.count() == 1
    assert first.case_study_index.get_parent().specific == first.home
    assert first.seminar_index.url == "/seminars/"
