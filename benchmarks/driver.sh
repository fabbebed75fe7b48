#!/usr/bin/env bash
# driftgate on the embedded platform: a healthy candidate and four bad ones, each deployed with
# the `local` environment's gates (load: ApiMix 30 s). Prints, from the ledger: the outcome, the
# whole deploy's wall time, the time from the candidate being stable (answering) to the verdict,
# the load gate's time, and the availability of the stage's address through the deploy.
# `benchmarks/driver.sh healthy [N]` deploys only the healthy candidate, N times (3 by default), and
# prints the median wall time against issue 27's budget (55 s).
# Usage: benchmarks/driver.sh [healthy [N]]   (after `mvn -B install -DskipTests`; needs jq)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=driver/target/driftgate.jar
[ -f "$jar" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }
command -v jq >/dev/null || { echo "needs jq" >&2; exit 1; }
mode="${1:-all}"
rounds="${2:-3}"
[[ "$mode" =~ ^(all|healthy)$ ]] || { echo "benchmarks/driver.sh: '$mode' is not a mode (fix: no argument, or healthy [N])" >&2; exit 3; }
[[ "$rounds" =~ ^[1-9][0-9]?$ ]] || { echo "benchmarks/driver.sh: N='$rounds' is not a count (fix: 1 to 99)" >&2; exit 3; }
work="$(mktemp -d)"
mkdir -p "$work/environments"
spec="$PWD/contract-tests/src/main/resources/openapi/driftsentry.yaml"
sed -e "s#^name: local#name: bench#" -e "s#spec: contract-tests/src/main/resources/openapi/driftsentry.yaml#spec: $spec#" \
    environments/local.yaml > "$work/environments/bench.yaml"
cp environments/local.yaml "$work/environments/local.yaml"

deploy() { # name, image, candidate settings...
  local name="$1" image="$2"; shift 2
  local args=()
  for s in "$@"; do args+=(--candidate-env "$s"); done
  local start end
  start=$(date +%s.%N)
  # As scripts/driftgate runs it (C1 alone for the command's own JVM).
  java -XX:TieredStopAtLevel=1 -Dgate.environments="$work/environments" -jar "$jar" deploy --env bench --image "$image" "${args[@]}" >"$work/$name.log" 2>&1 || true
  end=$(date +%s.%N)
  jq -r --arg name "$name" --arg wall "$(echo "$end - $start" | bc)" '
    def s(k): (.steps[k] // 0);
    [$name, .outcome, ($wall|tonumber|. * 10|round / 10|tostring) + " s",
     ((s("health") + s("smoke") + s("contract") + s("load") + s("release")) | . * 10 | round / 10 | tostring) + " s",
     (s("load") | tostring) + " s",
     ([.verdicts[] | select(.gate == "availability") | .lines[0].measured] | last)] | @tsv' <(tail -1 "$work/target/state/local/ledger.jsonl")
}

printf 'candidate\toutcome\twall\tstable→verdict\tload gate\tavailability of the stage\n'
if [ "$mode" = healthy ]; then
  for i in $(seq 1 "$rounds"); do
    rm -rf "$work/target/state" # each round deploys onto a stage as fresh as the first's
    deploy "healthy-$i" 0.2.0 | tee -a "$work/healthy.tsv"
  done
  cut -f3 "$work/healthy.tsv" | sed 's/ s$//' | sort -n | awk -v n="$rounds" '{ w[NR] = $1 } END {
    m = (n % 2) ? w[(n + 1) / 2] : (w[n / 2] + w[n / 2 + 1]) / 2
    printf "healthy local deploy: median %s s (%s..%s), budget 55 s: %s\n", m, w[1], w[n], (m <= 55 ? "met" : "NOT met") }'
  echo "ledger and logs: $work"
  exit 0
fi
deploy healthy 0.2.0
deploy errors-5pct 0.3.0 DRIFTSENTRY_FAULT_ERROR_RATE=0.05 DRIFTSENTRY_FAULT_ROUTES=/api/v1/dashboard
deploy latency-2500ms 0.4.0 DRIFTSENTRY_FAULT_LATENCY_MS=2500 DRIFTSENTRY_FAULT_ROUTES=/api/v1/dashboard/summary
deploy never-ready 0.5.0 DRIFTSENTRY_FAULT_NEVER_READY=true
deploy crash-after-9s 0.6.0 DRIFTSENTRY_FAULT_CRASH_AFTER_S=9
echo "ledger and logs: $work"
