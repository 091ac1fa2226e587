package dev.mcpkit.session.internal.protocol.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.Completion;
import dev.mcpkit.api.server.CompletionHandler;
import dev.mcpkit.api.server.Content;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptArgument;
import dev.mcpkit.api.server.PromptMessage;
import dev.mcpkit.api.server.PromptResult;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.ResourceContents;
import dev.mcpkit.api.server.ResourceNotFoundException;
import dev.mcpkit.api.server.ResourceTemplate;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.session.internal.protocol.EngineSettings;
import dev.mcpkit.session.internal.protocol.McpResults;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resources, templates, subscriptions, prompts, completion and handler logging against the real
 * engine and the real session manager. Shapes follow the conformance suite's "everything" server.
 */
class ResourcesPromptsEngineTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

  /** One notification handed to the outbound seam. */
  record Delivered(SessionId session, JsonRpcMessage message) {}

  private final SessionManager sessions = SessionManagers.builder().build();
  private final List<Delivered> outbound = new CopyOnWriteArrayList<>();
  private final List<JsonRpcMessage> sunk = new CopyOnWriteArrayList<>();
  private final MessageSink sink = sunk::add;
  private final ProtocolEngine engine =
      new ProtocolEngine(EngineSettings.defaults(config(), sessions));

  {
    engine.attachOutbound((session, message) -> outbound.add(new Delivered(session.id(), message)));
  }

  @AfterEach
  void close() {
    sessions.close();
  }

  private static McpServerConfig config() {
    List<String> many = IntStream.range(0, 150).mapToObj(i -> "item" + i).toList();
    return McpServerConfig.builder()
        .serverInfo("everything", "1")
        .tool(
            Tool.of(
                "noop",
                "Does nothing.",
                JSON.createObjectNode().put("type", "object"),
                (arguments, ctx) -> ToolResult.text("ok")))
        .resource(
            Resource.text(
                    "test://static-text",
                    "static-text",
                    "A static text resource for testing",
                    "text/plain",
                    () -> "This is the content of the static text resource.")
                .withTitle("Static Text Resource"))
        .resource(
            Resource.of(
                "test://static-binary",
                "static-binary",
                "A static binary resource (image) for testing",
                "image/png",
                (uri, ctx) -> List.of(new ResourceContents.Blob(uri, "image/png", PNG))))
        .resource(
            Resource.text(
                "test://template/static/data",
                "shadow",
                "A static URI the template also matches",
                "text/plain",
                () -> "static wins"))
        .resource(
            Resource.of(
                "test://gone",
                "gone",
                "Reads as not found",
                null,
                (uri, ctx) -> {
                  throw new ResourceNotFoundException(uri);
                }))
        .resource(
            Resource.of(
                "test://broken",
                "broken",
                "Fails with a secret",
                null,
                (uri, ctx) -> {
                  throw new IllegalStateException("secret detail");
                }))
        .resource(
            Resource.of(
                "test://logging",
                "logging",
                "Logs while read",
                "text/plain",
                (uri, ctx) -> {
                  ctx.log(LogLevel.DEBUG, "debug line");
                  ctx.log(LogLevel.WARNING, "warning line");
                  return List.of(ResourceContents.text(uri, "text/plain", "logged"));
                }))
        .resourceTemplate(
            ResourceTemplate.of(
                    "test://template/{id}/data",
                    "template",
                    "A resource template with parameter substitution",
                    "application/json",
                    (uri, variables, ctx) ->
                        List.of(
                            ResourceContents.text(
                                uri,
                                "application/json",
                                "{\"id\":\"" + variables.get("id") + "\",\"templateTest\":true}")))
                .withTitle("Resource Template")
                .withCompleter("id", CompletionHandler.prefixOf(List.of("123", "124", "200"))))
        .resourceTemplate(
            ResourceTemplate.of(
                    "users://{org}/{user}",
                    "user",
                    "A user in an org",
                    "text/plain",
                    (uri, variables, ctx) ->
                        List.of(ResourceContents.text(uri, "text/plain", variables.toString())))
                .withCompleter(
                    "user",
                    (value, arguments, ctx) ->
                        Completion.of(List.of(arguments.getOrDefault("org", "?") + "-" + value))))
        .prompt(
            Prompt.of(
                    "test_simple_prompt",
                    "A simple prompt without arguments",
                    List.of(),
                    (arguments, ctx) ->
                        PromptResult.of(PromptMessage.user("This is a simple prompt for testing.")))
                .withTitle("Simple Test Prompt"))
        .prompt(
            Prompt.of(
                "test_prompt_with_arguments",
                "A prompt with required arguments",
                List.of(
                    PromptArgument.required("arg1", "First test argument")
                        .withCompleter(
                            CompletionHandler.prefixOf(List.of("paris", "park", "party"))),
                    PromptArgument.required("arg2", "Second test argument"),
                    PromptArgument.optional("many", "Completes to 150 values")
                        .withCompleter(CompletionHandler.prefixOf(many))),
                (arguments, ctx) ->
                    PromptResult.of(
                        PromptMessage.user(
                            "Prompt with arguments: arg1='"
                                + arguments.get("arg1")
                                + "', arg2='"
                                + arguments.get("arg2")
                                + "'"))))
        .prompt(
            Prompt.of(
                "test_prompt_with_embedded_resource",
                "A prompt that includes an embedded resource",
                List.of(PromptArgument.required("resourceUri", "URI of the resource to embed")),
                (arguments, ctx) ->
                    PromptResult.of(
                        PromptMessage.user(
                            Content.resource(
                                ResourceContents.text(
                                    arguments.get("resourceUri"),
                                    "text/plain",
                                    "Embedded resource content for testing."))),
                        PromptMessage.assistant("Please process the embedded resource above."))))
        .prompt(
            Prompt.of(
                "test_prompt_with_image",
                "A prompt that includes image content",
                List.of(),
                (arguments, ctx) ->
                    PromptResult.of(
                        PromptMessage.user(new Content.Image(PNG, "image/png")),
                        PromptMessage.user("Please analyze the image above."))))
        .prompt(
            Prompt.of(
                "picky",
                "Rejects its argument",
                List.of(PromptArgument.optional("x", "anything")),
                (arguments, ctx) -> {
                  throw new IllegalArgumentException("x must be prime");
                }))
        .build();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private String activeSession(ProtocolEngine target) {
    ObjectNode params = JSON.createObjectNode().put("protocolVersion", "2025-11-25");
    params.putObject("clientInfo").put("name", "c").put("version", "1");
    Outcome.Answered answered =
        (Outcome.Answered)
            target.post(
                new IncomingMessages(
                    List.of(new JsonRpcRequest(RequestId.of(0), "initialize", params)),
                    false,
                    null,
                    null,
                    null),
                sink);
    String id = answered.newSession().value();
    Outcome accepted =
        target.post(
            new IncomingMessages(
                List.of(new JsonRpcNotification("notifications/initialized", null)),
                false,
                id,
                null,
                null),
            sink);
    assertThat(accepted).isInstanceOf(Outcome.Accepted.class);
    return id;
  }

  private String activeSession() {
    return activeSession(engine);
  }

  private JsonRpcMessage request(
      ProtocolEngine target, String session, String method, @Nullable String params) {
    ObjectNode node = params == null ? null : (ObjectNode) JSON.readTree(params);
    Outcome outcome =
        target.post(
            new IncomingMessages(
                List.of(new JsonRpcRequest(RequestId.of(7), method, node)),
                false,
                session,
                null,
                null),
            sink);
    assertThat(outcome).isInstanceOf(Outcome.Answered.class);
    return ((Outcome.Answered) outcome).responses().getFirst();
  }

  private JsonNode result(String session, String method, @Nullable String params) {
    JsonRpcMessage response = request(engine, session, method, params);
    assertThat(response).as("%s answered %s", method, response).isInstanceOf(JsonRpcResponse.class);
    return ((JsonRpcResponse) response).result();
  }

  private JsonRpcError error(String session, String method, @Nullable String params) {
    JsonRpcMessage response = request(engine, session, method, params);
    assertThat(response)
        .as("%s answered %s", method, response)
        .isInstanceOf(JsonRpcErrorResponse.class);
    return ((JsonRpcErrorResponse) response).error();
  }

  private List<String> updatesFor(String session) {
    List<String> uris = new ArrayList<>();
    for (Delivered delivered : outbound) {
      if (delivered.session().value().equals(session)
          && delivered.message() instanceof JsonRpcNotification n
          && n.method().equals("notifications/resources/updated")) {
        uris.add(n.params().get("uri").asString());
      }
    }
    return uris;
  }

  // ---- capabilities ---------------------------------------------------------------------------

  @Test
  void initializeDeclaresResourcesPromptsCompletionsLoggingAndTools() {
    ObjectNode params = JSON.createObjectNode().put("protocolVersion", "2025-11-25");
    Outcome.Answered answered =
        (Outcome.Answered)
            engine.post(
                new IncomingMessages(
                    List.of(new JsonRpcRequest(RequestId.of(0), "initialize", params)),
                    false,
                    null,
                    null,
                    null),
                sink);
    JsonNode capabilities =
        ((JsonRpcResponse) answered.responses().getFirst()).result().get("capabilities");

    assertThat(capabilities.get("resources"))
        .isEqualTo(JSON.readTree("{\"subscribe\":true,\"listChanged\":true}"));
    assertThat(capabilities.get("prompts")).isEqualTo(JSON.readTree("{\"listChanged\":true}"));
    assertThat(capabilities.get("completions")).isEqualTo(JSON.createObjectNode());
    assertThat(capabilities.get("logging")).isEqualTo(JSON.createObjectNode());
    assertThat(capabilities.has("tools")).isTrue();
  }

  @Test
  void aServerWithoutResourcesOrPromptsDeclaresNeitherAndAnswersTheirMethodsWithMethodNotFound() {
    ProtocolEngine toolsOnly =
        new ProtocolEngine(
            EngineSettings.defaults(
                McpServerConfig.builder()
                    .serverInfo("tools-only", "1")
                    .tool(
                        Tool.of(
                            "noop",
                            "Does nothing.",
                            JSON.createObjectNode().put("type", "object"),
                            (arguments, ctx) -> ToolResult.text("ok")))
                    .build(),
                sessions));
    ObjectNode params = JSON.createObjectNode().put("protocolVersion", "2025-11-25");
    Outcome.Answered answered =
        (Outcome.Answered)
            toolsOnly.post(
                new IncomingMessages(
                    List.of(new JsonRpcRequest(RequestId.of(0), "initialize", params)),
                    false,
                    null,
                    null,
                    null),
                sink);
    JsonNode capabilities =
        ((JsonRpcResponse) answered.responses().getFirst()).result().get("capabilities");
    assertThat(capabilities.has("resources")).isFalse();
    assertThat(capabilities.has("prompts")).isFalse();
    assertThat(capabilities.has("completions")).isFalse();
    assertThat(capabilities.has("logging")).isTrue();
    assertThat(capabilities.get("tools")).isEqualTo(JSON.readTree("{\"listChanged\":false}"));

    String session = activeSession(toolsOnly);
    for (String method :
        List.of(
            "resources/list",
            "resources/read",
            "prompts/list",
            "prompts/get",
            "completion/complete")) {
      JsonRpcMessage response = request(toolsOnly, session, method, "{}");
      assertThat(response).isInstanceOf(JsonRpcErrorResponse.class);
      assertThat(((JsonRpcErrorResponse) response).error().code())
          .as(method)
          .isEqualTo(JsonRpcError.METHOD_NOT_FOUND);
    }
  }

  @Test
  void aServerWithoutToolsDeclaresNoToolsCapability() {
    ProtocolEngine promptsOnly =
        new ProtocolEngine(
            EngineSettings.defaults(
                McpServerConfig.builder()
                    .serverInfo("prompts-only", "1")
                    .prompt(
                        Prompt.of(
                            "p",
                            "A prompt.",
                            List.of(),
                            (arguments, ctx) -> PromptResult.of(PromptMessage.user("hi"))))
                    .build(),
                sessions));
    ObjectNode params = JSON.createObjectNode().put("protocolVersion", "2025-11-25");
    Outcome.Answered answered =
        (Outcome.Answered)
            promptsOnly.post(
                new IncomingMessages(
                    List.of(new JsonRpcRequest(RequestId.of(0), "initialize", params)),
                    false,
                    null,
                    null,
                    null),
                sink);
    JsonNode capabilities =
        ((JsonRpcResponse) answered.responses().getFirst()).result().get("capabilities");

    assertThat(capabilities.has("tools")).isFalse();
    assertThat(capabilities.has("resources")).isFalse();
    assertThat(capabilities.get("prompts")).isEqualTo(JSON.readTree("{\"listChanged\":true}"));
    assertThat(capabilities.has("completions")).isTrue();
    assertThat(capabilities.has("logging")).isTrue();
  }

  // ---- resources ------------------------------------------------------------------------------

  @Test
  void resourcesListShowsTheStaticResourcesInOrderWithTheirMetadataAndNoCursor() {
    JsonNode result = result(activeSession(), "resources/list", "{}");

    assertThat(result.has("nextCursor")).isFalse();
    assertThat(result.get("resources")).hasSize(6);
    assertThat(result.get("resources").get(0))
        .isEqualTo(
            JSON.readTree(
                "{\"uri\":\"test://static-text\",\"name\":\"static-text\",\"title\":\"Static Text Resource\","
                    + "\"description\":\"A static text resource for testing\",\"mimeType\":\"text/plain\"}"));
    assertThat(result.get("resources").get(3).has("mimeType")).isFalse();
  }

  @Test
  void resourcesTemplatesListShowsTheTemplates() {
    JsonNode result = result(activeSession(), "resources/templates/list", null);

    assertThat(result.get("resourceTemplates")).hasSize(2);
    assertThat(result.get("resourceTemplates").get(0))
        .isEqualTo(
            JSON.readTree(
                "{\"uriTemplate\":\"test://template/{id}/data\",\"name\":\"template\",\"title\":\"Resource Template\","
                    + "\"description\":\"A resource template with parameter substitution\",\"mimeType\":\"application/json\"}"));
  }

  @Test
  void resourcesReadReturnsTextAndBlobContents() {
    String session = activeSession();

    assertThat(result(session, "resources/read", "{\"uri\":\"test://static-text\"}"))
        .isEqualTo(
            JSON.readTree(
                "{\"contents\":[{\"uri\":\"test://static-text\",\"mimeType\":\"text/plain\","
                    + "\"text\":\"This is the content of the static text resource.\"}]}"));
    assertThat(result(session, "resources/read", "{\"uri\":\"test://static-binary\"}"))
        .isEqualTo(
            JSON.readTree(
                "{\"contents\":[{\"uri\":\"test://static-binary\",\"mimeType\":\"image/png\",\"blob\":\""
                    + PNG
                    + "\"}]}"));
  }

  @Test
  void resourcesReadFallsBackToTemplatesWithTheMatchedVariables() {
    String session = activeSession();

    JsonNode contents =
        result(session, "resources/read", "{\"uri\":\"test://template/123/data\"}").get("contents");
    assertThat(contents.get(0).get("uri").asString()).isEqualTo("test://template/123/data");
    assertThat(contents.get(0).get("text").asString())
        .isEqualTo("{\"id\":\"123\",\"templateTest\":true}");

    JsonNode twoVariables =
        result(session, "resources/read", "{\"uri\":\"users://acme/ada\"}").get("contents");
    assertThat(twoVariables.get(0).get("text").asString()).isEqualTo("{org=acme, user=ada}");
  }

  @Test
  void aStaticResourceWinsOverATemplateThatMatchesTheSameUri() {
    JsonNode contents =
        result(activeSession(), "resources/read", "{\"uri\":\"test://template/static/data\"}")
            .get("contents");
    assertThat(contents.get(0).get("text").asString()).isEqualTo("static wins");
  }

  @Test
  void anUnknownUriIsResourceNotFoundWithTheUriInData() {
    String session = activeSession();

    for (String uri :
        List.of("test://nothing", "test://template//data", "test://template/a/b/data")) {
      JsonRpcError error = error(session, "resources/read", "{\"uri\":\"" + uri + "\"}");
      assertThat(error.code()).isEqualTo(-32002);
      assertThat(error.message()).isEqualTo("Resource not found");
      assertThat(error.data()).isEqualTo(JSON.createObjectNode().put("uri", uri));
    }
  }

  @Test
  void aHandlerThatThrowsResourceNotFoundAnswersResourceNotFound() {
    JsonRpcError error = error(activeSession(), "resources/read", "{\"uri\":\"test://gone\"}");
    assertThat(error.code()).isEqualTo(-32002);
    assertThat(error.data().get("uri").asString()).isEqualTo("test://gone");
  }

  @Test
  void aFailingHandlerIsAnInternalErrorThatLeaksNothing() {
    JsonRpcError error = error(activeSession(), "resources/read", "{\"uri\":\"test://broken\"}");
    assertThat(error.code()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
    assertThat(error.message()).doesNotContain("secret");
  }

  @Test
  void resourcesReadWithoutAUriIsInvalidParams() {
    String session = activeSession();
    assertThat(error(session, "resources/read", "{}").code())
        .isEqualTo(JsonRpcError.INVALID_PARAMS);
    assertThat(error(session, "resources/read", "{\"uri\":5}").code())
        .isEqualTo(JsonRpcError.INVALID_PARAMS);
    assertThat(error(session, "resources/subscribe", null).code())
        .isEqualTo(JsonRpcError.INVALID_PARAMS);
  }

  // ---- subscriptions --------------------------------------------------------------------------

  @Test
  void anUpdateReachesSubscribedSessionsOnlyUntilTheyUnsubscribe() {
    String subscriber = activeSession();
    String bystander = activeSession();

    assertThat(result(subscriber, "resources/subscribe", "{\"uri\":\"test://static-text\"}"))
        .isEqualTo(JSON.createObjectNode());
    assertThat(result(subscriber, "resources/subscribe", "{\"uri\":\"test://template/9/data\"}"))
        .isEqualTo(JSON.createObjectNode());

    assertThat(engine.notifications().resourceUpdated("test://static-text")).isEqualTo(1);
    assertThat(engine.notifications().resourceUpdated("test://static-binary")).isZero();
    assertThat(engine.notifications().resourceUpdated("test://template/9/data")).isEqualTo(1);
    assertThat(updatesFor(subscriber))
        .containsExactly("test://static-text", "test://template/9/data");
    assertThat(updatesFor(bystander)).isEmpty();
    JsonRpcNotification first = (JsonRpcNotification) outbound.getFirst().message();
    assertThat(first.params()).isEqualTo(JSON.createObjectNode().put("uri", "test://static-text"));

    assertThat(result(subscriber, "resources/unsubscribe", "{\"uri\":\"test://static-text\"}"))
        .isEqualTo(JSON.createObjectNode());
    assertThat(engine.notifications().resourceUpdated("test://static-text")).isZero();
    assertThat(updatesFor(subscriber))
        .containsExactly("test://static-text", "test://template/9/data");
    // Unsubscribing twice, or from something never subscribed, is harmless.
    assertThat(result(subscriber, "resources/unsubscribe", "{\"uri\":\"test://static-text\"}"))
        .isEqualTo(JSON.createObjectNode());
  }

  @Test
  void subscribingTwiceDeliversOnce() {
    String session = activeSession();
    result(session, "resources/subscribe", "{\"uri\":\"test://static-text\"}");
    result(session, "resources/subscribe", "{\"uri\":\"test://static-text\"}");

    assertThat(engine.notifications().resourceUpdated("test://static-text")).isEqualTo(1);
    assertThat(updatesFor(session)).containsExactly("test://static-text");
  }

  @Test
  void subscribingToAnUnknownUriIsResourceNotFound() {
    JsonRpcError error =
        error(activeSession(), "resources/subscribe", "{\"uri\":\"test://nothing\"}");
    assertThat(error.code()).isEqualTo(-32002);
    assertThat(error.data().get("uri").asString()).isEqualTo("test://nothing");
  }

  @Test
  void aClosedSessionDropsItsSubscriptions() {
    String closing = activeSession();
    String staying = activeSession();
    result(closing, "resources/subscribe", "{\"uri\":\"test://static-text\"}");
    result(staying, "resources/subscribe", "{\"uri\":\"test://static-text\"}");

    assertThat(engine.delete(closing, null)).isInstanceOf(Outcome.Accepted.class);

    assertThat(engine.notifications().resourceUpdated("test://static-text")).isEqualTo(1);
    assertThat(updatesFor(closing)).isEmpty();
    assertThat(updatesFor(staying)).containsExactly("test://static-text");
  }

  @Test
  void anExpiredOrEvictedSessionDropsItsSubscriptionsToo() {
    String session = activeSession();
    result(session, "resources/subscribe", "{\"uri\":\"test://static-text\"}");
    assertThat(sessions.close(SessionId.of(session), CloseReason.EVICTED)).isTrue();

    assertThat(engine.notifications().resourceUpdated("test://static-text")).isZero();
    assertThat(outbound).isEmpty();
  }

  @Test
  void listChangesReachEveryActiveSessionButNotOneStillInitializing() {
    String first = activeSession();
    String second = activeSession();
    ObjectNode params = JSON.createObjectNode().put("protocolVersion", "2025-11-25");
    Outcome.Answered initializing =
        (Outcome.Answered)
            engine.post(
                new IncomingMessages(
                    List.of(new JsonRpcRequest(RequestId.of(0), "initialize", params)),
                    false,
                    null,
                    null,
                    null),
                sink);

    assertThat(engine.notifications().resourceListChanged()).isEqualTo(2);
    assertThat(engine.notifications().promptListChanged()).isEqualTo(2);

    assertThat(outbound)
        .extracting(d -> d.session().value() + " " + ((JsonRpcNotification) d.message()).method())
        .containsExactlyInAnyOrder(
            first + " notifications/resources/list_changed",
                second + " notifications/resources/list_changed",
            first + " notifications/prompts/list_changed",
                second + " notifications/prompts/list_changed");
    assertThat(outbound).noneMatch(d -> d.session().equals(initializing.newSession()));
  }

  @Test
  void aFailingOutboundForOneSessionDoesNotStopTheOthers() {
    String first = activeSession();
    String second = activeSession();
    result(first, "resources/subscribe", "{\"uri\":\"test://static-text\"}");
    result(second, "resources/subscribe", "{\"uri\":\"test://static-text\"}");
    List<String> reached = new CopyOnWriteArrayList<>();
    engine.attachOutbound(
        (session, message) -> {
          if (session.id().value().equals(first)) {
            throw new IllegalStateException("stream broke");
          }
          reached.add(session.id().value());
          return true;
        });

    assertThat(engine.notifications().resourceUpdated("test://static-text")).isEqualTo(1);
    assertThat(reached).containsExactly(second);
  }

  @Test
  void withoutAnAttachedOutboundNothingIsDelivered() {
    ProtocolEngine detached = new ProtocolEngine(EngineSettings.defaults(config(), sessions));
    String session = activeSession(detached);
    request(detached, session, "resources/subscribe", "{\"uri\":\"test://static-text\"}");

    assertThat(detached.notifications().resourceUpdated("test://static-text")).isZero();
  }

  // ---- prompts --------------------------------------------------------------------------------

  @Test
  void promptsListHasTheSdkWireShape() {
    JsonNode prompts = result(activeSession(), "prompts/list", "{}").get("prompts");

    assertThat(prompts).hasSize(5);
    assertThat(prompts.get(0))
        .isEqualTo(
            JSON.readTree(
                "{\"name\":\"test_simple_prompt\",\"title\":\"Simple Test Prompt\",\"description\":\"A simple prompt without arguments\"}"));
    assertThat(prompts.get(1).get("arguments").get(0))
        .isEqualTo(
            JSON.readTree(
                "{\"name\":\"arg1\",\"description\":\"First test argument\",\"required\":true}"));
    assertThat(prompts.get(1).get("arguments").get(2).get("required").asBoolean()).isFalse();
  }

  @Test
  void promptsGetWithoutArgumentsRendersTheMessages() {
    assertThat(result(activeSession(), "prompts/get", "{\"name\":\"test_simple_prompt\"}"))
        .isEqualTo(
            JSON.readTree(
                "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"This is a simple prompt for testing.\"}}]}"));
  }

  @Test
  void promptsGetPassesTheArguments() {
    JsonNode result =
        result(
            activeSession(),
            "prompts/get",
            "{\"name\":\"test_prompt_with_arguments\",\"arguments\":{\"arg1\":\"testValue1\",\"arg2\":\"testValue2\"}}");
    assertThat(result.at("/messages/0/content/text").asString())
        .isEqualTo("Prompt with arguments: arg1='testValue1', arg2='testValue2'");
  }

  @Test
  void promptsGetRendersEmbeddedResourcesImagesAndAssistantMessages() {
    String session = activeSession();

    JsonNode embedded =
        result(
            session,
            "prompts/get",
            "{\"name\":\"test_prompt_with_embedded_resource\",\"arguments\":{\"resourceUri\":\"test://example-resource\"}}");
    assertThat(embedded.at("/messages/0"))
        .isEqualTo(
            JSON.readTree(
                "{\"role\":\"user\",\"content\":{\"type\":\"resource\",\"resource\":{\"uri\":\"test://example-resource\","
                    + "\"mimeType\":\"text/plain\",\"text\":\"Embedded resource content for testing.\"}}}"));
    assertThat(embedded.at("/messages/1/role").asString()).isEqualTo("assistant");

    JsonNode image = result(session, "prompts/get", "{\"name\":\"test_prompt_with_image\"}");
    assertThat(image.at("/messages/0/content"))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"image\",\"data\":\"" + PNG + "\",\"mimeType\":\"image/png\"}"));
  }

  @Test
  void promptsGetRejectsUnknownPromptsMissingRequiredArgumentsAndMalformedArguments() {
    String session = activeSession();

    JsonRpcError unknown = error(session, "prompts/get", "{\"name\":\"nope\"}");
    assertThat(unknown.code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
    assertThat(unknown.message()).contains("nope");

    JsonRpcError missing =
        error(
            session,
            "prompts/get",
            "{\"name\":\"test_prompt_with_arguments\",\"arguments\":{\"arg1\":\"only one\"}}");
    assertThat(missing.code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
    assertThat(missing.message()).contains("arg2");

    assertThat(error(session, "prompts/get", "{\"name\":\"test_prompt_with_arguments\"}").code())
        .isEqualTo(JsonRpcError.INVALID_PARAMS);
    assertThat(
            error(
                    session,
                    "prompts/get",
                    "{\"name\":\"test_prompt_with_arguments\",\"arguments\":{\"arg1\":1,\"arg2\":\"b\"}}")
                .code())
        .isEqualTo(JsonRpcError.INVALID_PARAMS);
    assertThat(error(session, "prompts/get", "{}").code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
  }

  @Test
  void aHandlerRejectingItsArgumentsIsInvalidParamsWithItsMessage() {
    JsonRpcError error =
        error(activeSession(), "prompts/get", "{\"name\":\"picky\",\"arguments\":{\"x\":\"4\"}}");
    assertThat(error.code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
    assertThat(error.message()).contains("x must be prime");
  }

  // ---- completion -----------------------------------------------------------------------------

  @Test
  void completionOfAPromptArgumentFiltersByPrefix() {
    JsonNode result =
        result(
            activeSession(),
            "completion/complete",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_prompt_with_arguments\"},\"argument\":{\"name\":\"arg1\",\"value\":\"par\"}}");
    assertThat(result)
        .isEqualTo(
            JSON.readTree(
                "{\"completion\":{\"values\":[\"paris\",\"park\",\"party\"],\"total\":3,\"hasMore\":false}}"));

    JsonNode none =
        result(
            activeSession(),
            "completion/complete",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_prompt_with_arguments\"},\"argument\":{\"name\":\"arg1\",\"value\":\"test\"}}");
    assertThat(none.at("/completion/values")).isEmpty();
  }

  @Test
  void anArgumentWithoutACompleterCompletesToNothing() {
    JsonNode result =
        result(
            activeSession(),
            "completion/complete",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_prompt_with_arguments\"},\"argument\":{\"name\":\"arg2\",\"value\":\"x\"}}");
    assertThat(result)
        .isEqualTo(JSON.readTree("{\"completion\":{\"values\":[],\"total\":0,\"hasMore\":false}}"));
  }

  @Test
  void completionIsCappedAtOneHundredValuesWithTotalAndHasMore() {
    JsonNode completion =
        result(
                activeSession(),
                "completion/complete",
                "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_prompt_with_arguments\"},\"argument\":{\"name\":\"many\",\"value\":\"item\"}}")
            .get("completion");
    assertThat(completion.get("values")).hasSize(100);
    assertThat(completion.get("total").asInt()).isEqualTo(150);
    assertThat(completion.get("hasMore").asBoolean()).isTrue();
  }

  @Test
  void completionOfATemplateVariableSeesTheContextArguments() {
    String session = activeSession();

    JsonNode ids =
        result(
            session,
            "completion/complete",
            "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"test://template/{id}/data\"},\"argument\":{\"name\":\"id\",\"value\":\"12\"}}");
    assertThat(ids.at("/completion/values")).isEqualTo(JSON.readTree("[\"123\",\"124\"]"));

    JsonNode users =
        result(
            session,
            "completion/complete",
            "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"users://{org}/{user}\"},\"argument\":{\"name\":\"user\",\"value\":\"ad\"},"
                + "\"context\":{\"arguments\":{\"org\":\"acme\"}}}");
    assertThat(users.at("/completion/values")).isEqualTo(JSON.readTree("[\"acme-ad\"]"));

    JsonNode staticUri =
        result(
            session,
            "completion/complete",
            "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"test://static-text\"},\"argument\":{\"name\":\"x\",\"value\":\"\"}}");
    assertThat(staticUri.at("/completion/values")).isEmpty();
  }

  @Test
  void completionRejectsUnknownReferencesAndArguments() {
    String session = activeSession();
    for (String params :
        List.of(
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"nope\"},\"argument\":{\"name\":\"a\",\"value\":\"\"}}",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_simple_prompt\"},\"argument\":{\"name\":\"a\",\"value\":\"\"}}",
            "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"test://{nope}\"},\"argument\":{\"name\":\"nope\",\"value\":\"\"}}",
            "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"test://template/{id}/data\"},\"argument\":{\"name\":\"x\",\"value\":\"\"}}",
            "{\"ref\":{\"type\":\"ref/tool\",\"name\":\"noop\"},\"argument\":{\"name\":\"a\",\"value\":\"\"}}",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_prompt_with_arguments\"}}",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_prompt_with_arguments\"},\"argument\":{\"name\":\"arg1\"}}")) {
      assertThat(error(session, "completion/complete", params).code())
          .as(params)
          .isEqualTo(JsonRpcError.INVALID_PARAMS);
    }
  }

  // ---- logging from handlers ------------------------------------------------------------------

  @Test
  void handlerLogsGoToTheRequestsSinkFilteredByTheSessionsLevel() {
    String session = activeSession();
    sunk.clear();
    result(session, "resources/read", "{\"uri\":\"test://logging\"}");
    assertThat(sunk)
        .extracting(m -> ((JsonRpcNotification) m).params().get("data").asString())
        .containsExactly("debug line", "warning line");

    assertThat(result(session, "logging/setLevel", "{\"level\":\"info\"}"))
        .isEqualTo(JSON.createObjectNode());
    sunk.clear();
    result(session, "resources/read", "{\"uri\":\"test://logging\"}");
    assertThat(sunk).hasSize(1);
    JsonRpcNotification warning = (JsonRpcNotification) sunk.getFirst();
    assertThat(warning.method()).isEqualTo("notifications/message");
    assertThat(warning.params())
        .isEqualTo(
            JSON.readTree(
                "{\"level\":\"warning\",\"logger\":\"everything\",\"data\":\"warning line\"}"));
  }

  @Test
  void toolResultsCarryEmbeddedResources() {
    ToolResult result =
        ToolResult.builder()
            .add(
                Content.resource(
                    ResourceContents.text("test://embedded-resource", "text/plain", "embedded")))
            .build();
    assertThat(McpResults.toolResult(result).get("content").get(0))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"resource\",\"resource\":{\"uri\":\"test://embedded-resource\",\"mimeType\":\"text/plain\","
                    + "\"text\":\"embedded\"}}"));
  }
}
