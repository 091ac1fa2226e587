package dev.mcpkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one way to build an engine: the builder, and create as its shortcut. */
class McpEnginesTest {
  private static final McpServerConfig CONFIG =
      McpServerConfig.builder().serverInfo("engines-test", "1").build();
  private final SessionManager sessions = SessionManagers.builder().build();

  @AfterEach
  void close() {
    sessions.close();
  }

  @Test
  void createIsTheBuilderWithItsDefaults() {
    McpEngine created = McpEngines.create(CONFIG, sessions);
    McpEngine built = McpEngines.builder(CONFIG, sessions).build();

    assertThat(created.getClass()).isEqualTo(built.getClass());
    assertThat(TransportEngine.of(created).eventStore())
        .isNotSameAs(TransportEngine.of(built).eventStore());
  }

  @Test
  void theBuilderRefusesBadOptionsWhenTheyAreSetAndNamesThem() {
    McpEngines.Builder builder = McpEngines.builder(CONFIG, sessions);

    assertThatThrownBy(() -> builder.requestStateKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestStateKey");
    assertThatThrownBy(() -> builder.requestStateLifetime(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestStateLifetime");
    assertThatThrownBy(() -> builder.requestStateLifetime(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestStateLifetime");
    assertThatThrownBy(() -> builder.events(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("events");
    assertThat(builder.requestStateKey(new byte[32]).build()).isNotNull();
  }

  @Test
  void aSessionManagerNotBuiltBySessionManagersIsRefusedAtOnce() {
    SessionManager foreign =
        (SessionManager)
            Proxy.newProxyInstance(
                SessionManager.class.getClassLoader(),
                new Class<?>[] {SessionManager.class},
                (proxy, method, args) -> {
                  throw new UnsupportedOperationException(method.getName());
                });

    assertThatThrownBy(() -> McpEngines.builder(CONFIG, foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sessions must be built by dev.mcpkit.session.SessionManagers");
  }
}
