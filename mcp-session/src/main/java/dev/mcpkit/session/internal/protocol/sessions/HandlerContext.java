package dev.mcpkit.session.internal.protocol.sessions;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.RequestContext;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.session.internal.protocol.LogLevels;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RequestContext} of a resource read, prompt rendering or completion. Thread-safe: its
 * only mutable state is the {@code done} flag, volatile because a handler may log from threads of
 * its own.
 */
final class HandlerContext implements RequestContext {
  private final @Nullable Session session;
  private final RequestId requestId;
  private final MessageSink sink;
  private final String loggerName;
  private volatile boolean done;

  HandlerContext(
      @Nullable Session session, RequestId requestId, MessageSink sink, String loggerName) {
    this.session = session;
    this.requestId = requireNonNull(requestId, "requestId");
    this.sink = requireNonNull(sink, "sink");
    this.loggerName = requireNonNull(loggerName, "loggerName");
  }

  @Override
  public @Nullable Session session() {
    return session;
  }

  @Override
  public RequestId requestId() {
    return requestId;
  }

  @Override
  public void log(LogLevel level, String message) {
    requireNonNull(level, "level");
    requireNonNull(message, "message");
    if (done || !LogLevels.enabled(session, level)) {
      return;
    }
    sink.send(LogLevels.message(level, loggerName, message));
  }

  /** Ends the context: later log calls are dropped, as the contract says. */
  void finish() {
    done = true;
  }
}
