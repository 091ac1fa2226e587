package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lean generator's h2c side against a real Jetty h2c server on loopback: what it sends is what
 * the server reads, answers in one or several DATA frames are collected whole, and users share
 * HTTP/2 sessions, {@value UserConnections#USERS_PER_SESSION} to a session.
 */
class RawH2cConnectionTest {
  private final Set<String> connections = ConcurrentHashMap.newKeySet();
  private Server server;
  private LoadClient setup;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    ServerConnector connector =
        TestAnswers.start(
            server,
            new Handler.Abstract() {
              @Override
              public boolean handle(Request request, Response response, Callback callback)
                  throws Exception {
                connections.add(request.getConnectionMetaData().getId());
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                if (Request.getPathInContext(request).equals("/auth")) {
                  Content.Sink.write(
                      response,
                      true,
                      request.getMethod()
                          + "|"
                          + request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION),
                      callback);
                  return true;
                }
                if (Request.getPathInContext(request).equals("/stream")) {
                  TestAnswers.eventStreamInTwoWrites(
                      response, callback, "text/event-stream;charset=utf-8");
                  return true;
                }
                if (request.getMethod().equals("DELETE")) {
                  response.setStatus(204);
                  callback.succeeded();
                  return true;
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(LoadClient.SESSION_HEADER, "s-2");
                Content.Sink.write(response, true, TestAnswers.echo(request, body), callback);
                return true;
              }
            },
            new HTTP2CServerConnectionFactory(new HttpConfiguration()));
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    setup = LoadClient.start(Protocol.H2C, 4);
  }

  @AfterEach
  void stop() throws Exception {
    setup.close();
    server.stop();
  }

  @Test
  void postsAndDeletesOverOneSessionAndCollectsEveryDataFrame() throws Exception {
    try (UserConnections users = UserConnections.of(setup, LoadGenerator.LEAN)) {
      UserConnection json = users.connect(Endpoint.open(base.resolve("/mcp")));
      UserConnection stream = users.connect(Endpoint.open(base.resolve("/stream")));

      Answer answer =
          json.post("abc", "2025-11-25", "{\"n\":1}".getBytes(StandardCharsets.UTF_8)).join();
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.sessionId()).isEqualTo("s-2");
      assertThat(answer.mediaType()).isEqualTo("application/json");
      assertThat(answer.body()).isEqualTo("abc|2025-11-25|{\"n\":1}");
      assertThat(json.post(null, null, "{}".getBytes(StandardCharsets.UTF_8)).join().body())
          .isEqualTo("null|null|{}");

      Answer events = stream.post("abc", "v", "{}".getBytes(StandardCharsets.UTF_8)).join();
      assertThat(events.isEventStream()).isTrue();
      assertThat(events.body()).isEqualTo("data: one\n\ndata: two\n\n");

      Answer deleted = json.delete("abc", "v").join();
      assertThat(deleted.status()).isEqualTo(204);
      assertThat(deleted.body()).isEmpty();
    }
    assertThat(connections).hasSize(2); // one session per endpoint
  }

  @Test
  void bothGeneratorsSendTheEndpointsAuthorizationOnEveryRequest() throws Exception {
    Endpoint endpoint = new Endpoint(base.resolve("/auth"), "Bearer t0k3n");
    for (LoadGenerator generator : LoadGenerator.values()) {
      try (UserConnections users = UserConnections.of(setup, generator)) {
        UserConnection connection = users.connect(endpoint);

        assertThat(connection.post(null, null, new byte[] {'x'}).join().body())
            .as(generator.label())
            .isEqualTo("POST|[Bearer t0k3n]");
        assertThat(connection.post("abc", "v", new byte[] {'x'}).join().body())
            .as(generator.label())
            .isEqualTo("POST|[Bearer t0k3n]");
        assertThat(connection.delete("abc", "v").join().body())
            .as(generator.label())
            .isEqualTo("DELETE|[Bearer t0k3n]");
        assertThat(
                users
                    .connect(Endpoint.open(base.resolve("/auth")))
                    .post("abc", "v", new byte[] {'x'})
                    .join()
                    .body())
            .as(generator.label())
            .isEqualTo("POST|[]");
      }
    }
  }

  @Test
  void usersBeyondOneSessionsShareGetASecondSessionAndAllAreAnsweredConcurrently()
      throws Exception {
    int userCount = UserConnections.USERS_PER_SESSION + 1;
    try (UserConnections users = UserConnections.of(setup, LoadGenerator.LEAN)) {
      List<CompletableFuture<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < userCount; i++) {
        answers.add(
            users
                .connect(Endpoint.open(base.resolve("/mcp")))
                .post("u" + i, "v", new byte[] {'x'}));
      }
      for (int i = 0; i < userCount; i++) {
        assertThat(answers.get(i).join().body()).isEqualTo("u" + i + "|v|x");
      }
    }
    assertThat(connections).hasSize(2);
  }
}
