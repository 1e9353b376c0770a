#!/usr/bin/env bash
# LiveGate benchmarks, every figure also a ratio to a floor measured in the same run: a plain
# Hummingbird server (benchmarks/floor) answering a document the size of the gateway's health. The
# machine is shared and noisy: absolute figures drift, the ratios hold. Loopback only, each load
# bounded in time. Needs release builds (`make bench` makes them) and wrk (installed by it).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${LIVEGATE_BIN:-.build/release/livegate}
FLOOR=${FLOOR_BIN:-benchmarks/floor/.build/release/floor}
PORT=${BENCH_PORT:-18480}
FLOOR_PORT=$((PORT + 10))
LOGIN_PORT=$((PORT + 20))
SECONDS_PER_RUN=${BENCH_SECONDS:-8}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
USERS=${BENCH_USERS:-1000}
DATA=$(mktemp -d)
OUT=bench-results
mkdir -p "$OUT"
SUMMARY="$OUT/summary.tsv"
: > "$SUMMARY"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$DATA"
}
trap cleanup EXIT

wait_up() { for _ in $(seq 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done; echo "not answering: $1" >&2; exit 1; }
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

script() { # name, body, method
  local file="$DATA/$1.lua"
  cat > "$file" <<LUA
wrk.method = "$3"
wrk.body = '$2'
wrk.headers["Content-Type"] = "${4:-application/json}"
LUA
  echo "$file"
}

run() { # label, url, body, method [, content type]
  local name file
  name=$(echo "$1" | tr -c 'A-Za-z0-9\n' '_')
  file="$OUT/$name.txt"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$(script "$name" "$3" "$4" "${5:-}")" "$2" > "$file"
  # wrk counts non-2xx answers; a load whose answers are errors measures nothing.
  if grep -q "Non-2xx" "$file"; then echo "!! $1: $(grep Non-2xx "$file")" >&2; fi
  awk -v label="$1" '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 }
    /^ +99%/ { p99 = $2 }
    END { printf "%s\t%s\t%s\t%s\n", label, rps, p50, p99 }' "$file" >> "$SUMMARY"
  tail -1 "$SUMMARY"
}

"$FLOOR" "$FLOOR_PORT" > /dev/null 2>&1 &
PIDS+=($!)
# Seeding 1,000 users goes faster with cheap hashes; the login load below runs at production cost.
"$BIN" serve --host 127.0.0.1 --port "$PORT" --no-legacy-ports --data "$DATA/main" --set log_level=error \
  --set bcrypt_cost=4 --set rate_limit_exempt=127.0.0.1/32 &
SERVER=$!
PIDS+=("$SERVER")
wait_up "http://127.0.0.1:$FLOOR_PORT/hello"
wait_up "http://127.0.0.1:$PORT/_livegate/health"
sleep 1
IDLE=$(rss_mb "$SERVER")

echo "seeding $USERS users, 30 live rooms"
SEED=$(python3 benchmarks/seed.py "$PORT" "$USERS" 30)
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$SEED" "$1"; }
VIEWER=$(field viewer)
ANCHOR=$(field anchor)
G="http://127.0.0.1:$PORT"

run "floor: plain Hummingbird" "http://127.0.0.1:$FLOOR_PORT/hello" "" GET
run "health" "$G/_livegate/health" "" GET
lists() { # suffix
  run "REST /rooms/ page of 30$1" "$G/rooms/?page=1&pageSize=30" "" GET
  run "QPlus GetLiveRoomList 30$1" "$G/live/GetLiveRoomList" "{\"sessionId\":\"$VIEWER\",\"type\":1,\"refresh\":1,\"count\":30}" POST
  run "shangtv /list_room$1" "$G/list_room" "index=0" POST application/x-www-form-urlencoded
  run "shangtv /recommand_list$1" "$G/recommand_list" "index=0" POST application/x-www-form-urlencoded
}
lists ""
run "QPlus GetMyLiveRoomId (session)" "$G/live/GetMyLiveRoomId" "{\"sessionId\":\"$ANCHOR\"}" POST
run "write: QPlus ModifyUserInfo" "$G/live/ModifyUserInfo" "{\"sessionId\":\"$VIEWER\",\"nickName\":\"bench\",\"sex\":1}" POST

echo "seeding up to 1,000 live rooms"
SEED=$(python3 benchmarks/seed.py "$PORT" "$USERS" 1000 30)
VIEWER=$(field viewer)
lists " (1,000 live)"
LOADED=$(rss_mb "$SERVER")

# Logins at production cost (bcrypt 10) saturating the bounded hash pool, while room lists go on.
"$BIN" serve --host 127.0.0.1 --port "$LOGIN_PORT" --no-legacy-ports --data "$DATA/logins" --set log_level=error &
PIDS+=($!)
wait_up "http://127.0.0.1:$LOGIN_PORT/_livegate/health"
L="http://127.0.0.1:$LOGIN_PORT"
curl -sf "$L/live/Register" -d '{"account":"bench_viewer","password":"bench123"}' > /dev/null
LOGIN_VIEWER=$(curl -sf "$L/live/Login" -d '{"account":"bench_viewer","password":"bench123"}' | python3 -c "import json,sys; print(json.load(sys.stdin)['sessionId'])")
wrk -t1 -c8 -d"${SECONDS_PER_RUN}s" -s "$(script logins '{"account":"bench_viewer","password":"bench123"}' POST)" "$L/live/Login" > "$OUT/logins.txt" &
LOGINS=$!
sleep 1
SECONDS_PER_RUN=$((SECONDS_PER_RUN - 2)) CONNECTIONS=8 run "QPlus GetLiveRoomList during bcrypt logins" "$L/live/GetLiveRoomList" \
  "{\"sessionId\":\"$LOGIN_VIEWER\",\"type\":1,\"refresh\":1}" POST
wait $LOGINS
awk '/Requests\/sec/ { printf "logins at bcrypt cost 10\t%s\t-\t-\n", $2 }' "$OUT/logins.txt" >> "$SUMMARY"

python3 - "$SUMMARY" "$IDLE" "$LOADED" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
floor = float(rows[0][1])
print()
print("| load (64 connections unless noted) | requests/s | × floor | p50 | p99 |")
print("| --- | ---: | ---: | ---: | ---: |")
for label, rps, p50, p99 in rows:
    print(f"| {label} | {float(rps):,.0f} | {float(rps) / floor:.2f} | {p50} | {p99} |")
print(f"\nresident memory: {sys.argv[2]} MB idle with every dialect loaded, {sys.argv[3]} MB after the loads")
PY
echo "raw wrk output in $OUT/"
