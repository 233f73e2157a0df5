# shellcheck shell=bash
# Shared helpers for the scripts in this folder. Source it; do not run it.
#
# Layout on disk:
#   $SVN_CACHE_DIR            downloads and everything that should survive a fresh clone
#                             (default ~/.cache/social-value-network)
#   $SVN_RUN_DIR              state of the services this project started (default
#                             $SVN_CACHE_DIR/run): one <service>.env file per service
#   svn_service_dir NAME USER where a service run by another system user keeps its files
#
# Every message goes to standard error, so scripts can keep standard output for results.

SVN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SVN_CACHE_DIR="${SVN_CACHE_DIR:-$HOME/.cache/social-value-network}"
SVN_RUN_DIR="${SVN_RUN_DIR:-$SVN_CACHE_DIR/run}"
export SVN_ROOT SVN_CACHE_DIR SVN_RUN_DIR

# Logging -------------------------------------------------------------------------------

_svn_tag() { printf '%s' "${SVN_LOG_TAG:-$(basename "${0%.sh}")}"; }
log() { printf '[%s] %s\n' "$(_svn_tag)" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "$(_svn_tag)" "$*" >&2; }
die() {
    printf '[%s] ERROR: %s\n' "$(_svn_tag)" "$*" >&2
    exit 1
}

# Small predicates ------------------------------------------------------------------------

have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [ "$(id -u)" -eq 0 ]; }
is_ci() { [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; }

# Seconds since the epoch with a fractional part, for timing messages.
now() { date +%s.%N; }
elapsed_since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

# Java --------------------------------------------------------------------------------------

# Major version of the java binary in home $1 (8 for 1.8.x), or nothing.
java_major() {
    local java="$1/bin/java" line version
    [ -x "$java" ] || return 1
    line="$("$java" -version 2>&1 | grep -m1 -E 'version "' || true)"
    version="$(printf '%s' "$line" | sed -E 's/.*version "([^"]*)".*/\1/')"
    [ -n "$version" ] || return 1
    case "$version" in
    1.*) version="${version#1.}" ;;
    esac
    printf '%s\n' "${version%%[.+-]*}"
}

# Prints the home of a Java 17 or newer: $ES_JAVA_HOME, $JAVA_HOME, Debian's 17 and 21,
# the `java` on PATH, then anything else under /usr/lib/jvm. Fails when there is none.
java_home() {
    local candidates=() home major onpath
    [ -n "${ES_JAVA_HOME:-}" ] && candidates+=("$ES_JAVA_HOME")
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    candidates+=(/usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/java-21-openjdk-*)
    if onpath="$(command -v java 2>/dev/null)"; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$onpath")")")")
    fi
    candidates+=(/usr/lib/jvm/*)
    for home in "${candidates[@]}"; do
        [ -d "$home" ] || continue
        major="$(java_major "$home" 2>/dev/null)" || continue
        if [ -n "$major" ] && [ "$major" -ge 17 ] 2>/dev/null; then
            printf '%s\n' "$home"
            return 0
        fi
    done
    return 1
}

# Services ----------------------------------------------------------------------------------

# Creates a system user with no login shell if it does not exist (root only).
ensure_system_user() {
    local user="$1" home="$2"
    id -u "$user" >/dev/null 2>&1 && return 0
    is_root || die "system user $user does not exist and only root can create it"
    log "creating system user $user"
    useradd --system --home-dir "$home" --no-create-home --shell /usr/sbin/nologin \
        --user-group "$user"
}

# True when user $1 can enter directory $2 (and so every directory above it).
user_can_enter() {
    local user="$1" dir="$2"
    [ "$(id -un)" = "$user" ] && { [ -x "$dir" ]; return; }
    runuser -u "$user" -- test -x "$dir" 2>/dev/null
}

# Where the service NAME, run by system user USER, keeps its files. As a non-root user,
# or when USER can reach the cache dir: $SVN_CACHE_DIR/NAME. Otherwise (root's home is
# usually closed to other users) a folder under /var/lib keyed by the cache dir, so that
# every clone sharing one cache dir also shares its services.
svn_service_dir() {
    local name="$1" user="$2" key
    if ! is_root; then
        printf '%s\n' "$SVN_CACHE_DIR/$name"
        return
    fi
    mkdir -p "$SVN_CACHE_DIR"
    if user_can_enter "$user" "$SVN_CACHE_DIR"; then
        printf '%s\n' "$SVN_CACHE_DIR/$name"
        return
    fi
    key="$(printf '%s' "$(cd "$SVN_CACHE_DIR" && pwd -P)" | cksum | cut -d' ' -f1)"
    mkdir -p /var/lib/social-value-network
    chmod 755 /var/lib/social-value-network
    printf '%s\n' "/var/lib/social-value-network/$key/$name"
}

# Runs a command as USER (directly when already that user).
as_user() {
    local user="$1"
    shift
    if [ "$(id -un)" = "$user" ]; then
        "$@"
    else
        runuser -u "$user" -- "$@"
    fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Holds an exclusive lock named $1 until the calling script exits, so that two clones
# starting the same service at once do not race each other. Close fd 9 (`9>&-`) for any
# daemon started while it is held, or the daemon keeps the lock.
lock() {
    mkdir -p "$SVN_RUN_DIR"
    exec 9>"$SVN_RUN_DIR/$1.lock"
    if have flock && ! flock -w "${2:-300}" 9; then
        die "another start of $1 is still running (lock $SVN_RUN_DIR/$1.lock)"
    fi
}

# Writes KEY=VALUE lines (arguments) to $SVN_RUN_DIR/$1.env.
write_state() {
    local name="$1"
    shift
    mkdir -p "$SVN_RUN_DIR"
    printf '%s\n' "$@" >"$SVN_RUN_DIR/$name.env.tmp"
    mv "$SVN_RUN_DIR/$name.env.tmp" "$SVN_RUN_DIR/$name.env"
}

# Prints the value of KEY from $SVN_RUN_DIR/$1.env, if it has one.
read_state() {
    local file="$SVN_RUN_DIR/$1.env"
    [ -f "$file" ] || return 1
    sed -n "s/^$2=//p" "$file" | tail -n1
}
