package dev.mcpkit.transport.jetty.internal.client;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.ServerRequestHandler;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.spi.McpClientObserver;
import dev.mcpkit.api.spi.transport.HttpClientObserver;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.transport.jetty.ClientAuthorization;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the public builder collected, validated there. Immutable.
 *
 * @param capabilities declared client capabilities, overriding those derived from the handlers
 * @param pool the settings of the session's own connection pool (unused with a {@code sharedPool})
 * @param retryMillis the SSE reconnection delay until a server sends {@code retry}
 * @param openEventStream whether to keep the session's GET stream open
 * @param maxResumeAttempts consecutive GET resumptions without a new event before a call fails
 * @param maxMessageBytes the largest answer body or SSE event accepted from the server
 * @param observer observes MCP requests and sessions
 * @param httpObserver observes HTTP exchanges, connections and the pool
 * @param authorization adds credentials to requests and decides on retrying refused ones
 * @param sharedPool the connection pool shared with other sessions, or {@code null} for one of the
 *     session's own (made of {@code pool})
 */
public record ClientSettings(
    URI endpoint,
    String clientName,
    String clientVersion,
    ProtocolVersion version,
    Map<String, ServerRequestHandler> handlers,
    Map<String, JsonNode> capabilities,
    Consumer<JsonRpcNotification> notificationListener,
    HttpPool.Settings pool,
    Duration requestTimeout,
    long retryMillis,
    int maxResumeAttempts,
    int maxMessageBytes,
    boolean openEventStream,
    McpClientObserver observer,
    HttpClientObserver httpObserver,
    ClientAuthorization authorization,
    @Nullable HttpPool sharedPool) {
  /** Copies the map. */
  public ClientSettings {
    requireNonNull(endpoint, "endpoint");
    requireNonNull(pool, "pool");
    requireNonNull(observer, "observer");
    requireNonNull(httpObserver, "httpObserver");
    requireNonNull(authorization, "authorization");
    handlers = Map.copyOf(handlers);
    capabilities = Map.copyOf(capabilities);
  }

  /**
   * The capabilities this client declares: from its handlers, overridden by the settings. A new
   * object each time, so a caller may put it into a message.
   */
  ObjectNode declaredCapabilities() {
    ObjectNode capabilities = JsonRpcCodecs.nodes().objectNode();
    if (handlers.containsKey(McpMethod.SAMPLING_CREATE_MESSAGE.wireName())) {
      capabilities.putObject("sampling");
    }
    if (handlers.containsKey(McpMethod.ELICITATION_CREATE.wireName())) {
      capabilities.putObject("elicitation");
    }
    if (handlers.containsKey(McpMethod.ROOTS_LIST.wireName())) {
      capabilities.putObject("roots");
    }
    this.capabilities.forEach(capabilities::set);
    return capabilities;
  }
}
