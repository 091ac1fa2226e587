package dev.mcpkit.benchmarks.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** Shared pieces of the generator tests' Jetty servers. */
final class TestAnswers {
  private TestAnswers() {}

  /**
   * Starts a Jetty server on a free loopback port with the given connection factories and handler.
   */
  static ServerConnector start(Server server, Handler handler, ConnectionFactory... factories)
      throws Exception {
    ServerConnector connector =
        factories.length == 0
            ? new ServerConnector(server)
            : new ServerConnector(server, factories);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(handler);
    server.start();
    return connector;
  }

  /**
   * Answers an event stream in two flushed writes (chunked over HTTP/1.1, two DATA frames over
   * h2c).
   */
  static void eventStreamInTwoWrites(Response response, Callback callback, String contentType)
      throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
    }
    callback.succeeded();
  }

  /** The request's body, method and MCP headers as one line: what the tests compare. */
  static String echo(Request request, String body) {
    return request.getHeaders().get(LoadClient.SESSION_HEADER)
        + "|"
        + request.getHeaders().get(LoadClient.VERSION_HEADER)
        + "|"
        + body;
  }
}
