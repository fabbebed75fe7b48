#!/usr/bin/env bash
# driftgate on the embedded platform: a healthy candidate and four bad ones, each deployed with
# the `local` environment's gates (load: ApiMix 30 s). Prints, from the ledger: the outcome, the
# whole deploy's wall time, the time from the candidate being stable (answering) to the verdict,
# the load gate's time, and the availability of the stage's address through the deploy.
# Usage: benchmarks/driver.sh   (after `mvn -B install -DskipTests`; needs jq)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=driver/target/driftgate.jar
[ -f "$jar" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }
command -v jq >/dev/null || { echo "needs jq" >&2; exit 1; }
work="$(mktemp -d)"
mkdir -p "$work/environments"
spec="$PWD/contract-tests/src/main/resources/openapi/driftsentry.yaml"
sed -e "s#^name: local#name: bench#" -e "s#spec: contract-tests/src/main/resources/openapi/driftsentry.yaml#spec: $spec#" \
    -e "s#^ledger: .*#ledger: $work/bench.jsonl#" environments/local.yaml > "$work/environments/bench.yaml"
cp environments/local.yaml "$work/environments/local.yaml"

deploy() { # name, image, candidate settings...
  local name="$1" image="$2"; shift 2
  local args=()
  for s in "$@"; do args+=(--candidate-env "$s"); done
  local start end
  start=$(date +%s.%N)
  java -Dgate.environments="$work/environments" -jar "$jar" deploy --env bench --image "$image" "${args[@]}" >"$work/$name.log" 2>&1 || true
  end=$(date +%s.%N)
  jq -r --arg name "$name" --arg wall "$(echo "$end - $start" | bc)" '
    def s(k): (.steps[k] // 0);
    [$name, .outcome, ($wall|tonumber|floor|tostring) + " s",
     ((s("health") + s("smoke") + s("contract") + s("load") + s("release")) | . * 10 | round / 10 | tostring) + " s",
     (s("load") | tostring) + " s",
     ([.verdicts[] | select(.gate == "availability") | .lines[0].measured] | last)] | @tsv' <(tail -1 "$work/bench.jsonl")
}

printf 'candidate\toutcome\twall\tstable→verdict\tload gate\tavailability of the stage\n'
deploy healthy 0.2.0
deploy errors-5pct 0.3.0 DRIFTSENTRY_FAULT_ERROR_RATE=0.05 DRIFTSENTRY_FAULT_ROUTES=/api/v1/dashboard
deploy latency-2500ms 0.4.0 DRIFTSENTRY_FAULT_LATENCY_MS=2500 DRIFTSENTRY_FAULT_ROUTES=/api/v1/dashboard/summary
deploy never-ready 0.5.0 DRIFTSENTRY_FAULT_NEVER_READY=true
deploy crash-after-9s 0.6.0 DRIFTSENTRY_FAULT_CRASH_AFTER_S=9
echo "ledger and logs: $work"
