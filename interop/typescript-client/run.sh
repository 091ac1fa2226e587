#!/usr/bin/env bash
# Starts the HelloServer example on a free port and drives it with the official MCP TypeScript SDK
# client (installed from the lock file). Run from anywhere; needs Node 20+ and npm.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
log="$(mktemp -d)"
(cd "$here" && npm ci --no-audit --no-fund --silent)
(cd "$root" && exec ./mvnw -q -pl mcp-examples -am compile exec:java -Dexec.args="--port 0") \
  >"$log/out" 2>"$log/err" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q '^MCP endpoint: ' "$log/out" && break
  kill -0 "$server" 2>/dev/null || { cat "$log/err" >&2; exit 1; }
  sleep 1
done
endpoint="$(sed -n 's/^MCP endpoint: //p' "$log/out")"
[ -n "$endpoint" ] || { echo "the server printed no endpoint" >&2; cat "$log/err" >&2; exit 1; }
node "$here/hello-client.mjs" "$endpoint"
