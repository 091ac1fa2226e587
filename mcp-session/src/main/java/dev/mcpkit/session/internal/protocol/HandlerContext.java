package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.RequestContext;
import dev.mcpkit.api.spi.transport.MessageSink;
import java.security.Principal;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@link RequestContext} of a resource read, prompt rendering or completion, in either protocol
 * generation: log messages go to the request's sink while the handler runs and the client wants
 * their level; the session and input from the client are the {@link ClientExchange}'s.
 *
 * <p>Thread-safe: its only mutable state is the {@code done} flag, volatile because a handler may
 * log from threads of its own; the exchange is thread-safe itself.
 */
public final class HandlerContext implements RequestContext {
  private final RequestId requestId;
  private final MessageSink sink;
  private final String loggerName;
  private final ClientExchange exchange;
  private final @Nullable Principal principal;
  private volatile boolean done;

  /**
   * Opens the context of one request.
   *
   * @param requestId the request's id
   * @param sink where its log messages go
   * @param loggerName the {@code logger} of its log messages
   * @param exchange what the protocol generation does
   * @param principal who sent the request, or {@code null} if anonymous
   */
  public HandlerContext(
      RequestId requestId,
      MessageSink sink,
      String loggerName,
      ClientExchange exchange,
      @Nullable Principal principal) {
    this.requestId = requireNonNull(requestId, "requestId");
    this.sink = requireNonNull(sink, "sink");
    this.loggerName = requireNonNull(loggerName, "loggerName");
    this.exchange = requireNonNull(exchange, "exchange");
    this.principal = principal;
  }

  @Override
  public Optional<Principal> principal() {
    return Optional.ofNullable(principal);
  }

  @Override
  public @Nullable Session session() {
    return exchange.session();
  }

  @Override
  public RequestId requestId() {
    return requestId;
  }

  @Override
  public void log(LogLevel level, String message) {
    requireNonNull(level, "level");
    requireNonNull(message, "message");
    if (done || !exchange.logs(level)) {
      return;
    }
    sink.send(LogLevels.message(level, loggerName, message));
  }

  @Override
  public JsonNode input(String key, String method, @Nullable JsonNode params) {
    return exchange.input(key, method, params);
  }

  /** Ends the context: later log calls are dropped, as the contract says. */
  public void finish() {
    done = true;
  }
}
