package dev.mcpkit.benchmarks.e2e;

import static java.util.Objects.requireNonNull;

/** An initialized MCP session: its id and the protocol version the server chose. */
record OpenSession(String id, String version) {
  OpenSession {
    requireNonNull(id, "id");
    requireNonNull(version, "version");
  }
}
