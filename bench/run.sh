#!/usr/bin/env bash
# Builds Release and measures what operators feel: cold start, setup latency, authenticated
# throughput, cost at 1 / 1 000 / 100 000 tokens and buckets, and memory (idle, and with 20 wizard
# circuits held open by headless Chromium). See bench/README.md.
#
#   ./bench/run.sh                 full run (medians over more repeats; about 6-8 minutes on 2 cores)
#   ./bench/run.sh --quick         fewer, shorter repeats (about 5 minutes)
#   ./bench/run.sh --only coldstart,setup,throughput,scale,memory
#   ./bench/run.sh --micro [BenchmarkDotNet args]   the micro-benchmarks instead
#
# Load goes to loopback only. Results: bench/results/latest.md (and the console).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $SUDO apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk (Debian package) for the load tests..."
  apt_install wrk
fi
# Debian's Chromium holds the wizard circuits open in the memory section (Playwright's browser download is not used).
if [ -z "${BOOTSTRAP_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package) for the wizard circuits..."
  apt_install chromium || echo "Chromium could not be installed: the wizard circuits will be reported as not measured."
fi

echo "Building Release..."
dotnet build bench/Bench.slnx -c Release --nologo -v quiet -clp:ErrorsOnly
bench_dll=bench/Bootstrap.Bench/bin/Release/net10.0/Bootstrap.Bench.dll

if [ "${1:-}" = "--micro" ]; then
  shift
  exec dotnet "$bench_dll" micro "$@"
fi

work=$(mktemp -d -t bootstrap-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "Publishing Release with ReadyToRun (as a deployment would)..."
dotnet publish Bootstrap.Web/Bootstrap.Web.csproj -c Release -o "$work/published" --nologo -v quiet -clp:ErrorsOnly >/dev/null

# BENCH_NICE=-10 (root only) favours the measured processes over other work on a shared machine.
nice -n "${BENCH_NICE:-0}" dotnet "$bench_dll" run \
  --app "$PWD/Bootstrap.Web/bin/Release/net10.0/Bootstrap.Web.dll" \
  --published "$work/published/Bootstrap.Web.dll" \
  --baseline "$PWD/bench/Baseline/bin/Release/net10.0/Bootstrap.Bench.Baseline.dll" \
  --work "$work" \
  --results "$PWD/bench/results/latest.md" \
  "$@"
