#!/usr/bin/env bash
# Runs one local Elasticsearch node for development and tests.
#
#   scripts/elasticsearch.sh start   fetch (once), configure and start it; wait until healthy
#   scripts/elasticsearch.sh stop    stop the node this project started
#   scripts/elasticsearch.sh status  exit 0 when it runs and is healthy
#   scripts/elasticsearch.sh url     print its URL on standard output
#   scripts/elasticsearch.sh pid     print the node's process id, when it runs
#
# The distribution is Maven Central's integ-test-zip: the server with only the core modules
# (no analysis-common, reindex, painless, mapper-extras, no bundled JDK). It is fetched with
# `mvn dependency:copy` into $SVN_CACHE_DIR/downloads and unpacked once. It refuses to run
# as root, so as root it runs as the system user svn-search (created on first use).
#
# Environment: SVN_ES_PORT (default 9200), SVN_ES_VERSION (default 8.19.21),
# SVN_ES_HEAP (default 512m), SVN_ES_TIMEOUT (seconds to wait for health, default 120),
# ES_JAVA_HOME (any Java 17 or newer; found by itself otherwise).
#
# More than one node: by default the node is a cluster of one. To run several on this
# machine (the tests of a cluster losing a node do), give each node its own
#   SVN_ES_NAME            a name for the node, its folder and its state (default
#                          elasticsearch; node.name is "local" for that one)
#   SVN_ES_PORT, SVN_ES_TRANSPORT_PORT   its HTTP and node-to-node ports
# and the same
#   SVN_ES_CLUSTER         the cluster's name (default social-value-network)
#   SVN_ES_MASTER          the name of the one master-eligible node; setting it makes the
#                          node join a cluster rather than run alone
#   SVN_ES_SEED            node-to-node address(es) of the master, comma-separated
# The master node holds data too; every other node holds data only, so stopping one of
# them never leaves the cluster without its master. SVN_ES_FRESH=true empties the node's
# data before it starts (a new cluster each time).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
SVN_LOG_TAG=elasticsearch

ES_VERSION="${SVN_ES_VERSION:-8.19.21}"
ES_PORT="${SVN_ES_PORT:-9200}"
ES_HEAP="${SVN_ES_HEAP:-512m}"
ES_TIMEOUT="${SVN_ES_TIMEOUT:-120}"
ES_URL="http://127.0.0.1:$ES_PORT"
ES_NAME="${SVN_ES_NAME:-elasticsearch}"
ES_CLUSTER="${SVN_ES_CLUSTER:-social-value-network}"
ES_MASTER="${SVN_ES_MASTER:-}"
ES_TRANSPORT_PORT="${SVN_ES_TRANSPORT_PORT:-9300}"
if [ "$ES_NAME" = elasticsearch ]; then
    ES_NODE_NAME=local
else
    ES_NODE_NAME="$ES_NAME"
fi
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"

if is_root; then
    ES_USER="${SVN_ES_USER:-svn-search}"
else
    ES_USER="$(id -un)"
fi

# The folder holding dist, config, data and logs; remembered in the state file once started.
es_dir() {
    local dir
    if dir="$(read_state "$ES_NAME" DIR)" && [ -n "$dir" ] && [ -d "$dir" ]; then
        printf '%s\n' "$dir"
    else
        svn_service_dir "$ES_NAME" "$ES_USER"
    fi
}

healthy() {
    local wait="${1:-1s}"
    curl -fsS -o /dev/null --max-time "$((${wait%s} + 5))" \
        "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=$wait" 2>/dev/null
}

# True when process $1 is alive and is an Elasticsearch node (not a reused pid).
is_es_pid() {
    [ -n "$1" ] && [ -r "/proc/$1/cmdline" ] || return 1
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'org\.elasticsearch'
}

# Pid of the node started from $1, when that process is still alive. A pid file left by
# a node that was killed, or whose pid now belongs to another program, does not count.
running_pid() {
    local pid
    pid="$(tr -dc '0-9' 2>/dev/null <"$1/run/elasticsearch.pid")" || return 1
    is_es_pid "$pid" || return 1
    printf '%s\n' "$pid"
}

fetch() {
    local zip="$SVN_CACHE_DIR/downloads/elasticsearch-$ES_VERSION.zip"
    if [ -s "$zip" ]; then
        printf '%s\n' "$zip"
        return
    fi
    have mvn || die "mvn (Maven) is needed to fetch Elasticsearch; run scripts/install-system.sh"
    mkdir -p "$SVN_CACHE_DIR/downloads"
    log "fetching $ES_ARTIFACT with Maven"
    # Run outside the repo so Maven does not read any pom.xml; its output is shown on failure.
    if ! (cd "$SVN_CACHE_DIR/downloads" &&
        mvn -q -B dependency:copy -Dartifact="$ES_ARTIFACT" \
            -DoutputDirectory="$SVN_CACHE_DIR/downloads" -Dmdep.overWriteReleases=true) \
        >"$SVN_CACHE_DIR/downloads/mvn.log" 2>&1; then
        tail -n 40 "$SVN_CACHE_DIR/downloads/mvn.log" >&2
        die "Maven could not fetch $ES_ARTIFACT"
    fi
    [ -s "$zip" ] || die "Maven did not leave $zip"
    printf '%s\n' "$zip"
}

install_dist() {
    local dir="$1" home="$1/elasticsearch-$ES_VERSION" zip tmp
    if [ -f "$home/.unpacked" ]; then
        return
    fi
    zip="$(fetch)"
    have unzip || die "unzip is needed; run scripts/install-system.sh"
    log "unpacking $(basename "$zip") into $dir"
    tmp="$dir/.unpack.$$"
    rm -rf "$tmp" "$home"
    mkdir -p "$tmp"
    unzip -q "$zip" -d "$tmp" || die "could not unpack $zip (delete it to fetch it again)"
    mv "$tmp/elasticsearch-$ES_VERSION" "$home"
    rm -rf "$tmp"
    touch "$home/.unpacked"
}

write_config() {
    local dir="$1" conf="$1/elasticsearch-$ES_VERSION/config" dict=/usr/share/hunspell
    mkdir -p "$conf/hunspell/en_GB"
    if [ -f "$dict/en_GB.aff" ] && [ -f "$dict/en_GB.dic" ]; then
        cp "$dict/en_GB.aff" "$dict/en_GB.dic" "$conf/hunspell/en_GB/"
    else
        warn "no $dict/en_GB.{aff,dic} (Debian package hunspell-en-gb): indices using the" \
            "hunspell en_GB filter cannot be created"
    fi
    cat >"$conf/elasticsearch.yml" <<EOF
# Written by scripts/elasticsearch.sh on every start; edit that script, not this file.
cluster.name: $ES_CLUSTER
node.name: $ES_NODE_NAME
network.host: 127.0.0.1
http.port: $ES_PORT
$(discovery_config)
# The integ-test distribution ships the x-pack-core and x-pack-security modules, so this
# setting is known. Without it the node would want TLS and passwords.
xpack.security.enabled: false
path.data: $dir/data
path.logs: $dir/logs
# A nearly full disk must never make the indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
# Tests delete indices by pattern.
action.destructive_requires_name: false
EOF
}

# How the node finds its cluster. Bound to 127.0.0.1 only, a node of a cluster also skips
# the production bootstrap checks (vm.max_map_count...).
discovery_config() {
    if [ -z "$ES_MASTER" ]; then
        printf '%s\n' "# Nothing else joins." "discovery.type: single-node"
        return
    fi
    printf '%s\n' "transport.port: $ES_TRANSPORT_PORT" \
        "discovery.seed_hosts: [${SVN_ES_SEED:-127.0.0.1:$ES_TRANSPORT_PORT}]" \
        "cluster.initial_master_nodes: [$ES_MASTER]"
    if [ "$ES_MASTER" = "$ES_NODE_NAME" ]; then
        printf '%s\n' "node.roles: [master, data, ingest]"
    else
        printf '%s\n' "node.roles: [data, ingest]"
    fi
}

start() {
    local dir pid jhome home out start_time status
    if ! jhome="$(java_home)"; then
        die "no Java 17 or newer found (set ES_JAVA_HOME, or run scripts/install-system.sh)"
    fi
    lock "$ES_NAME"
    is_root && ensure_system_user "$ES_USER" /nonexistent
    dir="$(es_dir)"

    if pid="$(running_pid "$dir")"; then
        if healthy 1s; then
            log "already running (pid $pid) at $ES_URL"
            write_state "$ES_NAME" "DIR=$dir" "URL=$ES_URL" "PID=$pid"
            return 0
        fi
        log "running (pid $pid) but not healthy yet; waiting"
    else
        if healthy 1s; then
            warn "an Elasticsearch this project did not start already answers at $ES_URL; using it" \
                "(set SVN_ES_PORT to run a separate one)"
            return 0
        fi
        if port_open "$ES_PORT"; then
            die "port $ES_PORT is taken by something that is not a healthy Elasticsearch;" \
                "set SVN_ES_PORT to another port"
        fi
        start_time="$(now)"
        mkdir -p "$dir"
        install_dist "$dir"
        write_config "$dir"
        home="$dir/elasticsearch-$ES_VERSION"
        if [ "${SVN_ES_FRESH:-}" = true ]; then
            rm -rf "$dir/data"
        fi
        mkdir -p "$dir/data" "$dir/logs" "$dir/tmp" "$dir/run"
        rm -f "$dir/run/elasticsearch.pid"
        if is_root; then
            chown -R "$ES_USER:" "$dir"
        fi
        out="$dir/logs/startup.out"
        log "starting $ES_VERSION ($ES_NODE_NAME) on $ES_URL as $ES_USER (Java $(java_major "$jhome") at $jhome)"
        # -d: the launcher returns once the node has started (or failed to); -p: pid file.
        status=0
        as_user "$ES_USER" env -i \
            PATH=/usr/local/bin:/usr/bin:/bin \
            HOME="$dir" \
            LANG=C.UTF-8 \
            ES_JAVA_HOME="$jhome" \
            ES_PATH_CONF="$home/config" \
            ES_TMPDIR="$dir/tmp" \
            ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP ${SVN_ES_JAVA_OPTS:-}" \
            timeout "$ES_TIMEOUT" "$home/bin/elasticsearch" -d -p "$dir/run/elasticsearch.pid" \
            >"$out" 2>&1 </dev/null 9>&- || status=$?
        if [ "$status" -ne 0 ]; then
            warn "the launcher exited with status $status; its output and the log follow"
            tail -n 30 "$out" >&2 || true
            tail -n 30 "$dir/logs/$ES_CLUSTER.log" >&2 2>/dev/null || true
            die "Elasticsearch did not start"
        fi
        pid="$(running_pid "$dir")" || die "no Elasticsearch process after start; see $dir/logs"
        write_state "$ES_NAME" "DIR=$dir" "URL=$ES_URL" "PID=$pid"
    fi

    local deadline=$((SECONDS + ES_TIMEOUT))
    until healthy 5s; do
        if ! running_pid "$dir" >/dev/null; then
            tail -n 30 "$dir/logs/$ES_CLUSTER.log" >&2 2>/dev/null || true
            die "Elasticsearch exited; see $dir/logs"
        fi
        [ "$SECONDS" -lt "$deadline" ] || die "not healthy after ${ES_TIMEOUT}s; see $dir/logs"
        sleep 0.5
    done
    if [ -n "${start_time:-}" ]; then
        log "healthy at $ES_URL after $(elapsed_since "$start_time") s (pid $pid)"
    else
        log "healthy at $ES_URL (pid $pid)"
    fi
    write_state "$ES_NAME" "DIR=$dir" "URL=$ES_URL" "PID=$pid"
}

stop() {
    local dir pid i
    dir="$(es_dir)"
    if ! pid="$(running_pid "$dir")"; then
        log "not running"
        rm -f "$dir/run/elasticsearch.pid" "$SVN_RUN_DIR/$ES_NAME.env"
        return 0
    fi
    log "stopping pid $pid"
    kill "$pid"
    # The node removes its pid file as soon as it begins to shut down: watch the process.
    for i in $(seq 1 60); do
        is_es_pid "$pid" || break
        sleep 0.5
    done
    if is_es_pid "$pid"; then
        warn "still running after 30 s; killing it"
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/run/elasticsearch.pid" "$SVN_RUN_DIR/$ES_NAME.env"
    log "stopped"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) healthy 1s ;;
pid) running_pid "$(es_dir)" ;;
url) printf '%s\n' "$ES_URL" ;;
*)
    echo "usage: $0 start|stop|status|url|pid" >&2
    exit 2
    ;;
esac
