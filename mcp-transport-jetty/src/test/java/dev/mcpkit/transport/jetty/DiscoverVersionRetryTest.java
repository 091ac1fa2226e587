package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A client of revision 2026-07-28 whose {@code server/discover} is refused with {@code
 * UnsupportedProtocolVersion} (-32022): it retries once when the error lists 2026-07-28 (SEP-2575,
 * the conformance suite's {@code request-metadata} scenario), falls back to {@code initialize} when
 * it lists only a session-based revision, and gives up when the retry is refused too. The server is
 * scripted on loopback and records what each request carried.
 */
class DiscoverVersionRetryTest {

  /** What one POST carried: its method, its version header and its {@code _meta} version. */
  record Seen(String method, String header, String metaVersion) {}

  private static final class Scripted implements AutoCloseable {
    final Server server = new Server();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final AtomicInteger refusalsLeft;
    final String supported;
    final URI endpoint;

    /**
     * @param refusals how many discover requests are refused before one is answered
     * @param supported the JSON array the refusal lists in {@code data.supported}
     */
    Scripted(int refusals, String supported) throws Exception {
      this.refusalsLeft = new AtomicInteger(refusals);
      this.supported = supported;
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
                if (!request.getMethod().equals("POST")) {
                  response.setStatus(405);
                } else {
                  post(request, response, out);
                }
              }
              callback.succeeded();
              return true;
            }
          });
      server.start();
      endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp");
    }

    private void post(Request request, Response response, OutputStream out) throws Exception {
      JsonNode message =
          TestServer.JSON.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
      String method = message.path("method").asString("");
      seen.add(
          new Seen(
              method,
              String.valueOf(request.getHeaders().get("MCP-Protocol-Version")),
              message
                  .path("params")
                  .path("_meta")
                  .path("io.modelcontextprotocol/protocolVersion")
                  .asString("")));
      if (!message.has("id")) {
        response.setStatus(202);
        return;
      }
      String id = message.get("id").toString();
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      String body =
          switch (method) {
            case "server/discover" ->
                refusalsLeft.getAndDecrement() > 0
                    ? refusal(response, id)
                    : answer(
                        id,
                        "{\"resultType\":\"complete\",\"supportedVersions\":[\"2026-07-28\"],"
                            + "\"capabilities\":{\"tools\":{}},\"_meta\":{"
                            + "\"io.modelcontextprotocol/serverInfo\":{\"name\":\"modern\",\"version\":\"1\"}}}");
            case "initialize" -> {
              response.getHeaders().put("Mcp-Session-Id", "s1");
              yield answer(
                  id,
                  "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},"
                      + "\"serverInfo\":{\"name\":\"legacy\",\"version\":\"1\"}}");
            }
            case "tools/list" -> answer(id, "{\"resultType\":\"complete\",\"tools\":[]}");
            default -> answer(id, "{}");
          };
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }

    private String refusal(Response response, String id) {
      response.setStatus(400);
      return "{\"jsonrpc\":\"2.0\",\"id\":"
          + id
          + ",\"error\":{\"code\":-32022,\"message\":\"Unsupported protocol version\","
          + "\"data\":{\"supported\":"
          + supported
          + ",\"requested\":\"2026-07-28\"}}}";
    }

    private static String answer(String id, String result) {
      return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}";
    }

    McpClient client() {
      return McpHttpClient.builder(endpoint)
          .protocolVersion(ProtocolVersion.V2026_07_28)
          .openEventStream(false)
          .build();
    }

    @Override
    public void close() throws Exception {
      server.stop();
    }
  }

  @Test
  void aRefusalThatLists2026IsRetriedOnceAtThatRevision() throws Exception {
    try (Scripted server = new Scripted(1, "[\"2026-07-28\"]");
        McpClient client = server.client()) {
      assertThat(client.initialize().protocolVersion()).isEqualTo(ProtocolVersion.V2026_07_28);
      assertThat(client.initialize().serverName()).isEqualTo("modern");
      assertThat(client.listTools()).isEmpty();

      Seen twice = new Seen("server/discover", "2026-07-28", "2026-07-28");
      assertThat(server.seen)
          .containsExactly(twice, twice, new Seen("tools/list", "2026-07-28", "2026-07-28"));
    }
  }

  @Test
  void aSecondRefusalEndsTheAttempt() throws Exception {
    try (Scripted server = new Scripted(Integer.MAX_VALUE, "[\"2026-07-28\"]");
        McpClient client = server.client()) {
      assertThatThrownBy(client::initialize)
          .isInstanceOfSatisfying(
              McpClientException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.error())
                    .hasValueSatisfying(err -> assertThat(err.code()).isEqualTo(-32022));
              });
      assertThat(server.seen)
          .extracting(Seen::method)
          .containsExactly("server/discover", "server/discover");
    }
  }

  @Test
  void aRefusalThatListsOnlyASessionRevisionFallsBackToInitialize() throws Exception {
    try (Scripted server = new Scripted(1, "[\"2025-11-25\",\"1999-01-01\"]");
        McpClient client = server.client()) {
      assertThat(client.initialize().protocolVersion()).isEqualTo(ProtocolVersion.V2025_11_25);
      assertThat(client.sessionId()).contains("s1");
      assertThat(server.seen)
          .extracting(Seen::method)
          .containsExactly("server/discover", "initialize", "notifications/initialized");
    }
  }

  @Test
  void aRefusalThatListsNothingThisClientSpeaksIsThrown() throws Exception {
    try (Scripted server = new Scripted(1, "[\"1999-01-01\"]");
        McpClient client = server.client()) {
      assertThatThrownBy(client::initialize).isInstanceOf(McpClientException.class);
      assertThat(server.seen).extracting(Seen::method).containsExactly("server/discover");
    }
  }
}
