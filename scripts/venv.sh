#!/usr/bin/env bash
# Creates .venv with Python 3.11 and installs the project with its dev extras.
# Skips the install when pyproject.toml is unchanged since the last successful one
# (its hash is kept in .venv/.pyproject.sha256). SVN_PYTHON chooses another interpreter.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$SVN_ROOT"

python="${SVN_PYTHON:-python3.11}"
venv=.venv
stamp="$venv/.pyproject.sha256"

if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
    warn "$venv is broken (was its Python moved or removed?); recreating it"
    rm -rf "$venv"
fi

if [ ! -x "$venv/bin/python" ]; then
    have "$python" || die "$python not found; install Python 3.11 or set SVN_PYTHON"
    log "creating $venv with $($python --version 2>&1)"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >&2
fi

want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "$venv is up to date"
    exit 0
fi

log "installing the project and its dev dependencies into $venv"
start="$(now)"
rm -f "$stamp"
# pip's and setuptools' chatter goes to a log, shown only when the install fails.
if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check -e '.[dev]' \
    >"$venv/pip-install.log" 2>&1; then
    tail -n 40 "$venv/pip-install.log" >&2
    die "pip install failed (whole output in $venv/pip-install.log)"
fi
printf '%s\n' "$want" >"$stamp"
log "installed in $(elapsed_since "$start") s"
