package dev.mcpkit.benchmarks.soak;

/** What the mixed load does, each counted by {@link Outcome}. */
enum Op {
  /** {@code initialize} of a session that will complete its handshake. */
  INITIALIZE,
  /** {@code notifications/initialized}. */
  INITIALIZED,
  /**
   * {@code tools/call} answered with JSON ({@code test_simple_text}, {@code test_error_handling}).
   */
  CALL,
  /** {@code tools/call} with a progress token, answered with an SSE stream. */
  SSE_CALL,
  /** The standalone GET stream opened, held without reading, then dropped. */
  GET_DROPPED,
  /** {@code test_reconnection}: its stream closed by the server, resumed with Last-Event-ID. */
  RESUMED,
  /** DELETE at the end of a session. */
  DELETE,
  /** A session left without DELETE, to expire after the idle timeout. */
  ABANDONED,
  /** {@code initialize} and nothing more, to expire after the handshake timeout. */
  HANDSHAKE_ABANDONED
}
