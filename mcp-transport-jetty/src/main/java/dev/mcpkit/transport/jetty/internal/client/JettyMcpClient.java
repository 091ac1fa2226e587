package dev.mcpkit.transport.jetty.internal.client;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.GetPromptResult;
import dev.mcpkit.api.client.InitializeResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.PromptInfo;
import dev.mcpkit.api.client.ReadResourceResult;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.ResourceInfo;
import dev.mcpkit.api.client.SkillEntry;
import dev.mcpkit.api.client.SkillPage;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.spi.McpClientObserver;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.codec.SkillFetching;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.eclipse.jetty.client.HttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP client over Jetty's {@link HttpClient}: a thin facade over the parts that do the work.
 *
 * <p>Each request is a POST whose answer is read by a virtual thread of its own: a JSON body, or an
 * SSE stream whose messages are dispatched as they arrive (responses complete the pending call with
 * that id, progress goes to the call's listener, server requests run their handler on a new virtual
 * thread and are answered with a POST). The caller waits on its pending future with its timeout, so
 * a timeout or an interrupt can send {@code notifications/cancelled} and abort the exchange. {@link
 * #requestWithoutBlocking} has no caller waiting: the thread that brings the outcome settles the
 * call ({@link CallWithoutBlocking}).
 *
 * <ul>
 *   <li>{@link ClientHttp}: Jetty's client, observed requests with the session's headers, POSTed
 *       messages;
 *   <li>{@link CurrentSession} and {@link SessionInitializer}: the session and its
 *       (re)initialization;
 *   <li>{@link RequestExchange} and {@link AnswerReader}: one request, its answer, its
 *       cancellation; {@link CallWithoutBlocking}: one request that no thread waits for;
 *   <li>{@link MessageDispatcher}: what the server sends, including its requests to this client;
 *   <li>{@link EventStream}: the session's GET stream.
 * </ul>
 *
 * <p>Thread-safety: thread-safe. The session is one immutable {@link ClientSession} in an {@link
 * AtomicReference}; (re)initialization is serialized by a {@link ReentrantLock} (never {@code
 * synchronized}, since it blocks on the network), and a 404 re-initializes only when the session
 * that got it is still the current one, so concurrent failures cause one new session (the argument
 * in full is on {@link CurrentSession} and {@link SessionInitializer}).
 */
public final class JettyMcpClient implements McpClient {
  private static final Logger LOG = LoggerFactory.getLogger(JettyMcpClient.class);
  private static final Set<String> SAFE_TO_RETRY =
      Set.of(
          McpMethod.PING.wireName(),
          McpMethod.TOOLS_LIST.wireName(),
          McpMethod.RESOURCES_LIST.wireName(),
          McpMethod.RESOURCES_TEMPLATES_LIST.wireName(),
          McpMethod.RESOURCES_READ.wireName(),
          McpMethod.PROMPTS_LIST.wireName(),
          McpMethod.PROMPTS_GET.wireName(),
          McpMethod.COMPLETION_COMPLETE.wireName());

  private final ClientSettings settings;
  private final ClientHttp http;
  private final PendingCalls pending = new PendingCalls();
  private final CurrentSession session = new CurrentSession();
  private final MessageDispatcher dispatcher;

  /** Revision 2026-07-28: request metadata, mirrored headers, input rounds. */
  private final ModernRequests modern = new ModernRequests();

  private final RequestExchange exchange;

  /** The session's GET stream. */
  private final EventStream eventStream;

  private final SessionInitializer initializer;

  /** Whether {@link #close()} sends {@code DELETE} for the session. */
  private final boolean endSessionOnClose;

  private JettyMcpClient(ClientSettings settings, ClientHttp http, boolean endSessionOnClose) {
    this.settings = settings;
    this.endSessionOnClose = endSessionOnClose;
    this.http = http;
    this.dispatcher = new MessageDispatcher(settings, pending, http, session::get);
    this.exchange =
        new RequestExchange(
            settings, http, pending, new AnswerReader(settings, http, dispatcher), modern);
    this.eventStream = new EventStream(settings, http, dispatcher, session::isLive);
    this.initializer = new SessionInitializer(settings, http, session, exchange, eventStream);
  }

  /** Starts Jetty's client with the settings' pool and protocol choice. */
  public static JettyMcpClient start(ClientSettings settings) {
    return start(settings, true);
  }

  /** Starts a client; {@code endSessionOnClose} says whether {@link #close()} sends DELETE. */
  public static JettyMcpClient start(ClientSettings settings, boolean endSessionOnClose) {
    requireNonNull(settings, "settings");
    return new JettyMcpClient(settings, ClientHttp.start(settings), endSessionOnClose);
  }

  /**
   * Starts a client on a session that exists at the server already (opened by another client): no
   * {@code initialize}; the session's GET stream opens now if the settings want it.
   */
  public static JettyMcpClient resume(
      ClientSettings settings,
      String sessionId,
      ProtocolVersion version,
      boolean endSessionOnClose) {
    JettyMcpClient client = start(settings, endSessionOnClose);
    ClientSession resumed =
        new ClientSession(
            requireNonNull(sessionId, "sessionId"),
            requireNonNull(version, "version"),
            new InitializeResult(
                version,
                "",
                "",
                JsonRpcCodecs.nodes().objectNode(),
                null,
                JsonRpcCodecs.nodes().objectNode()),
            McpClientObserver.SessionHandle.NONE);
    client.session.set(resumed);
    if (settings.openEventStream()) {
      client.eventStream.open(resumed);
    }
    return client;
  }

  // ---- session -------------------------------------------------------------------------------

  @Override
  public InitializeResult initialize() {
    ClientSession current = session.get();
    return current != null ? current.result() : initializer.initialize(null).result();
  }

  @Override
  public Optional<ProtocolVersion> protocolVersion() {
    ClientSession current = session.get();
    return current == null ? Optional.empty() : Optional.of(current.version());
  }

  @Override
  public Optional<String> sessionId() {
    ClientSession current = session.get();
    return current == null ? Optional.empty() : Optional.ofNullable(current.id());
  }

  // ---- calls ---------------------------------------------------------------------------------

  @Override
  public void ping() {
    request(McpMethod.PING.wireName(), null, RequestOptions.defaults());
  }

  @Override
  public List<ToolInfo> listTools() {
    List<ToolInfo> tools = new ArrayList<>();
    for (JsonNode tool : listAll(McpMethod.TOOLS_LIST.wireName(), "tools")) {
      ClientSession current = session.get();
      if (current != null && current.version().sessionless()) {
        String invalid = ModernRequests.invalidHeaders(tool);
        if (invalid != null) {
          // Streamable HTTP of 2026-07-28: a client must leave such a tool out, and should say so.
          LOG.warn("leaving out tool '{}': {}", tool.path("name").asString(""), invalid);
          continue;
        }
        modern.learn(tool);
      }
      JsonNode description = tool.get("description");
      JsonNode output = tool.get("outputSchema");
      tools.add(
          new ToolInfo(
              tool.path("name").asString(""),
              description == null || !description.isString() ? null : description.asString(),
              tool.path("inputSchema"),
              output == null || output.isNull() ? null : output,
              tool));
    }
    return List.copyOf(tools);
  }

  @Override
  public CallToolResult callTool(String name, JsonNode arguments, RequestOptions options) {
    requireNonNull(name, "name");
    requireNonNull(arguments, "arguments");
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("name", name);
    params.set("arguments", arguments);
    JsonNode result = request(McpMethod.TOOLS_CALL.wireName(), params, options);
    if (TaskPolling.isTask(result)) {
      // The server made the call a task (the client declared io.modelcontextprotocol/tasks).
      result = TaskPolling.await(this, result, options, dispatcher::answerInput);
    }
    List<JsonNode> content = new ArrayList<>();
    result.path("content").forEach(content::add);
    JsonNode structured = result.get("structuredContent");
    return new CallToolResult(
        content,
        structured == null || structured.isNull() ? null : structured,
        result.path("isError").asBoolean(false),
        result);
  }

  @Override
  public CompletableFuture<CallToolResult> callToolAsync(
      String name, JsonNode arguments, RequestOptions options) {
    return async(() -> callTool(name, arguments, options));
  }

  @Override
  public CompletableFuture<JsonNode> requestAsync(
      String method, @Nullable JsonNode params, RequestOptions options) {
    return async(() -> request(method, params, options));
  }

  /**
   * With no thread waiting for the answer once the session is established on a session-based
   * revision (see {@link CallWithoutBlocking}); otherwise, to establish the session or for the
   * multi round-trip of 2026-07-28, which block, {@link #requestAsync}. A 404 on the session is
   * handled as {@link #request} does, on a virtual thread.
   */
  @Override
  public CompletableFuture<JsonNode> requestWithoutBlocking(
      String method, @Nullable JsonNode params, RequestOptions options) {
    requireNonNull(method, "method");
    requireNonNull(options, "options");
    ClientSession current = session.ifOpen();
    if (current == null || current.version().sessionless()) {
      return requestAsync(method, params, options);
    }
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    CompletableFuture<RequestExchange.Answer> first =
        exchange.callWithoutBlocking(current, method, params, options);
    cancelWith(result, first);
    first.whenComplete(
        (answer, failure) -> {
          if (failure instanceof SessionGoneException) {
            CompletableFuture<JsonNode> retried =
                async(() -> afterSessionGone(current, method, params, options));
            cancelWith(result, retried);
            retried.whenComplete((value, again) -> settle(result, value, again));
          } else {
            settle(result, answer == null ? null : answer.result(), failure);
          }
        });
    return result;
  }

  /** Cancels {@code step} when {@code result} is cancelled. */
  private static void cancelWith(CompletableFuture<?> result, CompletableFuture<?> step) {
    result.whenComplete(
        (value, failure) -> {
          if (failure instanceof CancellationException) {
            step.cancel(true);
          }
        });
  }

  private static <T> void settle(
      CompletableFuture<T> result, @Nullable T value, @Nullable Throwable failure) {
    if (failure != null) {
      result.completeExceptionally(failure);
    } else {
      result.complete(requireNonNull(value, "value"));
    }
  }

  /**
   * Runs a call on a virtual thread; cancelling the future interrupts it, which cancels the call.
   */
  private static <T> CompletableFuture<T> async(Supplier<T> call) {
    CompletableFuture<T> future = new CompletableFuture<>();
    Thread thread =
        Thread.ofVirtual()
            .name("mcp-client-call")
            .unstarted(
                () -> {
                  try {
                    future.complete(call.get());
                  } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                  }
                });
    future.whenComplete(
        (value, failure) -> {
          if (failure instanceof CancellationException) {
            thread.interrupt();
          }
        });
    thread.start();
    return future;
  }

  @Override
  public List<ResourceInfo> listResources() {
    return listAll(McpMethod.RESOURCES_LIST.wireName(), "resources").stream()
        .map(ResourceInfo::from)
        .toList();
  }

  @Override
  public ReadResourceResult readResource(String uri) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("uri", requireNonNull(uri, "uri"));
    return ReadResourceResult.from(
        request(McpMethod.RESOURCES_READ.wireName(), params, RequestOptions.defaults()));
  }

  @Override
  public List<PromptInfo> listPrompts() {
    return listAll(McpMethod.PROMPTS_LIST.wireName(), "prompts").stream()
        .map(PromptInfo::from)
        .toList();
  }

  @Override
  public GetPromptResult getPrompt(String name, Map<String, String> arguments) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("name", requireNonNull(name, "name"));
    if (!requireNonNull(arguments, "arguments").isEmpty()) {
      arguments.forEach(params.putObject("arguments")::put);
    }
    return GetPromptResult.from(
        request(McpMethod.PROMPTS_GET.wireName(), params, RequestOptions.defaults()));
  }

  @Override
  public SkillPage listSkills(@Nullable String cursor) {
    return SkillFetching.list(this, cursor);
  }

  @Override
  public SkillEntry getSkill(String uri) {
    return SkillFetching.get(this, uri);
  }

  @Override
  public String loadSkill(SkillEntry skill) {
    return SkillFetching.load(this, skill);
  }

  @Override
  public byte[] readSkillFile(SkillEntry skill, String uri) {
    return SkillFetching.read(this, skill, uri);
  }

  private List<JsonNode> listAll(String method, String member) {
    List<JsonNode> all = new ArrayList<>();
    @Nullable String cursor = null;
    do {
      ObjectNode params = JsonRpcCodecs.nodes().objectNode();
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      JsonNode page = request(method, params, RequestOptions.defaults());
      page.path(member).forEach(all::add);
      JsonNode next = page.get("nextCursor");
      cursor = next != null && next.isString() ? next.asString() : null;
    } while (cursor != null);
    return List.copyOf(all);
  }

  @Override
  public JsonNode request(String method, @Nullable JsonNode params, RequestOptions options) {
    requireNonNull(method, "method");
    requireNonNull(options, "options");
    session.ensureOpen();
    ClientSession current = initializer.established();
    try {
      JsonNode result = exchange.call(current, method, params, options).result();
      if (current.version().sessionless()) {
        // Multi round-trip: answer what the server asks for and retry, as a new request each time.
        JsonNode sent = params;
        for (int round = 1; ModernRequests.inputRequired(result); round++) {
          if (round > ModernRequests.MAX_ROUNDS) {
            throw new McpClientException(
                method + " still asks for input after " + ModernRequests.MAX_ROUNDS + " rounds",
                null);
          }
          sent = ModernRequests.retry(sent, result, dispatcher::answerInput);
          result = exchange.call(current, method, sent, options).result();
        }
      }
      return result;
    } catch (SessionGoneException e) {
      return afterSessionGone(current, method, params, options);
    }
  }

  /**
   * After a 404 on {@code current}: initializes a new session (unless another call did already) and
   * sends the request again on it if that is safe, else fails it; blocks.
   */
  private JsonNode afterSessionGone(
      ClientSession current, String method, @Nullable JsonNode params, RequestOptions options) {
    ClientSession renewed = initializer.initialize(current);
    if (!SAFE_TO_RETRY.contains(method)) {
      throw new McpClientException(
          "the server no longer knows session "
              + current.id()
              + "; a new session was initialized but "
              + method
              + " is not retried",
          null,
          404,
          null);
    }
    try {
      return exchange.call(renewed, method, params, options).result();
    } catch (SessionGoneException again) {
      throw new McpClientException("the server answered 404 for a fresh session", null, 404, null);
    }
  }

  @Override
  public void notify(String method, @Nullable JsonNode params) {
    requireNonNull(method, "method");
    session.ensureOpen();
    http.post(
        initializer.established(),
        JsonRpcCodecs.standard().encode(new JsonRpcNotification(method, params)));
  }

  // ---- close ---------------------------------------------------------------------------------

  @Override
  public void close() {
    if (!session.close()) {
      return;
    }
    try {
      ClientSession current = session.take();
      if (current != null) {
        current.observed().ended(null);
      }
      eventStream.stop();
      if (endSessionOnClose && current != null && current.id() != null) {
        http.delete(current);
      }
    } finally {
      pending.failAll("the client was closed");
      http.stop();
    }
  }
}
