#!/usr/bin/env bash
# Installs the Debian packages the project needs, and only the missing ones:
#   postgresql (15)            the test database
#   openjdk-17-jre-headless    to run Elasticsearch (skipped when a Java 17+ is present)
#   maven                      fetches the Elasticsearch distribution
#   hunspell-en-gb             the British English dictionary Elasticsearch stems with,
#                              which search also reads to tell real words from misspellings
#   chromium + fonts           browser tests and screenshots
#   nginx                      the TLS and authentication proxy the tests put in front of
#                              Elasticsearch (the tests run their own nginx processes)
#   curl, unzip, ca-certificates, procps   used by the other scripts
#   python3.11, python3.11-venv   only when no usable python3.11 is on PATH
# `install-system.sh run` installs only what `make run` needs: no PostgreSQL (it serves
# from SQLite) and no Chromium.
# Quick and silent when everything is present: no `apt-get update` then.
# As a non-root user it only says what is missing.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

wanted=(maven hunspell-en-gb curl unzip ca-certificates procps)
if [ "${1:-all}" != run ]; then
    wanted+=(postgresql chromium fonts-liberation fonts-dejavu-core nginx)
fi
# Python 3.11 with venv (Debian 12's own python3.11 needs python3.11-venv for that).
if ! have python3.11 || ! python3.11 -c 'import ensurepip, venv' 2>/dev/null; then
    wanted+=(python3.11 python3.11-venv)
fi
if ! java_home >/dev/null; then
    wanted+=(openjdk-17-jre-headless)
fi

installed() {
    [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" = "ii " ]
}

missing=()
for pkg in "${wanted[@]}"; do
    installed "$pkg" || missing+=("$pkg")
done
# A postgresql meta package of another major version does not give us 15.
if [ "${1:-all}" != run ] && ! installed postgresql-15 && [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
    [[ " ${missing[*]} " == *" postgresql "* ]] || missing+=(postgresql-15)
fi

if [ "${#missing[@]}" -eq 0 ]; then
    log "all system packages present"
    exit 0
fi

if ! is_root; then
    warn "missing Debian packages (run as root, or: sudo apt-get install ${missing[*]}): ${missing[*]}"
    exit 0
fi

log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
log "installed: ${missing[*]}"
