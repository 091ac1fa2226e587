#!/usr/bin/env bash
# The gateway comparison in one command (issue 16): tools/call direct to an mcpkit server against
# the same call through mcpkit's gateway (HTTP upstream: the mcpkit server in a JVM of its own), and
# against what a user would run instead to expose a stdio server over Streamable HTTP, npm
# supergateway 4.0.0 and npm mcp-proxy 6.7.19, each in front of the mcpkit echo server on the stdio
# transport; the npm server-everything behind both for the record. Reports per call the proxy's own
# CPU and its upstream's, apart, and p50 at 1 user (and the gateway recording tapes, issue 17, whose
# cost beside the plain gateway gets a table of its own); writes e2e-results.{json,md} and e2e-chart.svg.
#
#   mcp-benchmarks/scripts/gateway.sh                   # the measurement (quiet machine, ~10 min)
#   mcp-benchmarks/scripts/gateway.sh --smoke           # seconds; proves the harness, no numbers
#
# The npm packages install from mcp-benchmarks/peers/package-lock.json (npm ci), not in ./mvnw
# verify. supergateway's stateful mode starts one stdio server per session, so the concurrencies
# stay small (one JVM per session); HTTP/1.1 only, as the npm proxies speak nothing else.
# Later options override these (see E2eConfig.parse); SKIP_BUILD=1 reuses an existing jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -d mcp-benchmarks/peers/node_modules ]]; then
  (cd mcp-benchmarks/peers && npm ci --no-audit --no-fund)
fi
exec mcp-benchmarks/scripts/e2e.sh \
  --servers mcpkit,mcpkit-gateway,mcpkit-gateway-tapes,mcpkit-gateway-stdio,supergateway,mcp-proxy,mcpkit-gateway-everything,supergateway-everything,mcp-proxy-everything \
  --protocols http1 --concurrency 1,4,16 --warmup-concurrency 16 --heap-sessions 10000 \
  --out benchmark-results/gateway "$@"
