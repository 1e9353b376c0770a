#!/usr/bin/env bash
# LiveGate benchmarks: throughput and latency of hot endpoints, whether bcrypt logins stall other
# requests, and memory. Loopback only, each load bounded in time. Needs a release build
# (`make bench` builds it) and wrk (installed by `make bench`).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${LIVEGATE_BIN:-.build/release/livegate}
PORT=${BENCH_PORT:-18480}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
DATA=$(mktemp -d)
OUT=bench-results
mkdir -p "$OUT"
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT

"$BIN" serve --host 127.0.0.1 --port "$PORT" --no-legacy-ports --data "$DATA" --set log_level=error &
SERVER=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/_livegate/health" >/dev/null && break; sleep 0.1; done

post() { curl -sf "http://127.0.0.1:$PORT$1" -d "$2"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# Seed: an anchor with a live room, and a viewer.
post /live/Register '{"account":"bench_anchor","phone":"13900000001","email":"a@bench.test","password":"bench123"}' >/dev/null
post /live/Register '{"account":"bench_viewer","phone":"13900000002","email":"v@bench.test","password":"bench123"}' >/dev/null
ANCHOR=$(post /live/Login '{"account":"bench_anchor","password":"bench123"}' | json '["sessionId"]')
VIEWER=$(post /live/Login '{"account":"bench_viewer","password":"bench123"}' | json '["sessionId"]')
ROOM=$(post /live/CreateLiveRoom "{\"sessionId\":\"$ANCHOR\",\"liveRoomName\":\"bench\"}" | json '["liveRoomId"]')
post /live/PushLiveStream "{\"sessionId\":\"$ANCHOR\",\"liveRoomId\":$ROOM,\"status\":1,\"timeout\":3600}" >/dev/null

script() { # path, body [, method]
  local file="$DATA/$(basename "$1")-${3:-POST}.lua"
  cat > "$file" <<LUA
wrk.method = "${3:-POST}"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
LUA
  echo "$file"
}

run() { # label, path, body, connections [, method]
  echo "== $1 ($4 connections, ${SECONDS_PER_RUN}s)"
  wrk -t2 -c"$4" -d"${SECONDS_PER_RUN}s" --latency -s "$(script "$2" "$3" "${5:-POST}")" "http://127.0.0.1:$PORT$2" \
    | tee "$OUT/$(echo "$1" | tr ' /' '__').txt" | grep -E "Requests/sec|Latency|  50%|  99%"
}

run "qplus room list" /live/GetLiveRoomList "{\"sessionId\":\"$VIEWER\",\"type\":1,\"refresh\":1,\"count\":10}" 32
run "qplus search" /live/SearchLiveRoom "{\"sessionId\":\"$VIEWER\",\"keyword\":\"$ROOM\"}" 32
run "rest rooms page" "/rooms/?page=1" "" 32 GET

# bcrypt runs off the event loops: room lists must stay fast while logins saturate the hash queue.
echo "== room list while logins load the bcrypt queue"
wrk -t1 -c8 -d"${SECONDS_PER_RUN}s" -s "$(script /live/Login '{"account":"bench_viewer","password":"bench123"}')" \
  "http://127.0.0.1:$PORT/live/Login" > "$OUT/logins_under_load.txt" &
LOGINS=$!
sleep 1
wrk -t1 -c8 -d"$((SECONDS_PER_RUN - 2))s" --latency -s "$(script /live/GetLiveRoomList "{\"sessionId\":\"$VIEWER\",\"type\":1,\"refresh\":1}")" \
  "http://127.0.0.1:$PORT/live/GetLiveRoomList" | tee "$OUT/list_during_logins.txt" | grep -E "Requests/sec|  50%|  99%"
wait $LOGINS
grep -E "Requests/sec" "$OUT/logins_under_load.txt" | sed 's/^/   logins: /'

echo "== memory"
grep -E "VmRSS|VmHWM" "/proc/$SERVER/status"
echo "results in $OUT/"
