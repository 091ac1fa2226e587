package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.AttributeKey;
import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.codec.JsonRpcCodecs;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The minimum log level a client set with {@code logging/setLevel}, kept as a session attribute.
 */
public final class LogLevels {
  public static final AttributeKey<LogLevel> KEY =
      AttributeKey.of("mcp.logging.level", LogLevel.class);

  private LogLevels() {}

  /** Everything is sent until the client sets a level. */
  public static boolean enabled(@Nullable Session session, LogLevel level) {
    if (session == null) {
      return true;
    }
    LogLevel minimum = session.attribute(KEY).orElse(LogLevel.DEBUG);
    return level.compareTo(minimum) >= 0;
  }

  /** The {@code notifications/message} that carries one log line to the client. */
  public static JsonRpcNotification message(LogLevel level, String loggerName, String data) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("level", level.wireName());
    params.put("logger", loggerName);
    params.put("data", data);
    return new JsonRpcNotification(McpMethod.NOTIFICATIONS_MESSAGE.wireName(), params);
  }
}
