#!/usr/bin/env bash
# The browser for the browser gate on a GitHub-hosted Ubuntu runner: the runner image's own Google Chrome
# (CHROME_BIN) and the chromedriver installed for it (in $CHROMEWEBDRIVER), checked here and handed to
# driftgate and the tests through $GITHUB_ENV (DRIFTGATE_BROWSER_BINARY, DRIFTGATE_BROWSER_DRIVER). Nothing is
# downloaded. A runner without them fails this step, naming what is missing, instead of the gate ending
# INCONCLUSIVE later. Elsewhere: apt-get install -y chromium chromium-driver (docs/gates.md).
set -euo pipefail
: "${CHROME_BIN:?this runner carries no Google Chrome (CHROME_BIN is unset; fix: an ubuntu-* x64 runner, or apt-get install -y chromium chromium-driver)}"
: "${CHROMEWEBDRIVER:?this runner carries no chromedriver (CHROMEWEBDRIVER is unset; fix: an ubuntu-* x64 runner, or apt-get install -y chromium chromium-driver)}"
: "${GITHUB_ENV:?run this in a GitHub Actions step}"
driver="$CHROMEWEBDRIVER/chromedriver"
echo "browser: $("$CHROME_BIN" --version) at $CHROME_BIN; driver: $("$driver" --version) at $driver"
echo "DRIFTGATE_BROWSER_BINARY=$CHROME_BIN" >> "$GITHUB_ENV"
echo "DRIFTGATE_BROWSER_DRIVER=$driver" >> "$GITHUB_ENV"
