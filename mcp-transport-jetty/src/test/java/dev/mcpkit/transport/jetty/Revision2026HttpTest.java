package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.Content;
import dev.mcpkit.api.server.InputRequest;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptMessage;
import dev.mcpkit.api.server.PromptResult;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.Role;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Revision 2026-07-28 over real HTTP, beside a session-based client on the same endpoint:
 * per-request selection, the error statuses and codes, {@code server/discover}, result decoration,
 * the standard and {@code x-mcp-header} header checks, multi round-trip requests (the same tool
 * code for both eras), per-request log level, cancellation by closing the stream, and {@code
 * subscriptions/listen}.
 */
class Revision2026HttpTest {
  private static final String V2026 = "2026-07-28";
  private static final String META =
      "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"t\",\"version\":\"1\"},"
          + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},\"sampling\":{}}}";

  static final CountDownLatch blockStarted = new CountDownLatch(1);
  static final CountDownLatch blockInterrupted = new CountDownLatch(1);
  static final AtomicInteger askRuns = new AtomicInteger();

  static SessionManager sessions;
  static McpHttpServer server;
  static dev.mcpkit.api.server.McpEngine engine;
  static URI endpoint;
  static final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    JsonNode regionSchema =
        TestServer.JSON.readTree(
            "{\"type\":\"object\",\"properties\":{"
                + "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},"
                + "\"opts\":{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"x-mcp-header\":\"N\"}}},"
                + "\"query\":{\"type\":\"string\"}}}");
    JsonNode empty = TestServer.JSON.readTree("{\"type\":\"object\"}");
    JsonNode nameSchema =
        TestServer.JSON.readTree(
            "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}");
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("dual-server", "2.0.0")
            .tool(
                Tool.of(
                    "sql",
                    "Mirrors region.",
                    regionSchema,
                    (arguments, ctx) ->
                        ToolResult.text(
                            arguments.path("region").asString("")
                                + ":"
                                + arguments.path("query").asString(""))))
            .tool(
                Tool.of(
                    "ask",
                    "Asks the user's name, then greets.",
                    empty,
                    (arguments, ctx) -> {
                      askRuns.incrementAndGet();
                      ObjectNode params = TestServer.JSON.createObjectNode();
                      params.put("message", "What is your name?");
                      params.set("requestedSchema", nameSchema);
                      JsonNode answer =
                          ctx.input(
                              "user_name", "elicitation/create", params, Duration.ofSeconds(10));
                      return ToolResult.text(
                          "Hello, " + answer.at("/content/name").asString("?") + "!");
                    }))
            .tool(
                Tool.of(
                    "two_rounds",
                    "Asks twice, in two rounds.",
                    empty,
                    (arguments, ctx) -> {
                      JsonNode first =
                          ctx.input(
                              "step1",
                              "elicitation/create",
                              elicit("name?"),
                              Duration.ofSeconds(10));
                      JsonNode second =
                          ctx.input(
                              "step2",
                              "elicitation/create",
                              elicit("color?"),
                              Duration.ofSeconds(10));
                      return ToolResult.text(
                          first.at("/content/name").asString()
                              + " likes "
                              + second.at("/content/name").asString());
                    }))
            .tool(
                Tool.of(
                    "both",
                    "Asks two things at once.",
                    empty,
                    (arguments, ctx) -> {
                      Map<String, InputRequest> asks = new LinkedHashMap<>();
                      asks.put("who", new InputRequest("elicitation/create", elicit("name?")));
                      asks.put("roots", new InputRequest("roots/list", null));
                      Map<String, JsonNode> answers = ctx.inputs(asks, Duration.ofSeconds(10));
                      return ToolResult.text(answers.keySet().toString());
                    }))
            .tool(
                Tool.of(
                    "chatty",
                    "Logs at two levels and reports progress.",
                    empty,
                    (arguments, ctx) -> {
                      ctx.log(LogLevel.DEBUG, "debug line");
                      ctx.log(LogLevel.WARNING, "warning line");
                      ctx.progress(1, 1.0, "half");
                      return ToolResult.text("said");
                    }))
            .tool(
                Tool.of(
                    "block",
                    "Blocks until cancelled.",
                    empty,
                    (arguments, ctx) -> {
                      ctx.progress(0, 1.0, "started"); // turns the answer into a stream
                      blockStarted.countDown();
                      try {
                        new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                        return ToolResult.text("not cancelled");
                      } catch (InterruptedException e) {
                        if (ctx.isCancelled()) {
                          blockInterrupted.countDown();
                        }
                        throw e;
                      }
                    }))
            .resource(Resource.text("test://a", "a", null, "text/plain", () -> "A"))
            .prompt(
                Prompt.of(
                    "ctx_prompt",
                    "Asks for context.",
                    List.of(),
                    (arguments, ctx) -> {
                      JsonNode answer =
                          ctx.input("user_context", "elicitation/create", elicit("context?"));
                      return new PromptResult(
                          null,
                          List.of(
                              new PromptMessage(
                                  Role.USER,
                                  Content.text(
                                      "context: " + answer.at("/content/name").asString()))));
                    }))
            .build();
    sessions = SessionManagers.builder().build();
    engine = McpEngines.create(config, sessions);
    // A short keep-alive: the sweep's comments are how a closed stream is noticed.
    server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .keepAlive(Duration.ofMillis(200))
            .engine(engine)
            .build();
    int port = server.start();
    endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    sessions.shutdown(Duration.ofSeconds(1));
  }

  private static ObjectNode elicit(String message) {
    ObjectNode params = TestServer.JSON.createObjectNode();
    params.put("message", message);
    params.set(
        "requestedSchema",
        TestServer.JSON.readTree(
            "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}"));
    return params;
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A conformant 2026 request: headers mirrored from the body. */
  static HttpRequest.Builder modern(String method, String name) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint)
            .header("Accept", "application/json, text/event-stream")
            .header("Content-Type", "application/json")
            .header("MCP-Protocol-Version", V2026)
            .header("Mcp-Method", method);
    return name == null ? builder : builder.header("Mcp-Name", name);
  }

  static String body(int id, String method, String paramsWithoutMeta) {
    String params =
        paramsWithoutMeta.isEmpty()
            ? "{\"_meta\":" + META + "}"
            : "{" + paramsWithoutMeta + ",\"_meta\":" + META + "}";
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\",\"params\":"
        + params
        + "}";
  }

  static HttpResponse<String> post(HttpRequest.Builder builder, String body) throws Exception {
    return http.send(
        builder.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON-RPC response of an answer, JSON or SSE (its last event). */
  static JsonNode answer(HttpResponse<String> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("text/event-stream")) {
      List<JsonNode> events = McpTestClient.events(response.body());
      return events.getLast();
    }
    return TestServer.JSON.readTree(response.body());
  }

  static JsonNode call(int id, String tool, String extra) throws Exception {
    String params =
        "\"name\":\"" + tool + "\",\"arguments\":{}" + (extra.isEmpty() ? "" : "," + extra);
    HttpResponse<String> response =
        post(modern("tools/call", tool), body(id, "tools/call", params));
    assertThat(response.statusCode()).isEqualTo(200);
    return answer(response);
  }

  // ---- selection and errors -----------------------------------------------------------------

  @Test
  void discoverAdvertisesBothErasAndIdentifiesTheServer() throws Exception {
    HttpResponse<String> response =
        post(modern("server/discover", null), body(7, "server/discover", ""));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
    JsonNode result = answer(response).get("result");
    assertThat(result.get("supportedVersions").toString())
        .isEqualTo("[\"2026-07-28\",\"2025-11-25\",\"2025-06-18\",\"2025-03-26\"]");
    assertThat(result.at("/capabilities/tools").isObject()).isTrue();
    assertThat(result.at("/capabilities/prompts").isObject()).isTrue();
    assertThat(result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asString())
        .isEqualTo("dual-server");
    assertThat(result.get("resultType").asString()).isEqualTo("complete");
    assertThat(result.get("ttlMs").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(result.get("cacheScope").asString()).isEqualTo("public");
  }

  @Test
  void unsupportedVersionIs400WithTheVersionsServed() throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"server/discover\",\"params\":{\"_meta\":"
            + META.replace("2026-07-28", "v999")
            + "}}";
    HttpResponse<String> response =
        post(modern("server/discover", null).setHeader("MCP-Protocol-Version", "v999"), body);
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = TestServer.JSON.readTree(response.body());
    assertThat(error.get("id").asInt()).isEqualTo(3);
    assertThat(error.at("/error/code").asInt()).isEqualTo(-32022);
    assertThat(error.at("/error/data/supported/0").asString()).isEqualTo(V2026);
    assertThat(error.at("/error/data/requested").asString()).isEqualTo("v999");
  }

  @Test
  void headerBodyVersionMismatchIs400HeaderMismatch() throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"server/discover\",\"params\":{\"_meta\":"
            + META.replace("2026-07-28", "2025-11-25")
            + "}}";
    HttpResponse<String> response = post(modern("server/discover", null), body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestServer.JSON.readTree(response.body()).at("/error/code").asInt())
        .isEqualTo(-32020);
    assertThat(TestServer.JSON.readTree(response.body()).get("id").asInt()).isEqualTo(4);
  }

  @Test
  void modernMetaWithoutTheHeaderIs400HeaderMismatch() throws Exception {
    HttpRequest.Builder noVersion =
        HttpRequest.newBuilder(endpoint)
            .header("Accept", "application/json, text/event-stream")
            .header("Content-Type", "application/json")
            .header("Mcp-Method", "server/discover");
    HttpResponse<String> response = post(noVersion, body(5, "server/discover", ""));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestServer.JSON.readTree(response.body()).at("/error/code").asInt())
        .isEqualTo(-32020);
  }

  @Test
  void missingMetaFieldsAre400InvalidParams() throws Exception {
    for (String params :
        List.of(
            "{}",
            "{\"_meta\":{\"io.modelcontextprotocol/clientCapabilities\":{}}}",
            "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}")) {
      HttpResponse<String> response =
          post(
              modern("server/discover", null),
              "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"server/discover\",\"params\":"
                  + params
                  + "}");
      assertThat(response.statusCode()).as(params).isEqualTo(400);
      assertThat(TestServer.JSON.readTree(response.body()).at("/error/code").asInt())
          .as(params)
          .isEqualTo(-32602);
      assertThat(TestServer.JSON.readTree(response.body()).get("id").asInt()).isEqualTo(6);
    }
  }

  @Test
  void removedAndUnknownMethodsAre404MethodNotFound() throws Exception {
    for (String method :
        List.of(
            "initialize", "ping", "logging/setLevel", "resources/subscribe", "unknown/method")) {
      HttpResponse<String> response = post(modern(method, null), body(8, method, ""));
      assertThat(response.statusCode()).as(method).isEqualTo(404);
      JsonNode error = TestServer.JSON.readTree(response.body());
      assertThat(error.at("/error/code").asInt()).as(method).isEqualTo(-32601);
      assertThat(error.get("id").asInt()).isEqualTo(8);
    }
  }

  @Test
  void getAndDeleteAre405ForTheSessionlessRevision() throws Exception {
    for (String method : List.of("GET", "DELETE")) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .header("Accept", "text/event-stream")
                  .header("MCP-Protocol-Version", V2026)
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).contains("POST");
    }
  }

  @Test
  void standardHeadersMustMatchTheBody() throws Exception {
    String call =
        body(9, "tools/call", "\"name\":\"sql\",\"arguments\":{\"region\":\"eu\",\"query\":\"q\"}");
    HttpRequest.Builder ok = modern("tools/call", "sql").header("Mcp-Param-Region", "eu");
    assertThat(post(ok, call).statusCode()).isEqualTo(200);
    // Mcp-Method missing, Mcp-Method wrong, Mcp-Name missing, Mcp-Name wrong.
    HttpRequest.Builder noMethod =
        HttpRequest.newBuilder(endpoint)
            .header("Accept", "application/json, text/event-stream")
            .header("Content-Type", "application/json")
            .header("MCP-Protocol-Version", V2026)
            .header("Mcp-Name", "sql")
            .header("Mcp-Param-Region", "eu");
    for (HttpRequest.Builder bad :
        List.of(
            noMethod,
            modern("tools/list", "sql").header("Mcp-Param-Region", "eu"),
            modern("tools/call", null).header("Mcp-Param-Region", "eu"),
            modern("tools/call", "other").header("Mcp-Param-Region", "eu"))) {
      HttpResponse<String> response = post(bad, call);
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(TestServer.JSON.readTree(response.body()).at("/error/code").asInt())
          .isEqualTo(-32020);
    }
    // The Base64 sentinel form is decoded before comparing.
    HttpRequest.Builder encoded =
        modern("tools/call", "=?base64?c3Fs?=").header("Mcp-Param-Region", "eu");
    assertThat(post(encoded, call).statusCode()).isEqualTo(200);
  }

  @Test
  void mirroredToolParametersAreChecked() throws Exception {
    String withN =
        body(
            10,
            "tools/call",
            "\"name\":\"sql\",\"arguments\":{\"region\":\"Hello, 世界\",\"opts\":{\"n\":42},\"query\":\"q\"}");
    // Non-ASCII value in the sentinel form; an integer compared numerically.
    HttpRequest.Builder good =
        modern("tools/call", "sql")
            .header("Mcp-Param-Region", "=?base64?SGVsbG8sIOS4lueVjA==?=")
            .header("Mcp-Param-N", "42.0");
    HttpResponse<String> ok = post(good, withN);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(answer(ok).at("/result/content/0/text").asString()).isEqualTo("Hello, 世界:q");
    // Missing mirrored header, and a value that differs.
    for (HttpRequest.Builder bad :
        List.of(
            modern("tools/call", "sql")
                .header("Mcp-Param-Region", "=?base64?SGVsbG8sIOS4lueVjA==?="),
            modern("tools/call", "sql")
                .header("Mcp-Param-Region", "eu")
                .header("Mcp-Param-N", "42"))) {
      HttpResponse<String> response = post(bad, withN);
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(TestServer.JSON.readTree(response.body()).at("/error/code").asInt())
          .isEqualTo(-32020);
    }
    // An argument that is absent needs no header.
    String without = body(11, "tools/call", "\"name\":\"sql\",\"arguments\":{\"query\":\"q\"}");
    assertThat(post(modern("tools/call", "sql"), without).statusCode()).isEqualTo(200);
  }

  @Test
  void everyResultHasResultTypeServerInfoAndCacheHints() throws Exception {
    JsonNode tools =
        answer(post(modern("tools/list", null), body(12, "tools/list", ""))).get("result");
    assertThat(tools.get("resultType").asString()).isEqualTo("complete");
    assertThat(tools.get("cacheScope").asString()).isEqualTo("public");
    List<String> names = new ArrayList<>();
    tools.get("tools").forEach(tool -> names.add(tool.get("name").asString()));
    assertThat(names)
        .containsExactly(
            "sql", "ask", "two_rounds", "both", "chatty", "block"); // declaration order
    JsonNode read =
        answer(
                post(
                    modern("resources/read", "test://a"),
                    body(13, "resources/read", "\"uri\":\"test://a\"")))
            .get("result");
    assertThat(read.get("ttlMs").asLong()).isZero();
    assertThat(read.get("cacheScope").asString()).isEqualTo("private");
    assertThat(read.at("/_meta/io.modelcontextprotocol~1serverInfo/version").asString())
        .isEqualTo("2.0.0");
    JsonNode missing =
        answer(
            post(
                modern("resources/read", "test://none"),
                body(14, "resources/read", "\"uri\":\"test://none\"")));
    assertThat(missing.at("/error/code").asInt()).isEqualTo(-32602); // -32002 in the 2025 revisions
  }

  // ---- multi round-trip requests --------------------------------------------------------------

  @Test
  void inputRequiredThenRetryWithAnswerAndState() throws Exception {
    int runsBefore = askRuns.get();
    JsonNode first = call(20, "ask", "").get("result");
    assertThat(first.get("resultType").asString()).isEqualTo("input_required");
    assertThat(first.at("/inputRequests/user_name/method").asString())
        .isEqualTo("elicitation/create");
    String state = first.get("requestState").asString();
    JsonNode done =
        call(
                21,
                "ask",
                "\"inputResponses\":{\"user_name\":{\"action\":\"accept\",\"content\":{\"name\":\"Alice\"}}},"
                    + "\"requestState\":\""
                    + state
                    + "\"")
            .get("result");
    assertThat(done.get("resultType").asString()).isEqualTo("complete");
    assertThat(done.at("/content/0/text").asString()).isEqualTo("Hello, Alice!");
    // The handler ran once per round: the retry replays it from the start with the answer at hand.
    assertThat(askRuns.get() - runsBefore).isEqualTo(2);
  }

  @Test
  void stateCarriesEarlierAnswersAcrossRounds() throws Exception {
    JsonNode r1 = call(22, "two_rounds", "").get("result");
    assertThat(r1.has("inputRequests")).isTrue();
    JsonNode r2 =
        call(
                23,
                "two_rounds",
                "\"inputResponses\":{\"step1\":{\"action\":\"accept\",\"content\":{\"name\":\"Bo\"}}},"
                    + "\"requestState\":\""
                    + r1.get("requestState").asString()
                    + "\"")
            .get("result");
    assertThat(r2.get("resultType").asString()).isEqualTo("input_required");
    assertThat(r2.get("inputRequests").has("step2")).isTrue();
    assertThat(r2.get("requestState").asString()).isNotEqualTo(r1.get("requestState").asString());
    JsonNode r3 =
        call(
                24,
                "two_rounds",
                "\"inputResponses\":{\"step2\":{\"action\":\"accept\",\"content\":{\"name\":\"red\"}}},"
                    + "\"requestState\":\""
                    + r2.get("requestState").asString()
                    + "\"")
            .get("result");
    assertThat(r3.at("/content/0/text").asString()).isEqualTo("Bo likes red");
  }

  @Test
  void tamperedForeignOrMalformedStateIsRejected() throws Exception {
    String state = call(25, "two_rounds", "").get("result").get("requestState").asString();
    String answer =
        "\"inputResponses\":{\"step1\":{\"action\":\"accept\",\"content\":{\"name\":\"x\"}}}";
    char flipped = state.charAt(3) == 'A' ? 'B' : 'A';
    String tampered = state.substring(0, 3) + flipped + state.substring(4);
    for (String bad : List.of(tampered, state + "-TAMPERED", "garbage")) {
      JsonNode response = call(26, "two_rounds", answer + ",\"requestState\":\"" + bad + "\"");
      assertThat(response.at("/error/code").asInt()).as(bad).isEqualTo(-32602);
    }
    // State minted for one tool is refused on another.
    JsonNode foreign = call(27, "ask", answer + ",\"requestState\":\"" + state + "\"");
    assertThat(foreign.at("/error/code").asInt()).isEqualTo(-32602);
  }

  @Test
  void severalInputsAreRequestedTogetherAndCapabilitiesAreEnforced() throws Exception {
    // META declares elicitation and sampling, not roots: the roots request must not be sent.
    HttpResponse<String> refused =
        post(
            modern("tools/call", "both"),
            body(28, "tools/call", "\"name\":\"both\",\"arguments\":{}"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(
            TestServer.JSON
                .readTree(refused.body())
                .at("/error/data/requiredCapabilities/roots")
                .isObject())
        .isTrue();
    String withRoots =
        body(29, "tools/call", "\"name\":\"both\",\"arguments\":{}")
            .replace("\"sampling\":{}}", "\"sampling\":{},\"roots\":{}}");
    JsonNode both = answer(post(modern("tools/call", "both"), withRoots)).get("result");
    assertThat(both.get("inputRequests").propertyNames()).containsExactly("who", "roots");
    assertThat(both.at("/inputRequests/roots/method").asString()).isEqualTo("roots/list");
  }

  @Test
  void missingCapabilityIs400WithRequiredCapabilities() throws Exception {
    String noCaps = META.replace("{\"elicitation\":{},\"sampling\":{}}", "{}");
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":29,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\",\"arguments\":{},\"_meta\":"
            + noCaps
            + "}}";
    HttpResponse<String> response = post(modern("tools/call", "ask"), body);
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = TestServer.JSON.readTree(response.body());
    assertThat(error.at("/error/code").asInt()).isEqualTo(-32021);
    assertThat(error.at("/error/data/requiredCapabilities/elicitation").isObject()).isTrue();
    assertThat(error.get("id").asInt()).isEqualTo(29);
  }

  @Test
  void malformedInputResponsesAreInvalidParams() throws Exception {
    assertThat(
            call(30, "ask", "\"inputResponses\":{\"user_name\":12345}").at("/error/code").asInt())
        .isEqualTo(-32602);
    assertThat(call(31, "ask", "\"inputResponses\":null").at("/error/code").asInt())
        .isEqualTo(-32602);
    JsonNode wrongKey =
        call(32, "ask", "\"inputResponses\":{\"wrong\":{\"action\":\"accept\",\"content\":{}}}")
            .get("result");
    assertThat(wrongKey.get("resultType").asString()).isEqualTo("input_required");
  }

  @Test
  void promptsAskForInputTheSameWay() throws Exception {
    JsonNode first =
        answer(
                post(
                    modern("prompts/get", "ctx_prompt"),
                    body(33, "prompts/get", "\"name\":\"ctx_prompt\"")))
            .get("result");
    assertThat(first.get("resultType").asString()).isEqualTo("input_required");
    String retry =
        "\"name\":\"ctx_prompt\",\"inputResponses\":{\"user_context\":{\"action\":\"accept\",\"content\":{\"name\":\"tests\"}}},"
            + "\"requestState\":\""
            + first.get("requestState").asString()
            + "\"";
    JsonNode done =
        answer(post(modern("prompts/get", "ctx_prompt"), body(34, "prompts/get", retry)))
            .get("result");
    assertThat(done.at("/messages/0/content/text").asString()).isEqualTo("context: tests");
    assertThat(done.get("resultType").asString()).isEqualTo("complete");
  }

  // ---- logging, progress, cancellation --------------------------------------------------------

  @Test
  void logMessagesOnlyWhenTheRequestOptsInAtItsLevel() throws Exception {
    String quiet =
        body(40, "tools/call", "\"name\":\"chatty\",\"arguments\":{}")
            .replace("\"_meta\":{", "\"_meta\":{\"progressToken\":\"p\",");
    List<JsonNode> silent =
        McpTestClient.events(post(modern("tools/call", "chatty"), quiet).body());
    assertThat(silent)
        .noneMatch(event -> "notifications/message".equals(event.path("method").asString("")));
    assertThat(silent)
        .anyMatch(event -> "notifications/progress".equals(event.path("method").asString("")));
    String loud =
        quiet.replace("\"_meta\":{", "\"_meta\":{\"io.modelcontextprotocol/logLevel\":\"info\",");
    List<JsonNode> events = McpTestClient.events(post(modern("tools/call", "chatty"), loud).body());
    List<String> logged = new ArrayList<>();
    events.stream()
        .filter(event -> "notifications/message".equals(event.path("method").asString("")))
        .forEach(event -> logged.add(event.at("/params/data").asString()));
    assertThat(logged).containsExactly("warning line");
  }

  @Test
  void closingTheResponseStreamCancelsTheRequest() throws Exception {
    String body =
        body(41, "tools/call", "\"name\":\"block\",\"arguments\":{}")
            .replace("\"_meta\":{", "\"_meta\":{\"progressToken\":1,");
    SseReader stream =
        SseReader.open(
            http.sendAsync(
                modern("tools/call", "block")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofLines()));
    assertThat(blockStarted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(stream.nextMessage().json().path("method").asString())
        .isEqualTo("notifications/progress");
    stream.close();
    assertThat(blockInterrupted.await(20, TimeUnit.SECONDS)).isTrue();
  }

  // ---- both eras at once ----------------------------------------------------------------------

  @Test
  void oneServerAnswersA2025SessionAndA2026ClientConcurrently() throws Exception {
    McpTestClient legacy = new McpTestClient(endpoint);
    String sessionId = legacy.handshake("2025-11-25");
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(
          legacy.sendAsync(
              legacy
                  .request(sessionId)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          McpTestClient.call(100 + i, "sql", "{\"query\":\"old" + i + "\"}")))
                  .build()));
      calls.add(
          http.sendAsync(
              modern("tools/call", "sql")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          body(
                              200 + i,
                              "tools/call",
                              "\"name\":\"sql\",\"arguments\":{\"query\":\"new" + i + "\"}")))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < calls.size(); i++) {
      HttpResponse<String> response = calls.get(i).get(20, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode result = answer(response).get("result");
      boolean modernCall = i % 2 == 1;
      assertThat(result.at("/content/0/text").asString())
          .isEqualTo(":" + (modernCall ? "new" : "old") + (i / 2));
      assertThat(result.has("resultType")).isEqualTo(modernCall); // 2025 results are unchanged
      assertThat(response.headers().firstValue("Mcp-Session-Id").isPresent()).isFalse();
    }
    // The 2025 session still works as before; a session id on a 2026 request is ignored.
    assertThat(sessions.size()).isEqualTo(1);
    HttpResponse<String> modernWithSession =
        post(
            modern("tools/list", null).header("Mcp-Session-Id", "whatever"),
            body(300, "tools/list", ""));
    assertThat(modernWithSession.statusCode()).isEqualTo(200);
    assertThat(sessions.size()).isEqualTo(1);
  }

  // ---- subscriptions/listen -------------------------------------------------------------------

  @Test
  void listenAcknowledgesAndDeliversOptedInNotificationsTagged() throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":\"sub-1\",\"method\":\"subscriptions/listen\",\"params\":{"
            + "\"notifications\":{\"toolsListChanged\":true,\"promptsListChanged\":true,\"resourceSubscriptions\":[\"test://a\"]},"
            + "\"_meta\":"
            + META
            + "}}";
    try (SseReader stream =
        SseReader.open(
            http.sendAsync(
                modern("subscriptions/listen", null)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofLines()))) {
      JsonNode ack = stream.nextMessage().json();
      assertThat(ack.get("method").asString())
          .isEqualTo("notifications/subscriptions/acknowledged");
      assertThat(ack.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asString())
          .isEqualTo("sub-1");
      assertThat(ack.at("/params/notifications/promptsListChanged").asBoolean()).isTrue();
      assertThat(ack.at("/params/notifications").has("toolsListChanged"))
          .isFalse(); // tools never change here
      engine.notifications().resourceListChanged(); // not opted in: not delivered
      engine.notifications().resourceUpdated("test://a");
      JsonNode updated = stream.nextMessage().json();
      assertThat(updated.get("method").asString()).isEqualTo("notifications/resources/updated");
      assertThat(updated.at("/params/uri").asString()).isEqualTo("test://a");
      assertThat(updated.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asString())
          .isEqualTo("sub-1");
      engine.notifications().promptListChanged();
      assertThat(stream.nextMessage().json().get("method").asString())
          .isEqualTo("notifications/prompts/list_changed");
    }
  }
}
