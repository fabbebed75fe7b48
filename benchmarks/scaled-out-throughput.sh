#!/usr/bin/env bash
# Load beyond one machine, measured on one: the total request rate of a scaled-out run of 1, 2 and 4 local generators
# (`mvn gatling:test -Dgate.generators=N`, HealthSimulation at an arrival rate this machine cannot make, so each run
# shows the most its generators send) against nginx's static files, beside wrk on the same files, alternating in
# rounds so the machine's drift hits all alike. Rates are counted from nginx's access log, the same way for every
# tool: the mean over the run, and the median of the per-second counts after the first 5 s and before the last second.
# Each scaled-out run's merged p99 and the requests each generator sent come from its own verdict.
# Needs: nginx, wrk (apt), jq, `mvn -B -q install -DskipTests` done once.
# Usage: benchmarks/scaled-out-throughput.sh [seconds of hold, default 20] [rounds, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/maven.sh
source benchmarks/maven.sh
# shellcheck source=benchmarks/nginx.sh
source benchmarks/nginx.sh
secs=${1:-20}
rounds=${2:-2}
for tool in wrk nginx jq; do command -v $tool >/dev/null || { echo "missing $tool: apt-get install -y wrk nginx jq" >&2; exit 3; }; done

work=$(mktemp -d /tmp/throughput-XXXXXX)
chmod 755 "$work"
port=18091
cleanup() { [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/health"
for f in live ready; do printf '{"status":"UP"}\n' > "$work/health/$f"; done
serve_static "$work" "$port"

count() { wc -l < "$work/access.log" 2>/dev/null || echo 0; }

# served <label> <seconds> <command...>: what nginx served during the command, as a rate.
served() {
  local label=$1 seconds=$2 before after steady
  shift 2
  before=$(count)
  "$@" > "$work/$label.log" 2>&1 || true
  after=$(count)
  tail -n +"$((before + 1))" "$work/access.log" | head -n "$((after - before))" | awk '{print $4}' | sort | uniq -c | awk '{print $1}' > "$work/$label.sec"
  steady=$(sed '1,5d;$d' "$work/$label.sec" | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : 0)}')
  awk -v n=$((after - before)) -v s="$seconds" -v l="$label" -v m="$steady" \
    'BEGIN { printf "%-16s %8.0f req/s mean  %8d req/s steady median  (%d requests)", l, n / s, m, n }'
}

generators() { # N
  mvn -B -o gatling:test -Dgate.baseUrl="http://127.0.0.1:$port" -Dgate.simulation=HealthSimulation -Dgate.generators="$1" \
    -Dgate.rampTo=6000/s -Dgate.over=2s -Dgate.hold="${secs}s"
}

echo "scaled-out throughput on nginx static files, ${secs}s of hold, $(nproc) cores, $(date -u +%FT%TZ)"
for _ in $(seq 1 "$rounds"); do
  for n in 1 2 4; do
    served "generators-$n" $((secs + 2)) generators "$n"
    verdict=$(find simulations/target/gate -name verdict.json -newer "$work/nginx.conf" -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2)
    jq -r '" | outcome \(.outcome); p99 " + ([.lines[] | select(.criterion == "health p99") | .measured] | first // "?")
      + "; " + ([.lines[] | select(.criterion == "generators") | .measured] | first // "1 generator")' "$verdict"
    touch "$work/nginx.conf"
  done
  served "wrk" "$secs" wrk -t2 -c64 -d"${secs}s" "http://127.0.0.1:$port/health/live"
  echo
done
