"""The open data files: every public record type as JSON Lines and as CSV, written by
`manage.py dump_open_data` (on a schedule) into OPEN_DATA_ROOT, with a manifest giving
each file's size, SHA-256 checksum and record count, and when they were made.

Files are written beside their final names and moved into place, then the manifest: a
reader never sees half a file, and the manifest never names a file that is not there.
"""

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from base import pagecache
from casestudies.importexport import tables
from casestudies.importexport.fields import RECORD_TYPES

from .records import SOURCES

MANIFEST = "manifest.json"
FORMATS = {"jsonl": "application/x-ndjson", "csv": "text/csv"}
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


@dataclass(frozen=True)
class DataFile:
    name: str
    record_type: str
    format: str
    size: int
    sha256: str
    records: int


def root() -> Path:
    return Path(settings.OPEN_DATA_ROOT)


def file_names() -> dict[str, tuple[str, str]]:
    """Every file the dump writes: name -> (record type, format)."""
    return {
        f"{RECORD_TYPES[kind].file_stem}.{fmt}": (kind, fmt) for kind in SOURCES for fmt in FORMATS
    }


def write_dump(directory: Path | None = None) -> dict[str, Any]:
    """Write every file and then the manifest; returns the manifest."""
    directory = directory or root()
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    files = [data_file for kind in SOURCES for data_file in _write_kind(directory, kind)]
    manifest = {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 2),
        "licence": LICENCE,
        "files": [asdict(f) for f in files],
    }
    _replace(directory, [MANIFEST], lambda outs: json.dump(manifest, outs[MANIFEST], indent=2))
    pagecache.forget_all()  # the data page lists the files
    return manifest


def _write_kind(directory: Path, kind: str) -> list[DataFile]:
    """A record type's files in every format, its records read once for all of them."""
    record_type = RECORD_TYPES[kind]
    names = {fmt: f"{record_type.file_stem}.{fmt}" for fmt in FORMATS}
    count = 0

    def write(outs: dict[str, Any]) -> None:
        nonlocal count
        table = tables.writer(record_type, outs[names["csv"]])
        for record in SOURCES[kind]():
            outs[names["jsonl"]].write(json.dumps(record, ensure_ascii=False) + "\n")
            table(record)
            count += 1

    _replace(directory, list(names.values()), write)
    return [
        DataFile(
            name, kind, fmt, (directory / name).stat().st_size, _sha256(directory / name), count
        )
        for fmt, name in names.items()
    ]


def _replace(directory: Path, names: list[str], write: Callable[[dict[str, Any]], None]):
    """`write` fills the files, given {name: open file}; each is written beside its name,
    then all are moved into place."""
    temporaries = {name: tempfile.mkstemp(dir=directory, prefix=f".{name}.") for name in names}
    try:
        outs = {
            name: os.fdopen(handle, "w", encoding="utf-8", newline="")
            for name, (handle, _) in temporaries.items()
        }
        try:
            write(outs)
        finally:
            for out in outs.values():
                out.close()
        for name, (_, temporary) in temporaries.items():
            os.chmod(temporary, 0o644)
            os.replace(temporary, directory / name)
    except BaseException:
        for _, temporary in temporaries.values():
            Path(temporary).unlink(missing_ok=True)
        raise


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for chunk in iter(lambda: data.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest() -> dict[str, Any] | None:
    """What the last dump wrote, or None before the first."""
    try:
        return json.loads((root() / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
