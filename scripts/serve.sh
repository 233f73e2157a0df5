#!/usr/bin/env bash
# The production server (`make serve`) on http://127.0.0.1:8000: gunicorn with the
# production settings, on the same database as `make run` (db.sqlite3) unless DATABASE_URL
# is set. Local stand-ins fill the variables production requires (a random secret made
# afresh at each start, so sessions end when it stops), and HTTPS redirects are off
# because nothing terminates TLS here; set any of them to override.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
SVN_LOG_TAG=serve
cd "$SVN_ROOT"

scripts/venv.sh

export DJANGO_SETTINGS_MODULE=network.settings.production
py=.venv/bin/python
SECRET_KEY="${SECRET_KEY:-$("$py" -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export SECRET_KEY
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export DATABASE_URL="${DATABASE_URL:-sqlite:///$SVN_ROOT/db.sqlite3}"
export EMAIL_URL="${EMAIL_URL:-consolemail://}"
export SITE_BASE_URL="${SITE_BASE_URL:-http://127.0.0.1:8000}"
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"

"$py" manage.py migrate --noinput
"$py" manage.py collectstatic --noinput --verbosity 0
log "serving on http://${BIND:-127.0.0.1:8000}/ with gunicorn (Ctrl-C stops it);" \
    "run \`python manage.py db_worker\` beside it for queued tasks"
exec .venv/bin/gunicorn --config gunicorn.conf.py
