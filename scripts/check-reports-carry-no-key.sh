#!/usr/bin/env bash
# A key passed on the command line must not reach any file: runs the smoke gate twice as an
# operator would, with a made-up key as -Dgate.apiKey (once passing, on the embedded default; once
# failing, against a stage that does not answer, where Failsafe writes every system property into
# its report), then searches every file under the modules' target/ for it. Exit 1 if found.
# Used by .ci/run after the tests; needs nothing installed (-am builds what smoke needs).
set -euo pipefail
cd "$(dirname "$0")/.."

canary="dsk_canary$(date +%s)_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
only_smoke_it=(-Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SmokeGateIT -Dfailsafe.failIfNoSpecifiedTests=false)

mvn -B -q -ntp -pl smoke -am verify "${only_smoke_it[@]}" "-Dgate.apiKey=$canary" > /tmp/no-key-pass.log 2>&1 \
  || { echo "check-reports-carry-no-key: the passing smoke run failed; see /tmp/no-key-pass.log" >&2; exit 1; }
if mvn -B -q -ntp -pl smoke -am verify "${only_smoke_it[@]}" -Dgate.baseUrl=http://127.0.0.1:9 "-Dgate.apiKey=$canary" \
    > /tmp/no-key-fail.log 2>&1; then
  echo "check-reports-carry-no-key: a smoke run against a dead stage passed" >&2
  exit 1
fi
grep -q 'name="gate.apiKey" value="\*\*\*\*"' smoke/target/failsafe-reports/*.xml \
  || { echo "check-reports-carry-no-key: the failing run's report does not show the masked property; the check proves nothing" >&2; exit 1; }

found=$(grep -rl --binary-files=text -- "$canary" ./*/target /tmp/no-key-*.log 2>/dev/null || true)
if [[ -n "$found" ]]; then
  echo "check-reports-carry-no-key: the key passed as -Dgate.apiKey was written to:" >&2
  echo "$found" >&2
  exit 1
fi
# And any key the tests created: only keys files (written 0600 on purpose) and compiled classes
# (the made-up keys of the tests' own sources) may hold something shaped like a DriftSentry key.
shaped=$(grep -rlE --binary-files=text 'dsk_[A-Za-z0-9]{10}_[A-Za-z0-9_-]{20,}' ./*/target 2>/dev/null \
  | grep -vE '\.class$|keys[^/]*\.json$|/keys-[0-9]+/' || true)
if [[ -n "$shaped" ]]; then
  echo "check-reports-carry-no-key: files under target/ hold something shaped like an API key:" >&2
  echo "$shaped" >&2
  exit 1
fi
echo "check-reports-carry-no-key: no file under */target (nor Maven's output) holds the key passed on the command line, nor any other key"
