import pytest

from casestudies.factories import as_lines
from casestudies.importexport.importer import import_lines
from casestudies.site_tree import ensure_site_tree
from tests.contributions.contributions_support import make_member


@pytest.fixture
def import_records(db):
    """Import records through the real importer and return its report."""

    def _import(*records, dry_run=False):
        report = import_lines(as_lines(*records), dry_run=dry_run)
        assert not report.rejections, [str(r) for r in report.rejections]
        return report

    return _import


@pytest.fixture
def site_tree(db):
    """The page tree contributions are written into (the case study index and its workflow)."""
    return ensure_site_tree()


@pytest.fixture
def member(db):
    """A confirmed member who may contribute; a test module may ask for another kind."""
    return make_member()
