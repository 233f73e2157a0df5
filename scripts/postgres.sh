#!/usr/bin/env bash
# Runs a private PostgreSQL cluster for development and tests.
#
#   scripts/postgres.sh start   create the cluster (once) and start it; wait until it accepts
#                               connections; make sure role and database `network` exist
#   scripts/postgres.sh stop    stop it
#   scripts/postgres.sh status  exit 0 when it accepts connections
#   scripts/postgres.sh url     print its DATABASE_URL on standard output
#
# It listens on 127.0.0.1 only, port SVN_PG_PORT (default 54329), with its unix socket in
# its own run folder, never /var/run/postgresql. Loopback connections are trusted: this is a
# throwaway cluster for development and tests, and it runs without fsync for speed, so it
# must never hold anything that matters. Role `network` (password `network`, CREATEDB so
# pytest-django can create test_network) owns database `network`.
# As root the cluster belongs to the `postgres` system user.
#
# Environment: SVN_PG_PORT (default 54329), SVN_PG_BIN (default: the newest of
# /usr/lib/postgresql/*/bin, preferring 15), SVN_PG_TIMEOUT (seconds, default 60).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
SVN_LOG_TAG=postgres

PG_PORT="${SVN_PG_PORT:-54329}"
PG_TIMEOUT="${SVN_PG_TIMEOUT:-60}"
PG_URL="postgres://network:network@127.0.0.1:$PG_PORT/network"

if is_root; then
    PG_USER=postgres
else
    PG_USER="$(id -un)"
fi

pg_bin() {
    local dir
    if [ -n "${SVN_PG_BIN:-}" ]; then
        printf '%s\n' "$SVN_PG_BIN"
        return
    fi
    if [ -x /usr/lib/postgresql/15/bin/postgres ]; then
        printf '%s\n' /usr/lib/postgresql/15/bin
        return
    fi
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
    if [ -n "$dir" ] && [ -x "$dir/postgres" ]; then
        printf '%s\n' "$dir"
        return
    fi
    if have pg_ctl && have initdb; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    return 1
}

pg_dir() {
    local dir
    if dir="$(read_state postgres DIR)" && [ -n "$dir" ] && [ -d "$dir" ]; then
        printf '%s\n' "$dir"
    else
        svn_service_dir postgres "$PG_USER"
    fi
}

ready() {
    "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -t 2 >/dev/null 2>&1
}

psql_admin() {
    "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"
}

zombie() {
    [ -n "$1" ] && [ "$(sed 's/.*) //' 2>/dev/null <"/proc/$1/stat" | cut -d' ' -f1)" = Z ]
}

# True when the cluster in $1 has a live server. A server that was killed can stay behind
# as a zombie until its parent reaps it (some container init processes are slow to); its
# postmaster.pid and socket lock file would then block a new server, so they are removed.
server_running() {
    local data="$1" file pid
    for file in "$data/postmaster.pid" "$(dirname "$data")"/run/.s.PGSQL.*.lock; do
        [ -f "$file" ] || continue
        pid="$(head -n1 "$file" | tr -dc '0-9')"
        if zombie "$pid"; then
            warn "the previous server (pid $pid) died; removing its stale $(basename "$file")"
            rm -f "$file"
        fi
    done
    as_user "$PG_USER" "$BIN/pg_ctl" -D "$data" status >/dev/null 2>&1
}

ensure_database() {
    if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'network'")" != 1 ]; then
        log "creating role network"
        psql_admin -c "CREATE ROLE network LOGIN PASSWORD 'network' CREATEDB"
    fi
    if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = 'network'")" != 1 ]; then
        log "creating database network"
        psql_admin -c "CREATE DATABASE network OWNER network ENCODING 'UTF8' TEMPLATE template0"
    fi
}

start() {
    local dir data start_time status version
    BIN="$(pg_bin)" || die "PostgreSQL is not installed (run scripts/install-system.sh)"
    if is_root && ! id -u postgres >/dev/null 2>&1; then
        die "system user postgres is missing (it comes with Debian's postgresql package)"
    fi
    lock postgres
    dir="$(pg_dir)"
    data="$dir/data"
    start_time="$(now)"

    if [ ! -f "$data/PG_VERSION" ]; then
        log "creating a cluster in $data"
        rm -rf "$data"
        mkdir -p "$dir"
        is_root && chown "$PG_USER:" "$dir"
        as_user "$PG_USER" "$BIN/initdb" -D "$data" -U postgres --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
            {
                cat "$dir/initdb.log" >&2
                die "initdb failed"
            }
    fi
    version="$("$BIN/postgres" -V | awk '{print $3}')"
    if [ "$(cat "$data/PG_VERSION")" != "${version%%.*}" ]; then
        die "$data was made by PostgreSQL $(cat "$data/PG_VERSION"), not by $BIN; move it away"
    fi
    mkdir -p "$dir/run"
    is_root && chown -R "$PG_USER:" "$dir"

    if server_running "$data"; then
        if ready; then
            log "already running at 127.0.0.1:$PG_PORT"
        else
            log "running but not ready on port $PG_PORT yet; waiting"
        fi
    else
        if port_open "$PG_PORT"; then
            die "port $PG_PORT is taken by another program; set SVN_PG_PORT to another port"
        fi
        log "starting PostgreSQL $version on 127.0.0.1:$PG_PORT (data in $data)"
        # A pid file left by a killed server is handled by postgres itself.
        status=0
        as_user "$PG_USER" "$BIN/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t "$PG_TIMEOUT" \
            -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $dir/run -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
            start >&2 9>&- || status=$?
        if [ "$status" -ne 0 ]; then
            tail -n 20 "$dir/postgres.log" >&2 || true
            die "PostgreSQL did not start"
        fi
    fi

    local deadline=$((SECONDS + PG_TIMEOUT))
    until ready; do
        [ "$SECONDS" -lt "$deadline" ] || die "not accepting connections after ${PG_TIMEOUT}s"
        sleep 0.2
    done
    ensure_database
    write_state postgres "DIR=$dir" "URL=$PG_URL"
    log "ready at 127.0.0.1:$PG_PORT after $(elapsed_since "$start_time") s"
}

stop() {
    local dir
    BIN="$(pg_bin)" || {
        log "PostgreSQL is not installed; nothing to stop"
        return 0
    }
    dir="$(pg_dir)"
    if [ -f "$dir/data/PG_VERSION" ] && server_running "$dir/data"; then
        as_user "$PG_USER" "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2
        log "stopped"
    else
        log "not running"
    fi
    rm -f "$SVN_RUN_DIR/postgres.env"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status)
    BIN="$(pg_bin)" || exit 1
    ready
    ;;
url) printf '%s\n' "$PG_URL" ;;
*)
    echo "usage: $0 start|stop|status|url" >&2
    exit 2
    ;;
esac
