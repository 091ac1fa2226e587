package dev.mcpkit.transport.jetty;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A thin MCP client for the integration tests. Requests and responses are {@code java.net.http}
 * types whatever the {@link Transport}: over HTTP/1.1 the JDK's client sends them; over h2c and TLS
 * h2 Jetty's client does ({@link JettySender}), since the JDK's cannot speak h2c with prior
 * knowledge.
 */
final class McpTestClient {
  static final String BOTH = "application/json, text/event-stream";

  private final @Nullable HttpClient http;
  private final @Nullable JettySender jetty;
  private final URI endpoint;
  private final @Nullable String authorization;

  McpTestClient(URI endpoint) {
    this(endpoint, HttpClient.Version.HTTP_1_1);
  }

  McpTestClient(URI endpoint, HttpClient.Version version) {
    this(endpoint, HttpClient.newBuilder().version(version).build());
  }

  /** A client over the given JDK client, e.g. one with its own TLS context. */
  McpTestClient(URI endpoint, HttpClient http) {
    this.endpoint = endpoint;
    this.http = http;
    this.jetty = null;
    this.authorization = null;
  }

  McpTestClient(URI endpoint, Transport transport) {
    this.endpoint = endpoint;
    this.http =
        transport == Transport.HTTP_1_1
            ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
            : null;
    this.jetty = transport == Transport.HTTP_1_1 ? null : JettySender.of(transport);
    this.authorization = null;
  }

  private McpTestClient(McpTestClient other, @Nullable String authorization) {
    this.endpoint = other.endpoint;
    this.http = other.http;
    this.jetty = other.jetty;
    this.authorization = authorization;
  }

  /**
   * The same client, sending {@code Authorization} with every request made by {@link #request()}.
   */
  McpTestClient authorized(String authorization) {
    return new McpTestClient(this, authorization);
  }

  HttpRequest.Builder request() {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint)
            .header("Accept", BOTH)
            .header("Content-Type", "application/json");
    return authorization == null ? builder : builder.header("Authorization", authorization);
  }

  HttpRequest.Builder request(String sessionId) {
    return request()
        .header("Mcp-Session-Id", sessionId)
        .header("MCP-Protocol-Version", "2025-11-25");
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return jetty != null
          ? jetty.send(request, HttpResponse.BodyHandlers.ofString())
          : requireNonNull(http).send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
    return sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return jetty != null
        ? jetty.sendAsync(request, handler)
        : requireNonNull(http).sendAsync(request, handler);
  }

  /**
   * A GET for the session's SSE stream, as the conformance suite sends it (its header says
   * 2025-03-26).
   */
  HttpRequest.Builder streamRequest(String sessionId) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint)
            .header("Accept", "text/event-stream")
            .header("Mcp-Session-Id", sessionId)
            .header("MCP-Protocol-Version", "2025-03-26")
            .GET();
    return authorization == null ? builder : builder.header("Authorization", authorization);
  }

  /** Sends a request and reads its answer incrementally as SSE. */
  SseReader openSse(HttpRequest request) {
    return SseReader.open(sendAsync(request, HttpResponse.BodyHandlers.ofLines()));
  }

  /** POSTs a body and reads the answer incrementally as SSE. */
  SseReader postSse(HttpRequest.Builder builder, String body) {
    return openSse(builder.POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> post(HttpRequest.Builder builder, String body) {
    return send(builder.POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** Runs initialize and notifications/initialized; returns the session id. */
  String handshake(String version) {
    HttpResponse<String> init = post(request(), initialize(1, version));
    assertThat(init.statusCode()).isEqualTo(200);
    String sessionId = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    HttpResponse<String> initialized =
        post(
            request(sessionId).setHeader("MCP-Protocol-Version", version),
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(initialized.statusCode()).isEqualTo(202);
    return sessionId;
  }

  static String initialize(int id, String version) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
        + version
        + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test-client\",\"version\":\"0.0.1\"}}}";
  }

  static String call(int id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":"
        + arguments
        + "}}";
  }

  static JsonNode json(HttpResponse<String> response) {
    return TestServer.JSON.readTree(response.body());
  }

  /** Parses an SSE body into the JSON of its {@code data} fields, one per event. */
  static List<JsonNode> events(String body) {
    List<JsonNode> events = new ArrayList<>();
    for (String event : body.split("\n\n")) {
      StringBuilder data = new StringBuilder();
      for (String line : event.split("\n")) {
        if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
      if (!data.isEmpty()) {
        events.add(TestServer.JSON.readTree(data.toString()));
      }
    }
    return events;
  }
}
