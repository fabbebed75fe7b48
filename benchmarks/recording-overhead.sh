#!/usr/bin/env bash
# What the gate's per-request recording costs the load generator: the top request rate of Gatling
# with the recording and without it, and of wrk, against one nginx static file on 127.0.0.1, in
# one run, alternating so drift in the machine's load hits both alike. Rates are counted from
# nginx's access log, so every tool is measured the same way.
# Needs: nginx, wrk (apt), `mvn -B -q install -DskipTests` done once.
# Usage: benchmarks/recording-overhead.sh [seconds per run, default 15] [rounds, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/maven.sh
source benchmarks/maven.sh
# shellcheck source=benchmarks/nginx.sh
source benchmarks/nginx.sh
secs=${1:-15}
rounds=${2:-2}
for tool in wrk nginx; do command -v $tool >/dev/null || { echo "missing $tool: apt-get install -y wrk nginx" >&2; exit 3; }; done

work=$(mktemp -d /tmp/overhead-XXXXXX)
chmod 755 "$work"
port=18090
cleanup() { [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
printf 'driftsentry-ok!\n' > "$work/static.txt"
serve_static "$work" "$port"

classpath simulations "$work/cp.txt" test
step "compiling the benchmark" mvn -B -q -o -pl simulations test-compile
cp="simulations/target/test-classes:simulations/target/classes:$(cat "$work/cp.txt")"

count() { wc -l < "$work/access.log" 2>/dev/null || echo 0; }

# measure <label> <command...>: requests/s seen by nginx during the command. Besides the mean, the
# median of the per-second counts after the first 5 s (JIT warm-up) and before the last second:
# the steady rate, robust against a neighbour's burst on this shared machine.
measure() {
  local label=$1 before after
  shift
  before=$(count)
  "$@" > "$work/$label.log" 2>&1 || { echo "$label failed:"; tail -5 "$work/$label.log"; exit 1; }
  after=$(count)
  tail -n +"$((before + 1))" "$work/access.log" | head -n "$((after - before))" | awk '{print $4}' | sort | uniq -c | awk '{print $1}' > "$work/$label.sec"
  steady=$(sed '1,5d;$d' "$work/$label.sec" | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : 0)}')
  awk -v n=$((after - before)) -v secs="$secs" -v l="$label" -v m="$steady" \
    'BEGIN { printf "%-18s %9.0f req/s mean  %9d req/s steady median  (%d requests)\n", l, n / secs, m, n }'
}

gatling() {
  java -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED -Dbench.url="http://127.0.0.1:$port/static.txt" \
    -Dbench.recording="$1" -Dbench.seconds="$secs" -Dbench.users=50 -cp "$cp" io.gatling.app.Gatling \
    -s com.driftsentry.gate.bench.RecordingOverheadSimulation -rf "$work/gatling" -nr
}

echo "top request rate on a static file, ${secs}s per run, 50 connections/users, $(nproc) cores, $(date -u +%FT%TZ)"
# Side by side: both generators at once, sharing the same CPUs at the same moments, so the machine's
# noise hits them alike; the ratio of what nginx served each (told apart by user agent) is the cost.
for r in $(seq 1 "$rounds"); do
  before=$(count)
  gatling false > "$work/together-plain-$r.log" 2>&1 &
  p1=$!
  gatling true > "$work/together-recorded-$r.log" 2>&1 &
  p2=$!
  wait $p1 $p2
  after=$(count)
  tail -n +"$((before + 1))" "$work/access.log" | head -n "$((after - before))" > "$work/together-$r.log"
  plain=$(grep -c '"bench-plain"' "$work/together-$r.log" || true)
  recorded=$(grep -c '"bench-recorded"' "$work/together-$r.log" || true)
  awk -v p="$plain" -v r="$recorded" -v n="$r" 'BEGIN { printf "together-%d         plain %d, recorded %d requests: recorded/plain %.2f\n", n, p, r, r / p }'
done
for r in $(seq 1 "$rounds"); do
  measure "gatling-plain-$r" gatling false
  measure "gatling-recorded-$r" gatling true
  measure "wrk-$r" wrk -t2 -c50 -d"${secs}s" "http://127.0.0.1:$port/static.txt"
done
