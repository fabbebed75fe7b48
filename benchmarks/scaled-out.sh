#!/usr/bin/env bash
# A scaled-out run's fidelity against a known truth, side by side with a single generator: a stub that answers every
# request after exactly 200 ms (benchmarks/FidelityStub.java), loaded by the health simulation at 30 users/s for 20 s,
# made by 1 generator and by 3 local generators in alternating rounds (the machine's drift hits both alike). The
# merged evidence's p99 must lie within 5% + 2 ms of 200 ms (188..212 ms), as the single generator's must.
# Needs: `mvn -B -q install -DskipTests` done once. Usage: benchmarks/scaled-out.sh [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/maven.sh
source benchmarks/maven.sh
rounds=${1:-3}
port=18096

java benchmarks/FidelityStub.java "$port" 200 &
stub=$!
trap 'kill $stub 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/health/live" >/dev/null || { echo "the stub did not answer on port $port" >&2; exit 3; }
classpath gate-core /tmp/gate-core-cp.txt

run() {
  local generators=$1 log
  log=$(mktemp /tmp/scaled-XXXXXX.log)
  mvn -B -o gatling:test -Dgate.baseUrl="http://127.0.0.1:$port" -Dgate.simulation=HealthSimulation \
    -Dgate.simulationClass=com.driftsentry.gate.simulations.HealthSimulation -Dgate.rampTo=30/s -Dgate.over=1s -Dgate.hold=20s \
    -Dgate.generators="$generators" > "$log" 2>&1 || true
  local newest
  newest=$(ls -td simulations/target/gate/healthsimulation-* | head -1)
  local summary p99 requests
  summary=$(java -cp "gate-core/target/classes:$(cat /tmp/gate-core-cp.txt)" com.driftsentry.gate.evidence.EvidenceSummary "$newest/evidence.json")
  p99=$(awk '$1=="health" {print $6}' <<<"$summary")
  requests=$(awk '$1=="health" {print $2}' <<<"$summary")
  printf "%d generator(s): %s requests, p99 %s ms, bound 188..212 ms: %s\n" "$generators" "$requests" "$p99" \
    "$(awk -v p="$p99" 'BEGIN { print (p >= 188 && p <= 212) ? "within" : "OUTSIDE" }')"
  rm -f "$log"
}

echo "fidelity of 1 and 3 generators against a 200 ms stub, 30 users/s for 20 s, $(nproc) cores, $(date -u +%FT%TZ)"
for _ in $(seq 1 "$rounds"); do
  run 1
  run 3
done
