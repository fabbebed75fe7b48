# shellcheck shell=bash
# Sourced by the benchmarks: Maven run quietly, and one word on why a benchmark stops when it fails.
# A benchmark that cannot build or list its classpath exits 3 naming the step and Maven's errors.

# step <what> <command...>: runs the command with its output kept aside; on failure says what failed and exits 3.
step() {
  local what="$1" log
  shift
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    echo "$(basename "$0"): $what failed: $*" >&2
    grep -E "ERROR|error:" "$log" | head -8 >&2 || tail -8 "$log" >&2
    echo "(fix: run 'mvn -B -q install -DskipTests' once with Maven Central reachable, so that ~/.m2 holds the modules and the plugins)" >&2
    rm -f "$log"
    exit 3
  fi
  rm -f "$log"
}

# classpath <module> <output file> [scope]: the module's dependency classpath, offline.
classpath() {
  step "listing $1's classpath" mvn -B -q -o -pl "$1" dependency:build-classpath -Dmdep.outputFile="$2" -Dmdep.includeScope="${3:-runtime}"
}
