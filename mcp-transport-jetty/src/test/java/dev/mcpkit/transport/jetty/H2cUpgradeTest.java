package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/2 reached by upgrading a cleartext HTTP/1.1 connection ({@code h2c} upgrade), which only a
 * cleartext port offers: the transport matrix of the other tests covers h2c with prior knowledge
 * and TLS h2; a TLS port refusing cleartext is covered by {@code TlsTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2cUpgradeTest {
  private TestServer server;

  @BeforeAll
  void start() {
    server = new TestServer(Transport.HTTP_1_1);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void h2cIsServedOnTheSamePort() throws Exception {
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpRequest health = HttpRequest.newBuilder(server.endpoint.resolve("/health")).GET().build();

    HttpResponse<String> first = h2.send(health, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> second = h2.send(health, HttpResponse.BodyHandlers.ofString());

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
  }

  @Test
  void theProtocolRunsOverH2cUpgradedFromHttp11WithSseAnswers() {
    McpTestClient h2 = new McpTestClient(server.endpoint, HttpClient.Version.HTTP_2);
    // The JDK client upgrades cleartext connections with a body-less request; later ones reuse it.
    assertThat(
            h2.send(HttpRequest.newBuilder(server.endpoint.resolve("/health")).build())
                .statusCode())
        .isEqualTo(200);
    String sessionId = h2.handshake("2025-11-25");
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"tools/call\",\"params\":{\"name\":\"progress\","
            + "\"arguments\":{},\"_meta\":{\"progressToken\":7}}}";

    HttpResponse<String> response = h2.post(h2.request(sessionId), body);

    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    List<JsonNode> events = McpTestClient.events(response.body());
    assertThat(events.getFirst().at("/params/progressToken").asInt()).isEqualTo(7);
    assertThat(events.getLast().at("/result/content/0/text").asString()).isEqualTo("done");
  }
}
