#!/usr/bin/env bash
# Runs every test. Installs Debian's Chromium for the browser tests when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests..."
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# The official InfluxDB JavaScript clients, for the wire-compatibility test.
[ -d tests/clients/node_modules ] || npm ci --prefix tests/clients --no-audit --no-fund --loglevel=error

dotnet tool restore >/dev/null
log=$(mktemp)
set +e
dotnet test Bootstrap.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over all test projects: "N passed, N failed".
awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$log" | tr -d ','| sed 's/ passed/ passed,/'
rm -f "$log"
exit "$status"
