#!/usr/bin/env bash
# Runs every test. Installs Debian's Chromium and axe-core (browser tests) and PostgreSQL (database tests) when missing.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $SUDO apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests..."
  apt_install chromium
fi

# axe-core, injected into pages by the accessibility test.
if [ ! -f tests/Bootstrap.E2E.Tests/node_modules/axe-core/axe.min.js ]; then
  echo "Installing the browser tests' npm packages..."
  npm ci --prefix tests/Bootstrap.E2E.Tests --no-audit --no-fund >/dev/null
fi

# The API tests also run on a private PostgreSQL server that they start themselves (initdb + pg_ctl);
# without it they fail, never skip.
if [ -z "${BOOTSTRAP_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL for the database tests..."
  apt_install postgresql
fi

# The metrics test lints the /metrics scrape with promtool (Debian's prometheus package); without it
# that test fails, never skips.
if ! command -v promtool >/dev/null 2>&1; then
  echo "Installing promtool for the metrics test..."
  apt_install prometheus
fi

# The service unit test runs systemd-analyze verify on deploy/bootstrap.service; without it that test
# fails, never skips.
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "Installing systemd-analyze for the service unit test..."
  apt_install systemd
fi

# The official InfluxDB and Zitadel JavaScript clients, for the wire-compatibility tests.
[ -d tests/clients/node_modules/@zitadel/node ] || npm ci --prefix tests/clients --no-audit --no-fund --loglevel=error

dotnet tool restore >/dev/null
# bench/ is not part of Bootstrap.sln; building it here keeps it compiling (and analyzer-clean) with the app.
dotnet build bench/Bench.slnx -v q -nologo
log=$(mktemp)
set +e
# One test project at a time: the API, process and browser suites each start servers, and
# running them side by side on a 2-core machine only makes their timings flaky.
dotnet test Bootstrap.sln -m:1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over all test projects: "N passed, N failed".
awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log" | tr -d ','| sed 's/ passed/ passed,/'
rm -f "$log"
exit "$status"
