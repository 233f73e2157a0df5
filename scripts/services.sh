#!/usr/bin/env bash
# Starts (default) or stops the services the tests need: PostgreSQL, and Elasticsearch when
# a Java 17 or newer is available.
#
#   scripts/services.sh [start]   standard output gets only, for what is running:
#                                   DATABASE_URL=postgres://...
#                                   ELASTICSEARCH_URL=http://...
#                                 so `eval`-free callers can read KEY=VALUE lines
#   scripts/services.sh stop      stops both
#
# Every message goes to standard error. Outside CI a service that cannot start is reported
# and left out; with CI=true it makes this script fail.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
SVN_LOG_TAG=services
here="$(dirname "$0")"

start() {
    local failed=0 lines=()
    if "$here/postgres.sh" start >&2; then
        lines+=("DATABASE_URL=$("$here/postgres.sh" url)")
    else
        warn "PostgreSQL could not start"
        failed=1
    fi

    if java_home >/dev/null; then
        if "$here/elasticsearch.sh" start >&2; then
            lines+=("ELASTICSEARCH_URL=$("$here/elasticsearch.sh" url)")
        else
            warn "Elasticsearch could not start; search will use the database backend"
            failed=1
        fi
    else
        warn "no Java 17 or newer found, so Elasticsearch is not started:" \
            "search will use the database backend (scripts/install-system.sh installs Java)"
        is_ci && failed=1
    fi

    if [ "$failed" -ne 0 ] && is_ci; then
        die "a service could not start (CI=true)"
    fi
    if [ "${#lines[@]}" -gt 0 ]; then
        printf '%s\n' "${lines[@]}"
    fi
}

stop() {
    local status=0
    "$here/elasticsearch.sh" stop >&2 || status=1
    "$here/postgres.sh" stop >&2 || status=1
    return "$status"
}

case "${1:-start}" in
start) start ;;
stop) stop ;;
*)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac
