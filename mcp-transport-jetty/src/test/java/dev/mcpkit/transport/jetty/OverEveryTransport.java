package dev.mcpkit.transport.jetty;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The base of the integration tests that run every test over each {@link Transport}: one {@link
 * TestServer} (with the default test configuration) and one {@link McpTestClient} per transport,
 * started before that transport's tests and closed after them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(Transport.class)
abstract class OverEveryTransport {
  /** The transport of this invocation of the class. */
  @Parameter Transport transport;

  /** The server, over {@link #transport}. */
  TestServer server;

  /** A client of {@link #server}, over {@link #transport}. */
  McpTestClient client;

  @BeforeParameterizedClassInvocation
  void startServer() {
    server = new TestServer(transport);
    client = new McpTestClient(server.endpoint, transport);
  }

  @AfterParameterizedClassInvocation
  void stopServer() {
    server.close();
  }
}
