#!/usr/bin/env bash
# The development server (`make run`) on http://127.0.0.1:8000 with demo content.
# The database is the embedded SQLite of the dev settings (db.sqlite3) unless DATABASE_URL
# is already set. Elasticsearch is started when a Java 17 or newer is available; otherwise
# search uses the database backend.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
SVN_LOG_TAG=run
cd "$SVN_ROOT"

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
"$py" manage.py migrate --noinput
"$py" manage.py seed_demo
log "serving on http://127.0.0.1:8000/ (Ctrl-C stops it; \`make stop\` stops Elasticsearch)"
exec "$py" manage.py runserver 127.0.0.1:8000
