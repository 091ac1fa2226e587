#!/usr/bin/env bash
# An independent re-measurement of a tools/call figure with wrk (Debian package `wrk`): opens one
# MCP session with curl, checks that the echo tool answers, warms up, then runs wrk in a closed loop
# (one thread, one connection per user by default) and prints throughput, latency percentiles and,
# given the server's pid, its CPU per request from /proc.
#
#   mcp-benchmarks/scripts/wrk-tools-call.sh http://127.0.0.1:8080/mcp --pid 1234
#   mcp-benchmarks/scripts/wrk-tools-call.sh URL --connections 1 --duration 30s --warmup 10s
#   mcp-benchmarks/scripts/wrk-tools-call.sh URL --authorization "Bearer $TOKEN" --tool echo
#
# Any server that speaks MCP Streamable HTTP with sessions works: mcpkit, the official SDKs, a
# gateway (mcpkit's, supergateway, mcp-proxy). Start one with the e2e harness's server entry point:
#   java -cp mcp-benchmarks/target/benchmarks.jar dev.mcpkit.benchmarks.e2e.ServerMain mcpkit
# (prints READY PORT; the endpoint is http://127.0.0.1:PORT/mcp).
set -euo pipefail
usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[[ $# -ge 1 ]] || usage
url="$1"; shift
connections=64 threads=1 duration=30s warmup=10s authorization="" tool=echo
protocol=2025-11-25 pid=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --authorization) authorization="$2"; shift 2 ;;
    --tool) tool="$2"; shift 2 ;;
    --protocol) protocol="$2"; shift 2 ;;
    --pid) pid="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 1; }
script="$(cd "$(dirname "$0")" && pwd)/wrk/tools-call.lua"

auth=()
[[ -n "$authorization" ]] && auth=(-H "Authorization: $authorization")
post() { # body [session] -> writes headers to $tmp/h, body to $tmp/b; prints the status
  local session_header=()
  [[ -n "${2:-}" ]] && session_header=(-H "Mcp-Session-Id: $2" -H "Mcp-Protocol-Version: $protocol")
  curl -sS -o "$tmp/b" -D "$tmp/h" -w '%{http_code}' -X POST "$url" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    "${auth[@]}" "${session_header[@]}" --data "$1"
}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

status=$(post '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"'"$protocol"'","capabilities":{},"clientInfo":{"name":"wrk","version":"1"}}}')
session=$(tr -d '\r' <"$tmp/h" | awk -F': ' 'tolower($1)=="mcp-session-id"{print $2}')
[[ "$status" == 200 && -n "$session" ]] || { echo "initialize failed: HTTP $status" >&2; cat "$tmp/b" >&2; exit 1; }
status=$(post '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$session")
[[ "$status" == 202 || "$status" == 200 ]] || { echo "notifications/initialized: HTTP $status" >&2; exit 1; }
status=$(post '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"'"$tool"'","arguments":{"message":"hello"}}}' "$session")
if [[ "$status" != 200 ]] || grep -q '"error"' "$tmp/b" || ! grep -q hello "$tmp/b"; then
  echo "tools/call $tool did not echo: HTTP $status" >&2; cat "$tmp/b" >&2; exit 1
fi
echo "session $session open; warming up for $warmup"
wrk -t"$threads" -c"$connections" -d"$warmup" -s "$script" "$url" -- "$session" "$protocol" "$authorization" "$tool" >/dev/null

ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
[[ -n "$pid" ]] && before=$(ticks)
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$script" "$url" \
  -- "$session" "$protocol" "$authorization" "$tool" | tee "$tmp/wrk"
if [[ -n "$pid" ]]; then
  after=$(ticks)
  requests=$(awk '/requests in/{print $1}' "$tmp/wrk")
  hz=$(getconf CLK_TCK)
  awk -v t=$((after - before)) -v n="$requests" -v hz="$hz" \
    'BEGIN { printf "server CPU: %.1f us per request (%d requests)\n", t * 1e6 / hz / n, n }'
fi
