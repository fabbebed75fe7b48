#!/usr/bin/env bash
# What the gate's per-request recording costs the load generator, against one nginx static file on 127.0.0.1: each
# round runs plain Gatling, plain Gatling again (the A/A calibration: what the machine alone does to the ratio) and
# Gatling with the recording, each alone at its top rate (closed model, 50 users), one after another in turns, and reads
# - the generator JVM's CPU per request in the steady middle of the run (/proc, from 7 s to 2 s before the end):
#   at its top rate the generator is CPU-bound, so its top rate goes as the inverse of this, and unlike the rate itself
#   it does not swing with what the rest of this shared machine does (plain Gatling's rate alone swung 7.7k-19.9k);
# - the rate nginx served it in the same window (its access log), for the record.
# recorded/plain is plain's CPU per request over the recorded one's; the budget is a mean of at least 0.90.
# Needs: nginx, wrk (apt), `mvn -B -q install -DskipTests` done once.
# Usage: benchmarks/recording-overhead.sh [seconds per run, default 16] [rounds, default 6]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/maven.sh
source benchmarks/maven.sh
# shellcheck source=benchmarks/nginx.sh
source benchmarks/nginx.sh
secs=${1:-16}
rounds=${2:-6}
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

(( secs >= 12 )) || { echo "recording-overhead: seconds per run: $secs is too short for a steady window (fix: 12 or more)" >&2; exit 3; }
tick=$(getconf CLK_TCK)

# run <recording> <agent>: one generator alone; prints "<CPU microseconds per request> <requests/s>" of its steady window.
run() {
  java -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED \
    -Djava.util.prefs.PreferencesFactory=com.driftsentry.gate.load.PinnedGatlingPreferences -Dbench.url="http://127.0.0.1:$port/static.txt" \
    -Dbench.recording="$1" -Dbench.agent="$2" -Dbench.seconds="$secs" -Dbench.users=50 -cp "$cp" io.gatling.app.Gatling \
    -s com.driftsentry.gate.bench.RecordingOverheadSimulation -rf "$work/gatling" -nr > "$work/$2.log" 2>&1 &
  local pid=$! window=$((secs - 9)) c0 n0 c1 n1
  sleep 7
  c0=$(awk '{print $14 + $15}' "/proc/$pid/stat"); n0=$(count)
  sleep "$window"
  c1=$(awk '{print $14 + $15}' "/proc/$pid/stat"); n1=$(count)
  wait "$pid" || { echo "the generator $2 failed:" >&2; tail -5 "$work/$2.log" >&2; exit 1; }
  awk -v c=$((c1 - c0)) -v n=$((n1 - n0)) -v t="$tick" -v w="$window" 'BEGIN { printf "%.1f %.0f", c / t * 1e6 / n, n / w }'
}

echo "the recording's cost on a static file: ${secs}s per run, 50 users, $(nproc) cores, $rounds rounds, $(date -u +%FT%TZ)"
: > "$work/rounds"
# The three take turns at going first, second and third (a run's place in the round moved its CPU per request by up to
# 20% here), so over a multiple of three rounds each place weighs on each of them alike.
kinds=(bench-plain bench-plain-again bench-recorded)
for r in $(seq 1 "$rounds"); do
  declare -A cpu=() rate=()
  for k in 0 1 2; do
    kind=${kinds[$(( (k + r) % 3 ))]}
    read -r "cpu[$kind]" "rate[$kind]" <<<"$(run "$([ "$kind" = bench-recorded ] && echo true || echo false)" "$kind")"
  done
  echo "${cpu[bench-plain]} ${cpu[bench-plain-again]} ${cpu[bench-recorded]}" >> "$work/rounds"
  printf 'round %d (first: %s)   CPU per request: plain %s us, plain again %s us, recorded %s us   rate: %s, %s, %s req/s\n' "$r" \
    "${kinds[$(( (1 + r) % 3 ))]#bench-}" "${cpu[bench-plain]}" "${cpu[bench-plain-again]}" "${cpu[bench-recorded]}" \
    "${rate[bench-plain]}" "${rate[bench-plain-again]}" "${rate[bench-recorded]}"
done
awk '{ aa[NR] = $1 / $2; ab[NR] = $1 / $3 }
  function stats(label, v,   i, sum, lo, hi) { lo = 9; hi = 0; for (i = 1; i <= NR; i++) { sum += v[i]; if (v[i] < lo) lo = v[i]; if (v[i] > hi) hi = v[i] }
    printf "%-32s mean %.3f   spread %.3f..%.3f   (%d rounds)\n", label, sum / NR, lo, hi, NR; return sum / NR }
  END { stats("A/A (plain again / plain)", aa); m = stats("recorded/plain", ab)
        printf "budget: the recording within 10%% of plain Gatling (recorded/plain mean >= 0.90): %s\n", (m >= 0.90 ? "met" : "NOT met") }' "$work/rounds"
# For scale: what wrk gets from the same nginx.
measure wrk wrk -t2 -c50 -d"${secs}s" "http://127.0.0.1:$port/static.txt"
