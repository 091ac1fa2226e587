package dev.mcpkit.transport.jetty;

import dev.mcpkit.api.client.McpClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A server on loopback that answers {@code initialize} (a new session id each time: {@code s1},
 * {@code s2}...), notifications and DELETE itself, and every other request as its {@link Script}
 * says, misbehaving on purpose when a test wants it to. It keeps what it was sent.
 */
final class ScriptedServer implements AutoCloseable {

  /** How a request other than {@code initialize} is answered. */
  interface Script {
    void toolsCall(long id, Request request, Response response, OutputStream out)
        throws IOException;

    default void get(Request request, Response response, OutputStream out) throws IOException {
      response.setStatus(405);
    }
  }

  /** A message the server was sent with a POST, and the session it named. */
  record Received(String method, @Nullable String session, JsonNode message) {}

  final List<String> lastEventIds = new CopyOnWriteArrayList<>();
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger sessions = new AtomicInteger();
  final URI endpoint;
  private final Server server = new Server();

  ScriptedServer(Script script) throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
              switch (request.getMethod()) {
                case "POST" -> post(request, response, out);
                case "GET" -> {
                  lastEventIds.add(String.valueOf(request.getHeaders().get("Last-Event-ID")));
                  script.get(request, response, out);
                }
                default -> response.setStatus(200);
              }
            }
            callback.succeeded();
            return true;
          }

          private void post(Request request, Response response, OutputStream out)
              throws IOException {
            JsonNode message =
                TestServer.JSON.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
            String method = message.path("method").asString("");
            received.add(new Received(method, request.getHeaders().get("Mcp-Session-Id"), message));
            if (!message.has("id")) {
              response.setStatus(202);
              return;
            }
            long id = message.path("id").asLong();
            if (method.equals("initialize")) {
              response.getHeaders().put("Mcp-Session-Id", "s" + sessions.incrementAndGet());
              response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
              out.write(
                  ("{\"jsonrpc\":\"2.0\",\"id\":"
                          + id
                          + ",\"result\":{\"protocolVersion\":\"2025-11-25\","
                          + "\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"scripted\",\"version\":\"0\"}}}")
                      .getBytes(StandardCharsets.UTF_8));
              return;
            }
            script.toolsCall(id, request, response, out);
          }
        });
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp");
  }

  McpClient client() {
    return client(McpHttpClient.DEFAULT_MAX_MESSAGE_BYTES);
  }

  McpClient client(int maxMessageBytes) {
    return builder().maxMessageBytes(maxMessageBytes).build();
  }

  /** A client builder for this server, with no session GET stream. */
  McpHttpClient.Builder builder() {
    // No session GET stream: the scripted GET answers belong to the resumption of one call.
    return McpHttpClient.builder(endpoint)
        .requestTimeout(Duration.ofSeconds(10))
        .openEventStream(false);
  }

  /** The messages the server was sent with {@code method}, in order. */
  List<Received> received(String method) {
    return received.stream().filter(r -> r.method().equals(method)).toList();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  static void sse(Response response) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
  }

  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** A tools/call result with one text content. */
  static String result(long id, String text) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\""
        + text
        + "\"}]}}";
  }

  static String progress(long token, int step) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":"
        + token
        + ",\"progress\":"
        + step
        + "}}";
  }
}
