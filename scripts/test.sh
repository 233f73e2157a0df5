#!/usr/bin/env bash
# The whole check, as CI runs it (`make test`): system packages (as root), the virtualenv,
# PostgreSQL and Elasticsearch, then in order: Django's system checks, missing migrations,
# ruff lint, ruff format, the import contracts (import-linter), the types (mypy), pytest.
# Every step runs even after a failure; the results of the checks are listed before pytest
# starts, and the exit status is non-zero when any failed.
#
# PYTEST_ARGS is passed to pytest, e.g. PYTEST_ARGS='-k search -x' make test.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
SVN_LOG_TAG=test
cd "$SVN_ROOT"
here=scripts

if is_root; then
    "$here/install-system.sh"
fi
"$here/venv.sh"

urls="$("$here/services.sh" start)"
while IFS= read -r line; do
    case "$line" in
    DATABASE_URL=* | ELASTICSEARCH_URL=*)
        export "${line?}"
        log "${line%%=*} is ${line#*=}"
        ;;
    esac
done <<<"$urls"
if [ -z "${ELASTICSEARCH_URL:-}" ]; then
    log "ELASTICSEARCH_URL is not set: tests marked elasticsearch will be skipped or use the database backend"
fi

# The Nu HTML Checker for the HTML validity test (tests/support/nu_validator.py).
if java="$(java_home)" && classpath="$("$here/nu-validator.sh")"; then
    export NU_VALIDATOR_CLASSPATH="$classpath" NU_VALIDATOR_JAVA="$java/bin/java"
else
    warn "the Nu HTML Checker is not available: the HTML validity test will be skipped (or fail in CI)"
fi

export DJANGO_SETTINGS_MODULE=network.settings.test
export ELASTICSEARCH_INDEX_PREFIX="${ELASTICSEARCH_INDEX_PREFIX:-test_}"
# Sync Playwright drives the browser from the test thread beside live_server.
export DJANGO_ALLOW_ASYNC_UNSAFE=true

py=.venv/bin/python
results=()
failed=0

step() {
    local name="$1" status=0 start
    shift
    log "---- $name: ${shown:-$*}"
    start="$(now)"
    "$@" || status=$?
    if [ "$status" -eq 0 ]; then
        results+=("ok      $name ($(elapsed_since "$start") s)")
    else
        results+=("FAILED  $name (exit $status, $(elapsed_since "$start") s)")
        failed=1
    fi
}

pytest_step() {
    local status=0
    # shellcheck disable=SC2086 # PYTEST_ARGS is a list of words on purpose.
    "$py" -m pytest ${PYTEST_ARGS:-} || status=$?
    if [ "$status" -eq 5 ]; then
        warn "pytest collected no tests"
        return 0
    fi
    return "$status"
}

step "django check" "$py" manage.py check
step "migrations" "$py" manage.py makemigrations --check --dry-run
step "ruff check" .venv/bin/ruff check .
step "ruff format" .venv/bin/ruff format --check .
step "import contracts" .venv/bin/lint-imports
step "types" .venv/bin/mypy
for r in "${results[@]}"; do
    log "$r"
done

# pytest goes last and its summary line closes the output; after it, one line only when a
# step failed.
shown="$py -m pytest ${PYTEST_ARGS:-}" step "pytest" pytest_step
if [ "$failed" -ne 0 ]; then
    failures="$(printf '%s\n' "${results[@]}" | sed -n 's/^FAILED  \([^(]*\) (.*/\1/p' |
        sed 's/ *$//' | paste -sd, - | sed 's/,/, /g')"
    log "FAILED: $failures"
fi
exit "$failed"
