import pytest

from casestudies.factories import as_lines
from casestudies.importexport.importer import import_lines


@pytest.fixture
def import_records(db):
    """Import records through the real importer and return its report."""

    def _import(*records, dry_run=False):
        report = import_lines(as_lines(*records), dry_run=dry_run)
        assert not report.rejections, [str(r) for r in report.rejections]
        return report

    return _import
