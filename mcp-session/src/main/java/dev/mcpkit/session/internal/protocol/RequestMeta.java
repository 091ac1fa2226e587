package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.LogLevel;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a request of revision 2026-07-28 says about itself in {@code params._meta}: the protocol
 * version and client capabilities (required), client info (optional; display only), the log level
 * the client opts in to (absent: no {@code notifications/message} at all) and a progress token.
 *
 * @param protocolVersion {@code io.modelcontextprotocol/protocolVersion}
 * @param clientCapabilities {@code io.modelcontextprotocol/clientCapabilities}
 * @param clientInfo {@code io.modelcontextprotocol/clientInfo}, or {@code null}
 * @param logLevel {@code io.modelcontextprotocol/logLevel}, or {@code null} for no log messages
 * @param progressToken {@code progressToken}, or {@code null}
 */
public record RequestMeta(
    String protocolVersion,
    ObjectNode clientCapabilities,
    @Nullable JsonNode clientInfo,
    @Nullable LogLevel logLevel,
    @Nullable JsonNode progressToken) {
  static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
  static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";
  public static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
  public static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

  /** The {@code _meta} object of a request's params, or {@code null}. */
  static @Nullable JsonNode metaOf(@Nullable JsonNode params) {
    JsonNode meta = params == null ? null : params.get("_meta");
    return meta != null && meta.isObject() ? meta : null;
  }

  /** The declared protocol version, or {@code null} if absent or not a string. */
  public static @Nullable String versionOf(@Nullable JsonNode params) {
    JsonNode meta = metaOf(params);
    JsonNode version = meta == null ? null : meta.get(PROTOCOL_VERSION);
    return version != null && version.isString() ? version.stringValue() : null;
  }

  /**
   * Reads the metadata of a request whose version was already checked.
   *
   * @throws ProtocolError {@code -32602} naming the missing or malformed field
   */
  public static RequestMeta parse(@Nullable JsonNode params) {
    JsonNode meta = metaOf(params);
    if (meta == null) {
      throw invalid("params._meta is required");
    }
    JsonNode versionNode = meta.get(PROTOCOL_VERSION);
    String version =
        versionNode != null && versionNode.isString() ? versionNode.stringValue() : null;
    if (version == null) {
      throw invalid("_meta['" + PROTOCOL_VERSION + "'] is required");
    }
    JsonNode capabilities = meta.get(CLIENT_CAPABILITIES);
    if (capabilities == null || !capabilities.isObject()) {
      throw invalid("_meta['" + CLIENT_CAPABILITIES + "'] is required (an object)");
    }
    JsonNode info = meta.get(CLIENT_INFO);
    LogLevel level = null;
    JsonNode levelNode = meta.get(LOG_LEVEL);
    if (levelNode != null) {
      level =
          levelNode.isString() ? LogLevel.fromWireName(levelNode.stringValue()).orElse(null) : null;
      if (level == null) {
        throw invalid("_meta['" + LOG_LEVEL + "'] is not a log level");
      }
    }
    return new RequestMeta(
        version,
        (ObjectNode) capabilities,
        info != null && info.isObject() ? info : null,
        level,
        tokenIn(meta));
  }

  /**
   * The {@code progressToken} in a request's {@code _meta}, in every revision; {@code null} if
   * absent or neither a string nor an integer.
   */
  public static @Nullable JsonNode progressTokenOf(@Nullable JsonNode params) {
    JsonNode meta = metaOf(params);
    return meta == null ? null : tokenIn(meta);
  }

  private static @Nullable JsonNode tokenIn(JsonNode meta) {
    JsonNode token = meta.get("progressToken");
    return token != null && (token.isString() || token.isIntegralNumber()) ? token : null;
  }

  /** Whether the client declared a capability (a top-level key of its capabilities). */
  boolean declares(String capability) {
    JsonNode value = clientCapabilities.get(capability);
    return value != null && !value.isNull();
  }

  private static ProtocolError invalid(String detail) {
    return new ProtocolError(JsonRpcError.INVALID_PARAMS, "Invalid params: " + detail);
  }
}
