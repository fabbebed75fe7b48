#!/usr/bin/env bash
# The load gate's cost and fidelity, measured with the real main job (`mvn gatling:test`, local env):
#  1. wall time of a healthy run (30 s of load) and how much of it is not load;
#  2. fidelity: 200 ms injected on every dashboard request; the verdict's dashboard p99 must lie
#     within 5% + 2 ms of 200 ms (188..212), beside Gatling's own p99 for the same group.
# Needs: `mvn -B -q install -DskipTests` done once. Usage: benchmarks/load-gate.sh
set -euo pipefail
cd "$(dirname "$0")/.."

run() {
  local log=$1
  shift
  local start end
  start=$(date +%s.%N)
  env "$@" mvn -B -o gatling:test > "$log" 2>&1 || true
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }'
}

log=$(mktemp /tmp/gate-XXXXXX.log)
wall=$(run "$log" PATH="$PATH")
load=$(sed -n 's/.*Simulation .* completed in \([0-9]*\) seconds.*/\1/p' "$log" | tail -1)
outcome=$(sed -n 's/.*==== load gate on local: \([A-Z]*\) .*/\1/p' "$log" | tail -1)
echo "healthy run: verdict $outcome, wall ${wall}s, simulation ${load}s, not load $(awk -v w="$wall" -v l="$load" 'BEGIN { printf "%.1f", w - l }')s"

wall=$(run "$log" DRIFTSENTRY_FAULT_LATENCY_MS=200 DRIFTSENTRY_FAULT_ROUTES=/api/v1/dashboard)
gate_p99=$(sed -n 's/^dashboard p99 <= 2s *p99 = \([0-9.]*\) ms.*/\1/p' "$log" | tail -1)
gatling_p99=$(sed -n 's/^dashboard: 99th percentile of response time.*actual : \([0-9.]*\)).*/\1/p' "$log" | tail -1)
echo "fidelity (200 ms injected on /api/v1/dashboard): gate p99 ${gate_p99} ms, Gatling p99 ${gatling_p99} ms, bound 188..212 ms: $(awk -v p="$gate_p99" 'BEGIN { print (p >= 188 && p <= 212) ? "within" : "OUTSIDE" }')"
rm -f "$log"
