package dev.mcpkit.benchmarks.e2e;

import java.util.concurrent.CompletableFuture;

/** The operations the load users repeat. */
final class Operations {
  private Operations() {}

  /** The system property that puts {@code notifications/initialized} into the churn cycle. */
  static final String CHURN_INITIALIZED_PROPERTY = "mcpkit.e2e.churnInitialized";

  private static final boolean CHURN_INITIALIZED = Boolean.getBoolean(CHURN_INITIALIZED_PROPERTY);

  /** {@code tools/call echo} in one session, with increasing request ids. */
  static ClosedLoop.Operation toolsCall(UserConnection connection, OpenSession session) {
    return toolsCall(connection, session, McpMessages.ECHO_MARKER);
  }

  /**
   * {@code tools/call echo} in one session, each answer checked for {@code marker} (see {@link
   * McpMessages#echoMarker}).
   */
  static ClosedLoop.Operation toolsCall(
      UserConnection connection, OpenSession session, String marker) {
    return new ClosedLoop.Operation() {
      private long nextId = 1;

      @Override
      public CompletableFuture<Boolean> next() {
        return connection
            .post(session.id(), session.version(), McpMessages.toolsCall(nextId++))
            .thenApply(answer -> McpMessages.isEchoAnswer(answer, marker));
      }
    };
  }

  /**
   * Session churn: {@code initialize}, then DELETE of the session it created. (No {@code
   * notifications/initialized} between them: the cycle measures creating and ending a session, and
   * every server accepts a DELETE of a session whose client never sent it.) With the driver JVM's
   * system property {@code -D}{@value #CHURN_INITIALIZED_PROPERTY}{@code =true} the cycle sends it
   * (a 202 is expected), the full cycle of issue 20's target.
   */
  static ClosedLoop.Operation churn(UserConnection connection) {
    return () ->
        connection
            .post(null, null, McpMessages.INITIALIZE)
            .thenCompose(
                answer -> {
                  String id = answer.sessionId();
                  if (answer.status() != 200 || id == null) {
                    return CompletableFuture.completedFuture(false);
                  }
                  String version = McpMessages.protocolVersionOf(answer);
                  if (CHURN_INITIALIZED) {
                    return connection
                        .post(id, version, McpMessages.INITIALIZED)
                        .thenCompose(
                            initialized ->
                                initialized.status() != 202
                                    ? CompletableFuture.completedFuture(false)
                                    : connection
                                        .delete(id, version)
                                        .thenApply(
                                            deleted ->
                                                deleted.status() == 200
                                                    || deleted.status() == 204));
                  }
                  return connection
                      .delete(id, version)
                      .thenApply(deleted -> deleted.status() == 200 || deleted.status() == 204);
                });
  }
}
