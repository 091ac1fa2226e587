package dev.mcpkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.Rejection;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@code initialize} that names a session in {@code Mcp-Session-Id} is refused on engines whose
 * sessions live in Redis, on the node that made the session and on another, and the session
 * survives it (the engine-level rule is tested in mcp-session; this covers the shared store).
 */
class InitializeNamingASessionTest {
  private static final McpServerConfig CONFIG =
      McpServerConfig.builder().serverInfo("initialize-naming", "1").build();
  private static final SessionPolicy POLICY =
      SessionPolicy.builder().idleTimeout(Duration.ofMinutes(5)).build();
  private static final String PREFIX = "init-naming:";

  private RedisServer redis;
  private RedisStores storesA;
  private RedisStores storesB;
  private SessionManager sessionsA;
  private SessionManager sessionsB;

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    storesA = RedisStores.builder(redis.uri()).keyPrefix(PREFIX).policy(POLICY).build();
    storesB = RedisStores.builder(redis.uri()).keyPrefix(PREFIX).policy(POLICY).build();
    sessionsA = SessionManagers.builder().policy(POLICY).store(storesA.sessionStore()).build();
    sessionsB = SessionManagers.builder().policy(POLICY).store(storesB.sessionStore()).build();
  }

  @AfterEach
  void stop() {
    sessionsA.shutdown(Duration.ZERO);
    sessionsB.shutdown(Duration.ZERO);
    storesA.close();
    storesB.close();
    redis.close();
  }

  private static IncomingMessages incoming(@Nullable String sessionId, JsonRpcMessage message) {
    return new IncomingMessages(List.of(message), false, sessionId, "2025-11-25", null);
  }

  private static JsonRpcRequest initialize(long id) {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.put("protocolVersion", "2025-11-25");
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "probe").put("version", "1");
    return new JsonRpcRequest(RequestId.of(id), "initialize", params);
  }

  private long storedSessions() {
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return connection.sync().keys(PREFIX + "s:*").size();
    } finally {
      client.shutdown();
    }
  }

  @Test
  void initializeNamingALiveSessionIsRefusedOnEveryNodeAndTheSessionSurvives() {
    TransportEngine nodeA = TransportEngine.of(McpEngines.create(CONFIG, sessionsA));
    TransportEngine nodeB = TransportEngine.of(McpEngines.create(CONFIG, sessionsB));
    Outcome.Answered created =
        (Outcome.Answered) nodeA.post(incoming(null, initialize(1)), message -> {});
    String id = created.newSession().value();
    assertThat(
            nodeA.post(
                incoming(id, new JsonRpcNotification("notifications/initialized", null)),
                message -> {}))
        .isInstanceOf(Outcome.Accepted.class);
    assertThat(storedSessions()).isEqualTo(1);

    for (TransportEngine node : List.of(nodeA, nodeB)) {
      Outcome outcome = node.post(incoming(id, initialize(2)), message -> {});

      Outcome.Rejected rejected = (Outcome.Rejected) outcome;
      assertThat(rejected.reason()).isEqualTo(Rejection.INVALID_MESSAGE);
      assertThat(rejected.error().code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
      assertThat(rejected.id()).isEqualTo(RequestId.of(2));
    }

    assertThat(storedSessions()).isEqualTo(1);
    for (TransportEngine node : List.of(nodeB, nodeA)) {
      Outcome ping =
          node.post(incoming(id, new JsonRpcRequest(RequestId.of(3), "ping", null)), m -> {});
      assertThat(((Outcome.Answered) ping).responses().getFirst())
          .isInstanceOf(JsonRpcResponse.class);
    }
    assertThat(sessionsA.lookup(SessionId.of(id)).state()).isEqualTo(SessionState.ACTIVE);
    assertThat(sessionsB.lookup(SessionId.of(id)).state()).isEqualTo(SessionState.ACTIVE);
  }
}
