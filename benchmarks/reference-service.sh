#!/usr/bin/env bash
# Throughput and p99 of the reference service against nginx serving a static file, side by side
# in one run on 127.0.0.1 (the machine is shared and noisy: compare the ratios, not the absolutes).
# Needs: wrk, nginx (apt), the built jar (mvn -pl reference-service -am package -DskipTests).
# Usage: benchmarks/reference-service.sh [seconds per run, default 10] [access log level, default INFO]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
access=${2:-INFO}
jar=reference-service/target/driftsentry-reference.jar
for tool in wrk nginx; do command -v $tool >/dev/null || { echo "missing $tool: apt-get install -y wrk nginx" >&2; exit 3; }; done
[ -f "$jar" ] || { echo "missing $jar: mvn -B -q -pl reference-service -am package -DskipTests" >&2; exit 3; }

work=$(mktemp -d /tmp/bench-XXXXXX)
nginx_port=18089; svc_port=13002
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "${svc:-}" ] && kill -TERM "$svc" 2>/dev/null && wait "$svc" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

chmod 755 "$work"
printf 'driftsentry-ok!\n' > "$work/static.txt"
chmod 644 "$work/static.txt"
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$nginx_port; location / { root $work; } }
}
CONF
nginx -c "$work/nginx.conf"

DRIFTSENTRY_RATE_LIMIT_IP=1000000000/1s DRIFTSENTRY_RATE_LIMIT_KEY=1000000000/1s DRIFTSENTRY_ACCESS_LOG_LEVEL=$access \
  java -jar "$jar" --embedded --port $svc_port --seed 1000 --keys-out "$work/keys.json" > "$work/service.log" 2>&1 &
svc=$!
for _ in $(seq 1 120); do [ -f "$work/keys.json" ] && break; sleep 0.5; done
[ -f "$work/keys.json" ] || { echo "service did not start:"; tail -5 "$work/service.log"; exit 1; }
key=$(sed -n 's/.*"readerKey" : "\(.*\)".*/\1/p' "$work/keys.json")

# run <label> <url> [header]: prints "label rps p99_ms non2xx"
run() {
  local label=$1 url=$2 out
  shift 2
  out=$(wrk -t2 -c50 -d"${secs}s" --latency "$@" "$url")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v=v/1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v=v*1000}; print v}' <<<"$out")
  bad=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%s %s %s %s\n' "$label" "$rps" "$p99" "${bad:-0}"
}

# Warm the JIT and the summary cache before measuring.
wrk -t2 -c50 -d5s "http://127.0.0.1:$svc_port/health/live" >/dev/null
wrk -t2 -c50 -d5s -H "X-API-Key: $key" "http://127.0.0.1:$svc_port/api/v1/dashboard/summary" >/dev/null
wrk -t2 -c50 -d3s -H "X-API-Key: $key" "http://127.0.0.1:$svc_port/api/v1/drifts" >/dev/null

{
  run nginx-static "http://127.0.0.1:$nginx_port/static.txt"
  run health-live "http://127.0.0.1:$svc_port/health/live"
  run summary-hit "http://127.0.0.1:$svc_port/api/v1/dashboard/summary" -H "X-API-Key: $key"
  run drifts-list "http://127.0.0.1:$svc_port/api/v1/drifts" -H "X-API-Key: $key"
} > "$work/results.txt"

echo "wrk -t2 -c50 -d${secs}s on 127.0.0.1, access log $access, $(nproc) cores, $(date -u +%FT%TZ)"
awk 'NR==1 {base=$2} {printf "%-13s %10.0f req/s  p99 %7.2f ms  %5.1f%% of nginx  non-2xx %s\n", $1, $2, $3, 100*$2/base, $4}' "$work/results.txt"
