package dev.mcpkit.auth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * JSON-RPC over plain HTTP/1.1 with a chosen {@code Authorization}, to see statuses and headers.
 * HTTP/1.1 because java.net.http would upgrade to h2c, where an early refusal of a POST whose body
 * the server did not read ends the stream with {@code RST_STREAM}, which java.net.http sometimes
 * reports as a failure instead of the answer it already received; the transport's own tests cover
 * h2c.
 */
final class RawClient implements AutoCloseable {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI endpoint;

  RawClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  static String initialize(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
  }

  HttpResponse<String> post(@Nullable String bearer, @Nullable String sessionId, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2025-11-25")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (sessionId != null) {
      request.header("Mcp-Session-Id", sessionId);
    }
    return send(request.build());
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build());
  }

  /** Initializes a session with the token and returns its id. */
  String handshake(String bearer) {
    HttpResponse<String> init = post(bearer, null, initialize(1));
    if (init.statusCode() != 200) {
      throw new AssertionError("initialize: " + init.statusCode() + " " + init.body());
    }
    String sessionId = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    post(bearer, sessionId, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return sessionId;
  }

  /** The JSON of an answer, whether plain JSON or one SSE event. */
  static JsonNode json(HttpResponse<String> response) {
    String body = response.body();
    if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      StringBuilder data = new StringBuilder();
      for (String line : body.split("\n")) {
        if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
      body = data.toString();
    }
    return MockAuthorizationServer.JSON.readTree(body);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
