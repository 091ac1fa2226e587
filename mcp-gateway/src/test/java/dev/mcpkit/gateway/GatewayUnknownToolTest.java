package dev.mcpkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.api.spi.McpClientObserver.MetaWriter;
import dev.mcpkit.gateway.GatewayObserver.Call;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A {@code tools/call} of a name no upstream has, through a gateway with two upstreams: answered by
 * the gateway itself with {@code -32602} "Unknown tool", as the engine answers for a direct server,
 * and never sent to any upstream. Only a name of the shortened shape (64 characters) makes the
 * gateway list the upstreams' tools first, so that a shortened name not listed through this session
 * still reaches its tool.
 */
class GatewayUnknownToolTest {
  /** Its exposed name, {@code beta__} and these, is longer than 64 characters: it is shortened. */
  private static final String LONG_TOOL =
      "a_tool_whose_name_is_long_enough_to_be_shortened_by_the_gateway";

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<Call> sent = new CopyOnWriteArrayList<>();
  private URI endpoint;

  @BeforeEach
  void start() {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    TestUpstream beta = closing(new TestUpstream("beta", LONG_TOOL));
    McpGateway gateway =
        closing(
            McpGateway.builder()
                .upstream(alpha.config())
                .upstream(beta.config())
                .observer(
                    new GatewayObserver() {
                      @Override
                      public UpstreamCall callStarted(Call call, MetaWriter meta) {
                        sent.add(call);
                        return UpstreamCall.NONE;
                      }
                    })
                .build());
    McpHttpServer server =
        closing(McpHttpServer.builder().engine(gateway.engine()).host("127.0.0.1").port(0).build());
    server.start();
    endpoint = server.endpoint();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
  }

  private <T extends AutoCloseable> T closing(T resource) {
    resources.add(resource);
    return resource;
  }

  private McpClient client() {
    return closing(McpHttpClient.builder(endpoint).build());
  }

  @Test
  void anUnknownToolIsAnsweredByTheGatewayAndSentNowhere() {
    McpClient client = client();
    client.initialize();
    for (String unknown : List.of("nope", "gamma__echo")) {
      assertThatThrownBy(() -> client.callTool(unknown, JsonNodeFactory.instance.objectNode()))
          .isInstanceOfSatisfying(
              McpClientException.class,
              e -> {
                assertThat(e.error()).isPresent();
                assertThat(e.error().get().code()).isEqualTo(-32602);
                assertThat(e.error().get().message()).isEqualTo("Unknown tool: " + unknown);
              });
    }
    assertThat(sent).as("nothing reached an upstream").isEmpty();
  }

  @Test
  void anUnlistedShortenedNameIsListedNotBroadcast() {
    McpClient lister = client();
    String shortened =
        lister.listTools().stream()
            .map(ToolInfo::name)
            .filter(name -> name.startsWith("beta__a_tool"))
            .findFirst()
            .orElseThrow();
    assertThat(shortened).hasSize(64);

    sent.clear();
    McpClient fresh = client(); // a session that never listed
    assertThat(fresh.callTool(shortened, JsonNodeFactory.instance.objectNode()).text())
        .isEqualTo("beta: " + LONG_TOOL);
    assertThat(sent)
        .filteredOn(call -> call.method().equals("tools/call"))
        .extracting(Call::upstream, Call::target)
        .containsExactly(tuple("beta", LONG_TOOL)); // one call, to its upstream only

    sent.clear();
    String unknownOfThatShape = "z".repeat(64);
    assertThatThrownBy(
            () -> fresh.callTool(unknownOfThatShape, JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("Unknown tool");
    assertThat(sent).extracting(Call::method).containsOnly("tools/list");
  }
}
