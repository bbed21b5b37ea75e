#!/usr/bin/env bash
# The round-3 A/B as it was run (a record, not part of run.sh). Before running: clone the two commits to
# /tmp/ab/old and /tmp/ab/new and publish each with
#   dotnet publish Bootstrap.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /tmp/ab/pub-<old|new>
# Interleaved cold start (process start -> first 200 on /api/v2/setup) and idle RSS, old vs new (gRPC on/off), set-up databases.
set -u
cd /tmp/ab
port=5390
start_wait() { # $1 variant dir, $2 data dir, $3 grpc url ("" = off / not applicable)
  local t0=$(date +%s%N)
  local grpcenv=(); [ "$1" = new ] && grpcenv=(Kestrel__Endpoints__Grpc__Url="$3")
  ( cd "$2" && exec env ASPNETCORE_URLS=http://127.0.0.1:$port "${grpcenv[@]}" ConnectionStrings__Bootstrap="Data Source=$2/bootstrap.db" /tmp/ab/pub-$1/Bootstrap.Web ) > "$2/log" 2>&1 &
  echo $! > /tmp/ab/pid
  until curl -sf -o /dev/null http://127.0.0.1:$port/api/v2/setup; do sleep 0.01; done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
declare -A tokens
for v in old new-on new-off; do
  d=/tmp/ab/data-$v; rm -rf $d; mkdir -p $d
  bin=${v%%-*}; grpc=""; [ "$v" = new-on ] && grpc=http://127.0.0.1:5391
  start_wait $bin $d "$grpc" >/dev/null; pid=$(cat /tmp/ab/pid)
  tokens[$v]=$(curl -s -X POST http://127.0.0.1:$port/api/v2/setup -H 'Content-Type: application/json' -d '{"username":"admin","password":"correct-horse-9","org":"acme","bucket":"b"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["auth"]["token"])')
  kill $pid; while kill -0 $pid 2>/dev/null; do sleep 0.05; done
done
for round in 1 2 3 4 5; do
  for v in old new-on new-off; do
    d=/tmp/ab/data-$v; bin=${v%%-*}; grpc=""; [ "$v" = new-on ] && grpc=http://127.0.0.1:5391
    ms=$(start_wait $bin $d "$grpc"); pid=$(cat /tmp/ab/pid)
    curl -s -o /dev/null -H "Authorization: Token ${tokens[$v]}" http://127.0.0.1:$port/api/v2/me
    sleep 5
    rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    echo "$v round=$round start_ms=$ms idle_rss_kib=$rss"
    kill $pid; while kill -0 $pid 2>/dev/null; do sleep 0.05; done
  done
done
