package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.InitializeResult;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.codec.McpParamHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.client.Request;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the client does differently for revision 2026-07-28 (sessionless): every request carries the
 * protocol version, client info and capabilities in {@code _meta}, and the standard headers {@code
 * Mcp-Method}, {@code Mcp-Name} and {@code Mcp-Param-*} (for the tool arguments the tool's input
 * schema annotates with {@code x-mcp-header}) mirror the body; {@code server/discover} replaces
 * {@code initialize}; an {@code input_required} result is answered by the client's handlers and the
 * request retried with {@code inputResponses} and the echoed {@code requestState}.
 *
 * <p>Thread-safe: the mirrored parameters learned from {@code tools/list} sit in a concurrent map.
 */
final class ModernRequests {
  static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
  static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";

  /**
   * The error codes of revision 2026-07-28: a server that answers one of them is a modern server.
   */
  private static final Set<Integer> MODERN_ERRORS = Set.of(-32020, -32021, -32022);

  /** The error code of {@code UnsupportedProtocolVersion}, whose data lists the served versions. */
  private static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

  /** How many input rounds one request may take before the client gives up. */
  static final int MAX_ROUNDS = 8;

  private final ConcurrentHashMap<String, List<McpParamHeaders.Mirrored>> mirroredByTool =
      new ConcurrentHashMap<>();

  /** A copy of the params with the request metadata of this revision added to {@code _meta}. */
  static ObjectNode withMeta(
      @Nullable JsonNode params, String clientName, String clientVersion, ObjectNode capabilities) {
    return MetaWriter.withOwnMeta(
        params,
        meta -> {
          meta.put(PROTOCOL_VERSION, ProtocolVersion.V2026_07_28.wireName());
          ObjectNode info = meta.putObject(CLIENT_INFO);
          info.put("name", clientName);
          info.put("version", clientVersion);
          meta.set(CLIENT_CAPABILITIES, capabilities.deepCopy());
        });
  }

  /** Adds {@code Mcp-Method}, {@code Mcp-Name} and the tool's {@code Mcp-Param-*} headers. */
  void headers(Request request, String method, @Nullable JsonNode params) {
    String nameMember = McpParamHeaders.nameMember(method);
    if (nameMember == null
        && ("tasks/get".equals(method)
            || "tasks/update".equals(method)
            || "tasks/cancel".equals(method))) {
      nameMember = "taskId"; // the Tasks extension routes by task id
    }
    String name = nameMember == null ? null : text(params, nameMember);
    List<McpParamHeaders.Mirrored> mirrored =
        McpMethod.TOOLS_CALL.wireName().equals(method) && name != null
            ? mirroredByTool.getOrDefault(name, List.of())
            : List.of();
    JsonNode arguments = params == null ? null : params.get("arguments");
    request.headers(
        h -> {
          h.put(McpHeaders.MCP_METHOD, method);
          if (name != null) {
            h.put(McpHeaders.MCP_NAME, encode(name));
          }
          for (McpParamHeaders.Mirrored param : mirrored) {
            JsonNode value = param.valueIn(arguments);
            if (value != null
                && (value.isString() || value.isBoolean() || value.isIntegralNumber())) {
              h.put(
                  param.headerName(),
                  encode(value.isString() ? value.stringValue() : value.toString()));
            }
          }
        });
  }

  /**
   * Checks a tool's {@code x-mcp-header} annotations ({@link McpParamHeaders#problems}); a client
   * must leave out a tool that breaks one of their rules.
   *
   * @return why the tool is invalid, or {@code null} if it is valid
   */
  static @Nullable String invalidHeaders(JsonNode tool) {
    return McpParamHeaders.problems(tool.path("inputSchema"));
  }

  /** Learns, from a {@code tools/list} entry, which arguments the tool mirrors into headers. */
  void learn(JsonNode tool) {
    String name = tool.path("name").asString("");
    List<McpParamHeaders.Mirrored> found = McpParamHeaders.of(tool.path("inputSchema"));
    if (found.isEmpty()) {
      mirroredByTool.remove(name);
    } else {
      mirroredByTool.put(name, found);
    }
  }

  /** A header value as is when it is plain visible ASCII, else in the Base64 sentinel form. */
  static String encode(String value) {
    boolean plain =
        !value.isEmpty()
            && !value.startsWith(" ")
            && !value.endsWith(" ")
            && !(value.startsWith("=?base64?") && value.endsWith("?="));
    for (int i = 0; plain && i < value.length(); i++) {
      char c = value.charAt(i);
      plain = c >= 0x20 && c <= 0x7E;
    }
    return plain
        ? value
        : "=?base64?"
            + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
            + "?=";
  }

  /** Whether a failed request was refused by a modern server (so the client must not fall back). */
  static boolean isModernError(McpClientException e) {
    return e.error().map(error -> MODERN_ERRORS.contains(error.code())).orElse(false);
  }

  /**
   * Whether an {@code UnsupportedProtocolVersion} error lists a session-based version this client
   * speaks: the server is modern but not at 2026-07-28, so the client falls back to initialize.
   */
  static boolean offersLegacy(McpClientException e) {
    return supportedVersions(e).stream().anyMatch(v -> !v.sessionless());
  }

  /**
   * Whether an {@code UnsupportedProtocolVersion} error lists revision 2026-07-28: the server
   * serves it after all (the client retries with it).
   */
  static boolean lists2026(McpClientException e) {
    return supportedVersions(e).contains(ProtocolVersion.V2026_07_28);
  }

  /** The versions this client speaks among those an {@code UnsupportedProtocolVersion} lists. */
  private static List<ProtocolVersion> supportedVersions(McpClientException e) {
    List<ProtocolVersion> versions = new ArrayList<>();
    e.error()
        .filter(error -> error.code() == UNSUPPORTED_PROTOCOL_VERSION)
        .flatMap(error -> Optional.ofNullable(error.data()))
        .ifPresent(
            data -> {
              for (JsonNode version : data.path("supported")) {
                ProtocolVersion.fromWireName(version.asString("")).ifPresent(versions::add);
              }
            });
    return versions;
  }

  /** Whether a discover result offers revision 2026-07-28. */
  static boolean offers2026(JsonNode discover) {
    for (JsonNode version : discover.path("supportedVersions")) {
      if (ProtocolVersion.V2026_07_28.wireName().equals(version.asString(""))) {
        return true;
      }
    }
    return false;
  }

  /** The discover result in the shape the client API reports for {@code initialize}. */
  static InitializeResult initializeResult(JsonNode discover) {
    JsonNode serverInfo = discover.path("_meta").path(SERVER_INFO);
    JsonNode instructions = discover.get("instructions");
    return new InitializeResult(
        ProtocolVersion.V2026_07_28,
        serverInfo.path("name").asString(""),
        serverInfo.path("version").asString(""),
        discover.path("capabilities"),
        instructions == null || !instructions.isString() ? null : instructions.asString(),
        discover);
  }

  /** Whether a result asks for input first. */
  static boolean inputRequired(JsonNode result) {
    return "input_required".equals(result.path("resultType").asString(""));
  }

  /** Answers one input request; the client's handler for its method. */
  @FunctionalInterface
  interface InputAnswerer {
    JsonNode answer(String method, JsonNode params) throws Exception;
  }

  /**
   * The params of the retry: the original ones plus {@code inputResponses} and {@code
   * requestState}.
   */
  static ObjectNode retry(
      @Nullable JsonNode params, JsonNode inputRequired, InputAnswerer answerer) {
    ObjectNode retry =
        params instanceof ObjectNode object
            ? object.deepCopy()
            : JsonRpcCodecs.nodes().objectNode();
    retry.remove("inputResponses");
    retry.remove("requestState");
    JsonNode requests = inputRequired.get("inputRequests");
    if (requests != null && requests.isObject()) {
      ObjectNode responses = retry.putObject("inputResponses");
      for (Map.Entry<String, JsonNode> entry : requests.properties()) {
        String method = entry.getValue().path("method").asString("");
        JsonNode inputParams = entry.getValue().get("params");
        try {
          responses.set(
              entry.getKey(),
              answerer.answer(
                  method, inputParams == null ? JsonRpcCodecs.nodes().objectNode() : inputParams));
        } catch (McpClientException e) {
          throw e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new McpClientException("interrupted while answering " + method, e);
        } catch (Exception e) {
          throw new McpClientException(
              "the handler of " + method + " failed: " + e.getMessage(), e);
        }
      }
    }
    JsonNode state = inputRequired.get("requestState");
    if (state != null && state.isString()) {
      retry.put("requestState", state.stringValue());
    }
    return retry;
  }

  private static @Nullable String text(@Nullable JsonNode params, String field) {
    JsonNode value = params == null ? null : params.get(field);
    return value != null && value.isString() ? value.stringValue() : null;
  }
}
