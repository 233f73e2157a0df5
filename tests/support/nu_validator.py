"""The Nu HTML Checker (the W3C's validator), run locally from the jars that
`scripts/nu-validator.sh` fetches with Maven. `make test` sets NU_VALIDATOR_CLASSPATH and
NU_VALIDATOR_JAVA; without them the test is skipped locally and fails in CI."""

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.support.indexes import IN_CI

MAIN_CLASS = "nu.validator.client.SimpleCommandLineValidator"


def _command() -> list[str]:
    classpath = os.environ.get("NU_VALIDATOR_CLASSPATH", "")
    java = os.environ.get("NU_VALIDATOR_JAVA", "java")
    if not classpath:
        message = "NU_VALIDATOR_CLASSPATH is not set (scripts/nu-validator.sh prints it)."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-Xss2m", "-cp", classpath, MAIN_CLASS, "--format", "json"]


def errors(documents: dict[str, bytes]) -> list[str]:
    """Every error the checker finds in these HTML documents, as "name line N: message"
    lines (empty when all are valid). One run of the checker reads them all."""
    command = _command()
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{number}.html"
            path.write_bytes(html)
            names[path.name] = name
        run = subprocess.run(  # noqa: S603 (a fixed command over files written here)
            [*command, *(str(Path(folder) / file) for file in names)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    # The checker writes its JSON report to standard error.
    report = json.loads(run.stderr)
    return [
        f"{names.get(message.get('url', '').rsplit('/', 1)[-1], message.get('url'))} line "
        f"{message.get('lastLine')}: {message['message']}"
        for message in report["messages"]
        if message["type"] in ("error", "non-document-error")
    ]
