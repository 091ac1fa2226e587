package dev.mcpkit.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The selector count of {@code McpHttpServer.Builder.selectors} reaches Jetty's connector. */
class ConnectorsTest {
  @Test
  void anExplicitSelectorCountIsTheConnectorsOwn() {
    for (int selectors : new int[] {1, 2, 3}) {
      for (boolean h2c : new boolean[] {true, false}) {
        ServerConnector connector =
            Connectors.cleartext(new Server(), Connectors.httpConfiguration(), h2c, selectors);
        assertThat(connector.getSelectorManager().getSelectorCount())
            .as("%d selectors, h2c %s", selectors, h2c)
            .isEqualTo(selectors);
      }
    }
  }

  @Test
  void zeroLeavesTheCountToJettyHalfTheProcessorsAtLeastOne() {
    ServerConnector connector =
        Connectors.cleartext(new Server(), Connectors.httpConfiguration(), true, 0);
    // Jetty's rule: half the processors, at least 1, at most one per 16 pool threads (its default
    // pool has 200).
    assertThat(connector.getSelectorManager().getSelectorCount())
        .isEqualTo(Math.max(1, Math.min(Runtime.getRuntime().availableProcessors() / 2, 200 / 16)));
  }
}
