package dev.mcpkit.transport.stdio.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.AnswerTooLargeException;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.GetPromptResult;
import dev.mcpkit.api.client.InitializeResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ProgressListener;
import dev.mcpkit.api.client.PromptInfo;
import dev.mcpkit.api.client.ReadResourceResult;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.RequestTimeoutException;
import dev.mcpkit.api.client.ResourceInfo;
import dev.mcpkit.api.client.ServerRequestHandler;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.spi.transport.ParsedBody;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP client over a pair of streams (a child process's stdout and stdin): one implicit session,
 * initialized on the first call.
 *
 * <p>A reader thread reads the server's lines: responses complete the pending call with that id,
 * progress goes to the call's listener, other notifications to the settings' listener, server
 * requests run their handler on a virtual thread of their own and are answered on the output
 * ({@code notifications/cancelled} from the server interrupts that thread). When the input ends
 * (the server died or closed its output), every pending call fails at once with {@link
 * McpClientException} and every later call fails too; {@link #ended()} then completes.
 *
 * <p>Thread-safety: thread-safe. Calls wait on futures in a {@link ConcurrentHashMap}; {@code
 * initialize} is serialized by a {@link ReentrantLock} (it blocks on the peer); writes by the
 * {@link LineWriter}.
 */
public final class StdioConnection implements McpClient {
  private static final Logger LOG = LoggerFactory.getLogger(StdioConnection.class);

  /** A call waiting for its answer. */
  private record Pending(CompletableFuture<JsonNode> answer, @Nullable ProgressListener progress) {}

  private final ClientSettings settings;
  private final LineReader reader;
  private final LineWriter writer;
  private final Runnable onClose;
  private final ConcurrentHashMap<RequestId, Pending> pending = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<RequestId, Thread> serverRequests = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final ReentrantLock initLock = new ReentrantLock();
  private final CompletableFuture<String> ended = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Set once by {@link #initialize()} under {@link #initLock}; volatile for the fast path. */
  private volatile @Nullable InitializeResult initialized;

  /** Why no more calls can be made, or {@code null} while they can. */
  private volatile @Nullable String endedBecause;

  /**
   * Creates the connection and starts reading.
   *
   * @param settings the options
   * @param in the server's output
   * @param out the server's input
   * @param onClose what {@link #close()} does after failing the pending calls (stopping the child)
   * @return the connection
   */
  public static StdioConnection start(
      ClientSettings settings, InputStream in, OutputStream out, Runnable onClose) {
    StdioConnection connection = new StdioConnection(settings, in, out, onClose);
    // A platform thread, as for the child's stderr (ChildProcess): a virtual thread blocked in a
    // pipe read pins its carrier for as long as the server is quiet.
    Thread.ofPlatform().daemon(true).name("mcp-stdio-client-reader").start(connection::readLoop);
    return connection;
  }

  private StdioConnection(
      ClientSettings settings, InputStream in, OutputStream out, Runnable onClose) {
    this.settings = requireNonNull(settings, "settings");
    this.reader = new LineReader(in, settings.maxLineBytes());
    this.writer = new LineWriter(out, JsonRpcCodecs.standard());
    this.onClose = requireNonNull(onClose, "onClose");
  }

  /**
   * Completes with the reason once the connection ended (the server's output ended or {@link
   * #close()}); never fails.
   *
   * @return the future
   */
  public CompletableFuture<String> ended() {
    return ended;
  }

  /**
   * Tells the connection that the server's process ended. Its output normally ends with it, which
   * ends the connection; a descendant that inherited the output may hold it open, so after {@code
   * grace} (time to read what the server wrote last) the connection ends anyway.
   *
   * @param status the exit status
   * @param grace how long the output may stay open after the exit
   */
  public void serverExited(int status, Duration grace) {
    CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> end("the server process exited with status " + status));
  }

  // ---- reading ---------------------------------------------------------------------------------

  private void readLoop() {
    String reason = "the server closed its output";
    try {
      for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
        if (line.oversize()) {
          tooLong(MessagePrefix.of(line.bytes(), line.length()));
          continue;
        }
        switch (JsonRpcCodecs.standard().parse(line.bytes(), 0, line.length())) {
          case ParsedBody.Malformed malformed ->
              LOG.debug("{}: ignoring a malformed line: {}", settings.name(), malformed.error());
          case ParsedBody.Messages messages -> messages.messages().forEach(this::dispatch);
        }
      }
    } catch (IOException e) {
      reason = "reading from the server failed: " + e.getMessage();
    } catch (RuntimeException e) {
      LOG.warn("{}: the reader failed", settings.name(), e);
      reason = "the reader failed";
    }
    end(reason);
  }

  /**
   * A message longer than the bound was skipped: the call it answers fails at once, and a request
   * of the server gets an error, when its first bytes say which.
   */
  private void tooLong(MessagePrefix prefix) {
    int max = settings.maxLineBytes();
    RequestId id = prefix.id();
    LOG.warn(
        "{}: skipping a message longer than {} bytes{}",
        settings.name(),
        max,
        id == null ? "" : " (id " + id + ")");
    if (id == null) {
      return;
    }
    switch (prefix.kind()) {
      case RESPONSE -> {
        Pending call = pending.remove(id);
        if (call != null) {
          call.answer()
              .completeExceptionally(
                  new AnswerTooLargeException(
                      "the server sent an answer of more than "
                          + max
                          + " bytes, the client's limit (McpStdioClient.Builder.maxLineBytes)",
                      max,
                      null));
        }
      }
      case REQUEST -> {
        try {
          writer.write(
              new JsonRpcErrorResponse(
                  id,
                  JsonRpcError.of(
                      JsonRpcError.INVALID_REQUEST,
                      "Invalid Request: the message exceeds " + max + " bytes")));
        } catch (IOException e) {
          LOG.debug("cannot refuse an oversize request", e);
        }
      }
      case UNKNOWN -> {
        // nothing to tell anyone
      }
    }
  }

  private void end(String reason) {
    if (endedBecause == null) {
      endedBecause = reason;
    }
    String why = requireNonNull(endedBecause);
    for (RequestId id : List.copyOf(pending.keySet())) {
      Pending call = pending.remove(id);
      if (call != null) {
        call.answer().completeExceptionally(new McpClientException(why, null));
      }
    }
    serverRequests.values().forEach(Thread::interrupt);
    ended.complete(why);
  }

  private void dispatch(JsonRpcMessage message) {
    switch (message) {
      case JsonRpcResponse response -> {
        Pending call = pending.remove(response.id());
        if (call != null) {
          call.answer().complete(response.result());
        }
      }
      case JsonRpcErrorResponse error -> {
        Pending call = error.id() == null ? null : pending.remove(error.id());
        if (call != null) {
          call.answer()
              .completeExceptionally(
                  new McpClientException(
                      "the server answered error "
                          + error.error().code()
                          + ": "
                          + error.error().message(),
                      error.error(),
                      0,
                      null));
        } else {
          LOG.debug("{}: an error for no pending call: {}", settings.name(), error.error());
        }
      }
      case JsonRpcNotification notification -> onNotification(notification);
      case JsonRpcRequest request -> {
        Thread handler =
            Thread.ofVirtual().name("mcp-stdio-client-handler").unstarted(() -> answer(request));
        serverRequests.put(request.id(), handler);
        handler.start();
      }
    }
  }

  private void onNotification(JsonRpcNotification notification) {
    JsonNode params = notification.params();
    if (McpMethod.NOTIFICATIONS_PROGRESS.wireName().equals(notification.method())
        && params != null) {
      Pending call = pending.get(idOf(params.path("progressToken")));
      if (call != null && call.progress() != null) {
        JsonNode total = params.get("total");
        JsonNode text = params.get("message");
        try {
          call.progress()
              .onProgress(
                  new ProgressListener.Progress(
                      params.path("progress").asDouble(),
                      total == null || !total.isNumber() ? null : total.asDouble(),
                      text == null || !text.isString() ? null : text.asString()));
        } catch (RuntimeException e) {
          LOG.warn("a progress listener failed", e);
        }
      }
      return;
    }
    if (McpMethod.NOTIFICATIONS_CANCELLED.wireName().equals(notification.method())
        && params != null) {
      Thread handler = serverRequests.get(idOf(params.path("requestId")));
      if (handler != null) {
        handler.interrupt(); // the server no longer wants the answer
      }
    }
    try {
      settings.notificationListener().accept(notification);
    } catch (RuntimeException e) {
      LOG.warn("the notification listener failed on {}", notification.method(), e);
    }
  }

  private static RequestId idOf(JsonNode node) {
    return node.isIntegralNumber() ? RequestId.of(node.asLong()) : RequestId.of(node.asString(""));
  }

  private void answer(JsonRpcRequest request) {
    try {
      JsonRpcMessage reply;
      ServerRequestHandler handler = settings.handlers().get(request.method());
      ClientSettings.RequestRouter fallback = settings.fallback();
      JsonNode params =
          request.params() == null ? JsonRpcCodecs.nodes().objectNode() : request.params();
      try {
        if (handler != null) {
          reply = new JsonRpcResponse(request.id(), requireNonNull(handler.handle(params)));
        } else if (fallback != null) {
          reply =
              new JsonRpcResponse(
                  request.id(), requireNonNull(fallback.handle(request.method(), params)));
        } else if (McpMethod.PING.wireName().equals(request.method())) {
          reply = new JsonRpcResponse(request.id(), JsonRpcCodecs.nodes().objectNode());
        } else {
          reply =
              new JsonRpcErrorResponse(
                  request.id(),
                  JsonRpcError.of(
                      JsonRpcError.METHOD_NOT_FOUND, "no handler for " + request.method()));
        }
      } catch (McpClientException e) {
        reply =
            new JsonRpcErrorResponse(
                request.id(),
                e.error()
                    .orElse(
                        JsonRpcError.of(
                            JsonRpcError.INTERNAL_ERROR, "the client could not answer")));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // cancelled by the server, or the connection ended: no answer
      } catch (Exception e) {
        LOG.warn("the handler of {} failed", request.method(), e);
        reply =
            new JsonRpcErrorResponse(
                request.id(),
                JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "the client could not answer"));
      }
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      try {
        writer.write(reply);
      } catch (IOException e) {
        LOG.debug("cannot answer {}", request.method(), e);
      }
    } finally {
      serverRequests.remove(request.id());
    }
  }

  // ---- session ---------------------------------------------------------------------------------

  @Override
  public InitializeResult initialize() {
    InitializeResult done = initialized;
    if (done != null) {
      return done;
    }
    initLock.lock();
    try {
      done = initialized;
      if (done != null) {
        return done;
      }
      ObjectNode params = JsonRpcCodecs.nodes().objectNode();
      params.put("protocolVersion", settings.version().wireName());
      params.set("capabilities", settings.declaredCapabilities());
      ObjectNode info = params.putObject("clientInfo");
      info.put("name", settings.clientName());
      info.put("version", settings.clientVersion());
      JsonNode result = send(McpMethod.INITIALIZE.wireName(), params, RequestOptions.defaults());
      String wire = result.path("protocolVersion").asString("");
      ProtocolVersion version =
          ProtocolVersion.fromWireName(wire)
              .orElseThrow(
                  () ->
                      new McpClientException(
                          "the server chose protocol version '"
                              + wire
                              + "', which this client does not speak",
                          null));
      JsonNode serverInfo = result.path("serverInfo");
      JsonNode instructions = result.get("instructions");
      InitializeResult answer =
          new InitializeResult(
              version,
              serverInfo.path("name").asString(""),
              serverInfo.path("version").asString(""),
              result.path("capabilities"),
              instructions == null || !instructions.isString() ? null : instructions.asString(),
              result);
      write(new JsonRpcNotification(McpMethod.NOTIFICATIONS_INITIALIZED.wireName(), null));
      initialized = answer;
      return answer;
    } finally {
      initLock.unlock();
    }
  }

  @Override
  public Optional<ProtocolVersion> protocolVersion() {
    InitializeResult done = initialized;
    return done == null ? Optional.empty() : Optional.of(done.protocolVersion());
  }

  /** Always empty: the stdio transport has no session ids. */
  @Override
  public Optional<String> sessionId() {
    return Optional.empty();
  }

  // ---- calls -----------------------------------------------------------------------------------

  @Override
  public void ping() {
    request(McpMethod.PING.wireName(), null, RequestOptions.defaults());
  }

  @Override
  public List<ToolInfo> listTools() {
    List<ToolInfo> tools = new ArrayList<>();
    for (JsonNode tool : listAll(McpMethod.TOOLS_LIST.wireName(), "tools")) {
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

  /** Runs a call on a virtual thread; cancelling the future interrupts it, which cancels it. */
  private static <T> CompletableFuture<T> async(Supplier<T> call) {
    CompletableFuture<T> future = new CompletableFuture<>();
    Thread thread =
        Thread.ofVirtual()
            .name("mcp-stdio-client-call")
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
    ensureOpen();
    initialize();
    return send(method, params, options);
  }

  @Override
  public void notify(String method, @Nullable JsonNode params) {
    requireNonNull(method, "method");
    ensureOpen();
    initialize();
    write(new JsonRpcNotification(method, params));
  }

  /** Sends a request and waits for its answer, cancelling it on timeout or interrupt. */
  private JsonNode send(String method, @Nullable JsonNode params, RequestOptions options) {
    ensureOpen();
    long number = ids.incrementAndGet();
    RequestId id = RequestId.of(number);
    JsonNode sent = params;
    ProgressListener progress = options.progress();
    if (progress != null) {
      ObjectNode withToken =
          params instanceof ObjectNode object
              ? object.deepCopy()
              : JsonRpcCodecs.nodes().objectNode();
      JsonNode meta = withToken.get("_meta");
      ObjectNode metaObject =
          meta instanceof ObjectNode existing ? existing : withToken.putObject("_meta");
      metaObject.put("progressToken", number);
      sent = withToken;
    }
    Pending call = new Pending(new CompletableFuture<>(), progress);
    pending.put(id, call);
    String why = endedBecause;
    if (why != null) {
      pending.remove(id);
      throw new McpClientException(why, null);
    }
    try {
      writer.write(new JsonRpcRequest(id, method, sent));
    } catch (IOException e) {
      pending.remove(id);
      throw new McpClientException(
          "cannot send " + method + " to the server: " + e.getMessage(), e);
    }
    Duration timeout = options.timeoutIfSet().orElse(settings.requestTimeout());
    try {
      return call.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      cancel(id, "timeout");
      throw new RequestTimeoutException(method + " got no answer within " + timeout);
    } catch (InterruptedException e) {
      cancel(id, "interrupted");
      Thread.currentThread().interrupt();
      throw new McpClientException(method + " was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AnswerTooLargeException tooLarge) {
        throw new AnswerTooLargeException(
            String.valueOf(tooLarge.getMessage()), tooLarge.limit(), tooLarge);
      }
      if (e.getCause() instanceof McpClientException failure) {
        throw new McpClientException(
            failure.getMessage() == null ? method + " failed" : failure.getMessage(),
            failure.error().orElse(null),
            0,
            failure);
      }
      throw new McpClientException(method + " failed", e.getCause());
    }
  }

  private void cancel(RequestId id, String reason) {
    if (pending.remove(id) == null || endedBecause != null) {
      return;
    }
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    if (id instanceof RequestId.Number number) {
      params.put("requestId", number.value());
    } else {
      params.put("requestId", id.toString());
    }
    params.put("reason", reason);
    try {
      writer.write(new JsonRpcNotification(McpMethod.NOTIFICATIONS_CANCELLED.wireName(), params));
    } catch (IOException e) {
      LOG.debug("cannot tell the server about the cancellation", e);
    }
  }

  private void write(JsonRpcMessage message) {
    try {
      writer.write(message);
    } catch (IOException e) {
      throw new McpClientException("cannot write to the server: " + e.getMessage(), e);
    }
  }

  private void ensureOpen() {
    String why = endedBecause;
    if (why != null) {
      throw new McpClientException(why, null);
    }
  }

  // ---- close -----------------------------------------------------------------------------------

  /** Fails the pending calls, closes the server's input and runs the close action. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    end("the client was closed");
    writer.close();
    onClose.run();
  }
}
