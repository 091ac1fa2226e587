package dev.mcpkit.store.redis;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.session.McpEngines;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Completes sessions' handshakes the way a client does, with {@code notifications/initialized}
 * through an engine over the session's manager: the engine alone may activate a session.
 * Thread-safe.
 */
final class Handshakes {
  private static final McpServerConfig CONFIG =
      McpServerConfig.builder().serverInfo("handshakes", "1").build();
  private static final Map<SessionManager, TransportEngine> ENGINES = new ConcurrentHashMap<>();

  private Handshakes() {}

  /** Activates {@code session}, made by {@code manager}, as a client's initialized notification. */
  static void complete(SessionManager manager, Session session) {
    TransportEngine engine =
        ENGINES.computeIfAbsent(manager, m -> TransportEngine.of(McpEngines.create(CONFIG, m)));
    Outcome outcome =
        engine.post(
            new IncomingMessages(
                List.of(new JsonRpcNotification("notifications/initialized", null)),
                false,
                session.id().value(),
                session.protocolVersion().wireName(),
                // As its owner: a session bound to a principal is unknown to anyone else.
                session.principal().orElse(null)),
            message -> {});
    if (!(outcome instanceof Outcome.Accepted)) {
      throw new AssertionError("initialized was not accepted: " + outcome);
    }
  }
}
