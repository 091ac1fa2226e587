#!/usr/bin/env bash
# Installs the interop kit (interop/package-lock.json) unless interop/node_modules is already complete
# and newer than the lock file. Run by the build (mcp-examples, before its tests) and usable by hand.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "interop: npm is not on the PATH; the interop tests need Node.js 20+ with npm (e.g. apt-get install nodejs npm)" >&2
  exit 1
fi
if [[ node_modules/.package-lock.json -nt package-lock.json ]] && npm ls --all >/dev/null 2>&1; then
  echo "interop: node_modules is up to date with package-lock.json"
else
  echo "interop: installing the interop kit (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
