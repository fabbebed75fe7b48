#!/usr/bin/env bash
# The browser gate and Lighthouse 12.2.3 (npm) side by side on one embedded default's dashboard:
#   benchmarks/browser-vs-lighthouse.sh [loads] [fault]     e.g. 10, or 5 unreachable-api
# Needs Debian's chromium + chromium-driver, Node.js and npm; builds the modules first when needed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/maven.sh
source benchmarks/maven.sh
loads="${1:-10}"
fault="${2:-}"
[ -d browser-gate/target/test-classes ] || mvn -B -q -ntp install -DskipTests
step "compiling the benchmark" mvn -B -q -ntp -pl browser-gate test-compile
lh=browser-gate/target/lighthouse
if [ ! -d "$lh/node_modules/lighthouse" ]; then
  npm install --prefix "$lh" --silent --no-audit --no-fund lighthouse@12.2.3 >/dev/null
fi
cp benchmarks/lighthouse/compare.mjs "$lh/"
cp_file="$(mktemp)"
classpath browser-gate "$cp_file" test
java -cp "browser-gate/target/test-classes:browser-gate/target/classes:$(cat "$cp_file")" -Dlighthouse.dir="$lh" \
  com.driftsentry.gate.browser.BrowserVsLighthouseBenchmark "$loads" "$fault"
rm -f "$cp_file"
