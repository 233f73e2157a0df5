#!/usr/bin/env bash
# Fetches the Nu HTML Checker (Maven artifact nu.validator:validator and its dependencies)
# once into $SVN_CACHE_DIR/nu-validator-$NU_VERSION/, and prints the Java classpath that
# runs it (main class nu.validator.client.SimpleCommandLineValidator). The HTML tests
# read it from NU_VALIDATOR_CLASSPATH, which `make test` sets.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
SVN_LOG_TAG=nu-validator

NU_VERSION=26.5.2
dir="$SVN_CACHE_DIR/nu-validator-$NU_VERSION"

if [ ! -f "$dir/.complete" ]; then
    have mvn || die "mvn (Maven) is needed to fetch the Nu HTML Checker; run scripts/install-system.sh"
    log "fetching nu.validator:validator:$NU_VERSION and its dependencies with Maven"
    rm -rf "$dir"
    mkdir -p "$dir"
    # A throwaway project whose only dependency is the checker: Maven copies it and every
    # jar it needs. It lives in the cache, so Maven never reads a pom of this repository.
    cat >"$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.svn</groupId>
  <artifactId>nu-validator-runner</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>nu.validator</groupId>
      <artifactId>validator</artifactId>
      <version>$NU_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
    if ! (cd "$dir" && mvn -q -B dependency:copy-dependencies -DoutputDirectory="$dir/lib") \
        >"$dir/mvn.log" 2>&1; then
        tail -n 40 "$dir/mvn.log" >&2
        die "Maven could not fetch the Nu HTML Checker"
    fi
    touch "$dir/.complete"
fi
printf '%s\n' "$dir/lib/*"
