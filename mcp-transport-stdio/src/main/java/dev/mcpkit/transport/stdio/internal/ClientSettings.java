package dev.mcpkit.transport.stdio.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.ServerRequestHandler;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a stdio client is built from, validated by its builder.
 *
 * @param command the server's program and arguments
 * @param environment variables for the child
 * @param directory the child's working directory, or {@code null}
 * @param name what the log calls the server
 * @param clientName {@code clientInfo.name}
 * @param clientVersion {@code clientInfo.version}
 * @param version the protocol version requested
 * @param handlers handlers of server-to-client requests by method
 * @param fallback the handler of the other server-to-client requests, or {@code null}
 * @param capabilities capabilities declared explicitly
 * @param notificationListener listener of notifications other than progress
 * @param requestTimeout the default request timeout
 * @param maxLineBytes the longest line accepted from the server
 * @param shutdownGrace how long each polite step of stopping the child may take
 */
public record ClientSettings(
    List<String> command,
    Map<String, String> environment,
    @Nullable Path directory,
    String name,
    String clientName,
    String clientVersion,
    ProtocolVersion version,
    Map<String, ServerRequestHandler> handlers,
    @Nullable RequestRouter fallback,
    Map<String, JsonNode> capabilities,
    Consumer<JsonRpcNotification> notificationListener,
    Duration requestTimeout,
    int maxLineBytes,
    Duration shutdownGrace) {

  /**
   * Answers a server-to-client request of any method.
   *
   * <p>The public face of this is {@code McpStdioClient.RequestRouter}; it is repeated here so that
   * the internals need not see the public package.
   */
  @FunctionalInterface
  public interface RequestRouter {
    /**
     * Answers a request.
     *
     * @param method its method
     * @param params its params (an empty object when it had none)
     * @return the result
     * @throws Exception to answer with an error
     */
    JsonNode handle(String method, JsonNode params) throws Exception;
  }

  /** Copies the collections. */
  public ClientSettings {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
    handlers = Map.copyOf(handlers);
    capabilities = Map.copyOf(capabilities);
    requireNonNull(name, "name");
    requireNonNull(notificationListener, "notificationListener");
  }

  /** The capabilities {@code initialize} declares: from the handlers, then the explicit ones. */
  ObjectNode declaredCapabilities() {
    ObjectNode declared = JsonRpcCodecs.nodes().objectNode();
    if (handlers.containsKey(McpMethod.SAMPLING_CREATE_MESSAGE.wireName())) {
      declared.putObject("sampling");
    }
    if (handlers.containsKey(McpMethod.ELICITATION_CREATE.wireName())) {
      declared.putObject("elicitation");
    }
    if (handlers.containsKey(McpMethod.ROOTS_LIST.wireName())) {
      declared.putObject("roots");
    }
    capabilities.forEach(declared::set);
    return declared;
  }
}
