#!/usr/bin/env bash
# What the gate's per-request recording costs the load generator, against one nginx static file on 127.0.0.1.
# One Gatling JVM runs short slices in turns (RecordingOverheadSimulation): in each round a slice of plain Gatling, one
# of plain Gatling again (the A/A calibration: what the machine alone does to the ratio) and one with the recording, 50
# users each in a closed model, the round's order rotated; round 0 only warms the JIT up. The generator is pinned to one
# core and nginx to the other, so the generator is CPU-bound on a core of its own and its rate is its top rate. Slices of
# a few seconds side by side in one JVM see the same machine: runs of a minute one after another swung 7.7k-19.9k req/s.
# Each slice's rate is counted from nginx's access log.
# recorded/plain is the recorded slice's rate over the mean of its round's two plain slices; the budget is a mean of at
# least 0.90 over the rounds.
# Needs: nginx, wrk (apt), two cores, `mvn -B -q install -DskipTests` done once.
# Usage: benchmarks/recording-overhead.sh [seconds per slice, default 4] [rounds, default 12] [kinds, default
#   plain,plain-again,recorded; add grouped for the recording inside a Gatling group, the design before issue 27's]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/maven.sh
source benchmarks/maven.sh
# shellcheck source=benchmarks/nginx.sh
source benchmarks/nginx.sh
slice=${1:-4}
rounds=${2:-12}
kinds=${3:-plain,plain-again,recorded}
[[ ,$kinds, == *,plain,* && ,$kinds, == *,plain-again,* && ,$kinds, == *,recorded,* ]] || { echo "recording-overhead: kinds: $kinds lacks plain, plain-again or recorded (fix: add them, e.g. plain,plain-again,recorded,grouped)" >&2; exit 3; }
for tool in wrk nginx taskset; do command -v $tool >/dev/null || { echo "recording-overhead: missing $tool (fix: apt-get install -y wrk nginx util-linux)" >&2; exit 3; }; done
(( slice >= 2 )) || { echo "recording-overhead: seconds per slice: $slice is too short for a steady window (fix: 2 or more)" >&2; exit 3; }
(( rounds >= 5 )) || { echo "recording-overhead: rounds: $rounds gives no mean worth stating (fix: 5 or more)" >&2; exit 3; }
(( $(nproc) >= 2 )) || { echo "recording-overhead: needs two cores, one for the generator and one for nginx; this machine has $(nproc)" >&2; exit 3; }

# In memory: nginx writes a line per request, up to 60,000 a second, which this machine's disk need not take.
work=$(mktemp -d /dev/shm/overhead-XXXXXX)
chmod 755 "$work"
port=18090
cleanup() { [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
printf 'driftsentry-ok!\n' > "$work/static.txt"
# nginx and every worker it forks stay on core 0.
taskset -c 0 bash -c "$(declare -f serve_static); serve_static '$work' $port"

classpath simulations "$work/cp.txt" test
step "compiling the benchmark" mvn -B -q -o -pl simulations test-compile
cp="simulations/target/test-classes:simulations/target/classes:$(cat "$work/cp.txt")"

echo "the recording's cost on a static file: $kinds, $rounds rounds of ${slice}s slices, 50 users, generator on core 1, nginx on core 0, $(date -u +%FT%TZ)"
taskset -c 1 java -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED \
  -Djava.util.prefs.PreferencesFactory=com.driftsentry.gate.load.PinnedGatlingPreferences -Dbench.url="http://127.0.0.1:$port/static.txt" \
  -Dbench.slice="$slice" -Dbench.rounds="$rounds" -Dbench.kinds="$kinds" -cp "$cp" io.gatling.app.Gatling \
  -s com.driftsentry.gate.bench.RecordingOverheadSimulation -rf "$work/gatling" -nr > "$work/gatling.log" 2>&1 \
  || { echo "recording-overhead: the generator failed:" >&2; tail -5 "$work/gatling.log" >&2; exit 1; }

# Each slice's rate: its requests over its length. Its users loop for exactly that long, all starting at once on the
# connections the slice before left open. (nginx's own request times cannot mark the edges: its clock moved in steps of
# about 0.3 s here.)
awk -v secs="$slice" '{ if (match($0, /slice=[a-z-]+-[0-9]+/)) c[substr($0, RSTART + 6, RLENGTH - 6)]++ }
     END { for (s in c) { k = s; sub(/-[0-9]+$/, "", k); printf "%d %s %.0f\n", substr(s, length(k) + 2), k, c[s] / secs } }' \
  "$work/access.log" | sort -n > "$work/slices"
awk -v kinds="$kinds" 'BEGIN { n = split(kinds, kind, ",") }
  $1 > 0 { rate[$1, $2] = $3; if ($1 > last) last = $1 }
  END { for (r = 1; r <= last; r++) {
          line = sprintf("round %2d", r)
          for (i = 1; i <= n; i++) { if (!rate[r, kind[i]]) { print "round " r ": the " kind[i] " slice has no requests in the log" > "/dev/stderr"; exit 1 }
                                     line = line sprintf("   %s %d", kind[i], rate[r, kind[i]]) }
          plain = (rate[r, "plain"] + rate[r, "plain-again"]) / 2
          aa[r] = rate[r, "plain-again"] / rate[r, "plain"]
          for (i = 1; i <= n; i++) if (kind[i] !~ /^plain/) ratio[kind[i], r] = rate[r, kind[i]] / plain
          print line " req/s" }
        stats("A/A (plain again / plain)", aa)
        for (i = 1; i <= n; i++) if (kind[i] !~ /^plain/) { for (r = 1; r <= last; r++) v[r] = ratio[kind[i], r]; m[kind[i]] = stats(kind[i] "/plain", v) }
        printf "budget: the recording within 10%% of plain Gatling (recorded/plain mean >= 0.90): %s\n", (m["recorded"] >= 0.90 ? "met" : "NOT met") }
  function stats(label, v,   i, sum, lo, hi, s) { lo = 9; hi = 0; for (i = 1; i <= last; i++) { sum += v[i]; if (v[i] < lo) lo = v[i]; if (v[i] > hi) hi = v[i]; s[i] = v[i] }
    printf "%-32s mean %.3f   median %.3f   spread %.3f..%.3f   (%d rounds)\n", label, sum / last, median(s, last), lo, hi, last; return sum / last }
  function median(s, k,   i, j, t) { for (i = 2; i <= k; i++) { t = s[i]; for (j = i - 1; j >= 1 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
    return k % 2 ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2 }' "$work/slices"
# For scale: what wrk, on the generator's core, gets from the same nginx.
taskset -c 1 wrk -t1 -c50 -d"${slice}s" "http://127.0.0.1:$port/static.txt" | awk '/Requests\/sec/ { printf "wrk on core 1: %.0f req/s\n", $2 }'
