#!/usr/bin/env bash
# Issue 15 item 3, as it was run (a record, not part of run.sh). Publish first:
#   dotnet publish Bootstrap.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /tmp/metrics-bench/pub
# and the commit this branch started from (03340c3, from `git archive`) the same way to /tmp/metrics-bench/pub-base.
# Five variants, each on its own set-up SQLite database, interleaved run by run:
#   base      the build before telemetry
#   off       no Metrics:Enabled, no OTEL_EXPORTER_OTLP_ENDPOINT (the default)
#   metrics   Metrics:Enabled=true, /metrics never scraped
#   scraped   Metrics:Enabled=true, /metrics scraped once before the idle wait
#   otlp      OTEL_EXPORTER_OTLP_ENDPOINT set (nothing listening there: export attempts fail quietly)
# Cold start = process start -> first 200 from GET /api/v2/setup (curl every 10 ms); idle RSS = VmRSS
# 5 s after one GET /api/v2/me (and, for "scraped", one GET /metrics).
set -u
root=/tmp/metrics-bench; port=5471; rounds=${1:-6}
url=http://127.0.0.1:$port
start_wait() { # $1 variant, $2 data dir
  local extra=()
  case $1 in
    metrics|scraped) extra=(Metrics__Enabled=true) ;;
    otlp) extra=(OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317) ;;
  esac
  local bin=$root/pub; [ $1 = base ] && bin=$root/pub-base
  local t0=$(date +%s%N)
  ( cd "$2" && exec env Kestrel__Endpoints__Http__Url=$url Kestrel__Endpoints__Grpc__Url= \
      ConnectionStrings__Bootstrap="Data Source=$2/bootstrap.db" Setup__ClaimTokenPath="$2/setup-token" "${extra[@]}" $bin/Bootstrap.Web ) > "$2/log" 2>&1 &
  echo $! > $root/pid
  until curl -sf -o /dev/null $url/api/v2/setup; do sleep 0.01; done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
stop() { kill "$1"; while kill -0 "$1" 2>/dev/null; do sleep 0.05; done; }
variants=(base off metrics scraped otlp)
declare -A tokens
for v in "${variants[@]}"; do
  d=$root/data-$v; rm -rf $d; mkdir -p $d
  start_wait $v $d >/dev/null; pid=$(cat $root/pid)
  tokens[$v]=$(curl -s -X POST $url/api/v2/setup -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"correct-horse-9","org":"acme","bucket":"b"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["auth"]["token"])')
  stop $pid
done
for round in $(seq 1 $rounds); do
  for v in "${variants[@]}"; do
    d=$root/data-$v
    ms=$(start_wait $v $d); pid=$(cat $root/pid)
    curl -s -o /dev/null -H "Authorization: Token ${tokens[$v]}" $url/api/v2/me
    [ $v = scraped ] && curl -s -o $root/scrape.txt $url/metrics
    sleep 5
    rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    echo "$v round=$round start_ms=$ms idle_rss_kib=$rss"
    stop $pid
  done
done
