#!/usr/bin/env bash
# The development server (`make run`) on http://127.0.0.1:$PORT (8000 unless PORT is set)
# with demo content. The database is the embedded SQLite of the dev settings (db.sqlite3)
# unless DATABASE_URL is already set. Elasticsearch is started when a Java 17 or newer is
# available; otherwise search uses the database backend.
#
# Quiet by default: migrations and the demo seed write to var/run-setup.log, and only a
# summary is shown. VERBOSE=1 shows everything.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
SVN_LOG_TAG=run
cd "$SVN_ROOT"

port="${PORT:-8000}"
[[ "$port" =~ ^[0-9]{1,5}$ ]] && [ "$port" -le 65535 ] ||
    die "PORT must be a number from 1 to 65535 (it is '$port')"
# Checked before minutes of set-up, and again just before serving.
port_open "$port" && die "port $port is in use; stop what uses it, or choose another: make run PORT=8001"

if is_root; then
    scripts/install-system.sh run
fi
scripts/venv.sh

if java_home >/dev/null; then
    if scripts/elasticsearch.sh start; then
        ELASTICSEARCH_URL="$(scripts/elasticsearch.sh url)"
        export ELASTICSEARCH_URL
        log "search uses Elasticsearch at $ELASTICSEARCH_URL"
    else
        warn "Elasticsearch did not start: search uses the database backend"
    fi
else
    warn "no Java 17 or newer found, so Elasticsearch is not started:" \
        "search uses the database backend (scripts/install-system.sh installs Java)"
fi

py=.venv/bin/python
export SITE_BASE_URL="${SITE_BASE_URL:-http://127.0.0.1:$port}"
mkdir -p var
setup_log=var/run-setup.log
if [ "${VERBOSE:-0}" = 1 ]; then
    "$py" manage.py migrate --noinput
    "$py" manage.py seed_demo
    "$py" manage.py dump_open_data
else
    log "migrating and loading the demo content (details in $setup_log; VERBOSE=1 shows them)"
    if ! { "$py" manage.py migrate --noinput && "$py" manage.py seed_demo \
        && "$py" manage.py dump_open_data; } >"$setup_log" 2>&1; then
        tail -n 40 "$setup_log" >&2
        die "set-up failed (whole output in $setup_log)"
    fi
    grep -E '^(Demo|About|Newsletter)' "$setup_log" | sed 's/^/  /' >&2 || true
fi
port_open "$port" && die "port $port was taken during set-up; choose another: make run PORT=8001"
log "serving on $SITE_BASE_URL/ (Ctrl-C stops it; \`make stop\` stops Elasticsearch)"
exec "$py" manage.py runserver "127.0.0.1:$port"
