package dev.mcpkit.examples;

import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import java.net.URI;

/**
 * The everything server and, in front of it on another free loopback port, the gateway with it as
 * its only upstream ({@code everything}, over HTTP), both in process; closing closes both.
 *
 * @param upstream the everything server
 * @param gateway the gateway that clients reach
 */
record GatewayOverEverything(EverythingServer upstream, Gateway gateway) implements AutoCloseable {

  /**
   * Starts the gateway in front of a running everything server, which it then owns (closed with it,
   * or at once when the gateway does not start).
   */
  static GatewayOverEverything start(EverythingServer upstream) {
    try {
      Gateway gateway =
          Gateway.start(
              McpGateway.builder()
                  .upstream(UpstreamConfig.http("everything", upstream.endpoint()))
                  .build(),
              "127.0.0.1",
              0);
      return new GatewayOverEverything(upstream, gateway);
    } catch (RuntimeException e) {
      upstream.close();
      throw e;
    }
  }

  /** The gateway's MCP endpoint. */
  URI endpoint() {
    return gateway.endpoint();
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      upstream.close();
    }
  }
}
