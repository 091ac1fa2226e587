package dev.mcpkit.session.internal.tasks;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.api.server.TaskSupport;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolFailureMessages;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.api.spi.StoreUnavailableException;
import dev.mcpkit.api.spi.TaskRecord;
import dev.mcpkit.api.spi.TaskStatus;
import dev.mcpkit.api.spi.TaskStore;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.internal.protocol.InputRounds;
import dev.mcpkit.session.internal.protocol.McpResults;
import dev.mcpkit.session.internal.protocol.ProtocolError;
import dev.mcpkit.session.internal.protocol.RequestMeta;
import dev.mcpkit.session.internal.protocol.ToolCallContext;
import dev.mcpkit.session.internal.protocol.ToolInvocation;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs tool calls as tasks (the {@code io.modelcontextprotocol/tasks} extension, revision
 * 2026-07-28) and serves {@code tasks/get}, {@code tasks/update} and {@code tasks/cancel}.
 *
 * <p>A call made as a task starts its handler on a virtual thread of its own ({@link TaskRun}) and
 * answers once the task exists in the {@link TaskStore}: when the handler calls {@code
 * continueAsTask()}, when it ends, or after {@link #HAND_OUT_DELAY}, whichever comes first. Input
 * the handler asks for before then is the call's own multi round-trip ({@code input_required}, no
 * task); input asked for afterwards parks the task. The store holds everything {@code tasks/*} read
 * and change, so they work from any node that shares it; the running handler hears of a
 * cancellation or an answer through the store's watcher.
 *
 * <p>A task belongs to the principal that created it: any other caller (anonymous included, for a
 * task created by a named one) gets {@code -32602} as for an unknown task.
 *
 * <p>Thread-safe: the live runs of this node are in a concurrent map; everything else is final.
 */
public final class TaskEngine {
  /** The extension's identifier, under {@code capabilities.extensions}. */
  public static final String EXTENSION = "io.modelcontextprotocol/tasks";

  /** How long a call waits for its handler before handing the task out. */
  public static final Duration HAND_OUT_DELAY = Duration.ofMillis(100);

  /** How long a finished task is kept, by default. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

  /** The poll interval suggested to clients. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  /**
   * The method of a task's status notification on a {@code subscriptions/listen} stream (the
   * extension's {@code TaskStatusNotification}; revision 2025-11-25 named its own {@code
   * notifications/tasks/status}).
   */
  public static final String STATUS_NOTIFICATION = "notifications/tasks";

  private static final Logger LOG = LoggerFactory.getLogger(TaskEngine.class);
  private static final int FINISH_ATTEMPTS = 6;
  private static final long FIRST_FINISH_RETRY_MILLIS = 100;
  private static final JsonNode PROGRESS_TOKEN = JsonRpcCodecs.nodes().stringNode("task");
  private static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;

  private final TaskStore store;
  private final String node;
  private final Duration ttl;
  private final InstantSource clock;
  private final ToolFailureMessages failures;
  private final McpServerObserver observer;
  private final Consumer<TaskRecord> statuses;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, TaskRun> runs = new ConcurrentHashMap<>();
  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mcp-task-", 0).factory());

  /**
   * @param store where the tasks are kept
   * @param ttl how long a finished task is kept
   * @param clock tells the time
   */
  public TaskEngine(TaskStore store, Duration ttl, InstantSource clock) {
    this(store, ttl, clock, ToolFailureMessages.EXCEPTION_MESSAGE);
  }

  /**
   * @param store where the tasks are kept
   * @param ttl how long a finished task is kept
   * @param clock the time
   * @param failures what a client is told when a task's tool throws
   */
  public TaskEngine(
      TaskStore store, Duration ttl, InstantSource clock, ToolFailureMessages failures) {
    this(store, ttl, clock, failures, McpServerObserver.NONE);
  }

  /**
   * @param store where the tasks are kept
   * @param ttl how long a finished task is kept
   * @param clock the time
   * @param failures what a client is told when a task's tool throws
   * @param observer told of each task this node starts and of its ending
   */
  public TaskEngine(
      TaskStore store,
      Duration ttl,
      InstantSource clock,
      ToolFailureMessages failures,
      McpServerObserver observer) {
    this(store, ttl, clock, failures, observer, record -> {});
  }

  /**
   * @param store where the tasks are kept
   * @param ttl how long a finished task is kept
   * @param clock the time
   * @param failures what a client is told when a task's tool throws
   * @param observer told of each task this node starts and of its ending
   * @param statuses told of every changed task record the store reports, from any node (the status
   *     notifications of {@code subscriptions/listen}); must not block
   */
  public TaskEngine(
      TaskStore store,
      Duration ttl,
      InstantSource clock,
      ToolFailureMessages failures,
      McpServerObserver observer,
      Consumer<TaskRecord> statuses) {
    this.statuses = requireNonNull(statuses, "statuses");
    this.observer = requireNonNull(observer, "observer");
    this.failures = requireNonNull(failures, "failures");
    this.store = requireNonNull(store, "store");
    this.ttl = requireNonNull(ttl, "ttl");
    this.clock = requireNonNull(clock, "clock");
    this.node = newId();
    store.watch(this::changed);
  }

  /** Whether a request's {@code _meta} declares the extension. */
  public static boolean negotiated(RequestMeta meta) {
    JsonNode extensions = meta.clientCapabilities().get("extensions");
    JsonNode tasks = extensions == null ? null : extensions.get(EXTENSION);
    return tasks != null && !tasks.isNull();
  }

  /** Whether a call of {@code tool} under {@code meta} runs as a task. */
  public static boolean runsAsTask(Tool tool, RequestMeta meta) {
    return tool.taskSupport() != TaskSupport.FORBIDDEN && negotiated(meta);
  }

  /**
   * Whether this engine serves the method ({@code tasks/get}, {@code tasks/update}, {@code
   * tasks/cancel}).
   */
  public static boolean serves(String method) {
    return switch (method) {
      case "tasks/get", "tasks/update", "tasks/cancel" -> true;
      default -> false;
    };
  }

  /**
   * The {@code -32021} error for a request that needs the extension and did not declare it; {@code
   * data.requiredCapabilities} names it.
   */
  public static JsonRpcError missingExtension(String what) {
    ObjectNode data = JsonRpcCodecs.nodes().objectNode();
    data.putObject("requiredCapabilities").putObject("extensions").putObject(EXTENSION);
    return new JsonRpcError(
        MISSING_REQUIRED_CLIENT_CAPABILITY,
        "Missing required client capability: extension '"
            + EXTENSION
            + "' (needed for "
            + what
            + ")",
        data);
  }

  /**
   * Calls a tool as a task.
   *
   * @param rounds the call's multi round-trip answers so far
   * @return the {@code CreateTaskResult}, or {@code null} if the handler asked for input before the
   *     task existed: {@code rounds} then holds the requests, answered {@code input_required}
   * @throws ProtocolError {@code -32603} if the store is full
   * @throws InterruptedException if the request thread is interrupted while waiting
   */
  public @Nullable ObjectNode call(
      Tool tool,
      JsonNode arguments,
      RequestId requestId,
      RequestMeta meta,
      InputRounds rounds,
      @Nullable Principal principal,
      String loggerName)
      throws InterruptedException {
    String owner = principal == null ? null : principal.getName();
    TaskRun run = new TaskRun(newId(), owner, node, ttl, POLL_INTERVAL, store, clock);
    runs.put(run.taskId(), run);
    TaskExchange exchange = new TaskExchange(meta, rounds, run);
    threads.execute(
        () -> {
          try {
            ToolCallContext context =
                new ToolCallContext(
                    requestId,
                    PROGRESS_TOKEN,
                    new TaskSink(message -> statusMessage(run.taskId(), message)),
                    loggerName,
                    tool.invocationType(),
                    exchange,
                    principal);
            run.attach(context);
            TaskRun.Ending ending = runHandler(tool, arguments, context);
            TaskRecord ended = finishDurably(run, ending);
            if (ended != null && ended.status().isTerminal()) {
              observer.taskEnded(
                  tool.name(),
                  ended.status(),
                  Duration.between(ended.createdAt(), ended.lastUpdatedAt()));
            }
          } finally {
            runs.remove(run.taskId(), run);
          }
        });
    return switch (run.awaitHandOut(HAND_OUT_DELAY)) {
      case PUBLISHED -> {
        observer.taskStarted(tool.name());
        yield TaskResults.created(run.created());
      }
      case ABANDONED -> null;
      case REFUSED ->
          throw new ProtocolError(
              JsonRpcError.INTERNAL_ERROR, "Too many tasks: the server cannot take another now");
      case STARTING, ABANDONING ->
          throw new IllegalStateException("awaitHandOut returned a transient phase");
    };
  }

  /**
   * Stores a handler's ending, retrying a few times over about three seconds while the store is
   * unavailable (a shared store may be away for a moment): a task whose ending is lost would stay
   * live for as long as this node does.
   *
   * @return the task's record after the ending, or {@code null} if there was no task, it is gone,
   *     or the store stayed unavailable (logged)
   */
  private static @Nullable TaskRecord finishDurably(TaskRun run, TaskRun.@Nullable Ending ending) {
    long waitMillis = FIRST_FINISH_RETRY_MILLIS;
    for (int attempt = 1; ; attempt++) {
      try {
        return run.finish(ending);
      } catch (StoreUnavailableException e) {
        if (attempt == FINISH_ATTEMPTS) {
          LOG.warn(
              "task {} ended but could not be stored ({}); it stays live in the store",
              run.taskId(),
              e.getMessage());
          return null;
        }
      }
      try {
        Thread.sleep(waitMillis); // a back-off between retries, not a synchronisation
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      waitMillis *= 2;
    }
  }

  /**
   * Runs the handler; the result decides the terminal status: a result (tool errors included) is
   * {@code completed}, a {@link RequestErrorException} is {@code failed} with its error, an input
   * request made before the task existed is no task at all ({@code null}).
   */
  private TaskRun.@Nullable Ending runHandler(
      Tool tool, JsonNode arguments, ToolCallContext context) {
    try {
      return ending(tool, arguments, context);
    } finally {
      // Before the terminal record is stored: no cancellation interrupt reaches this thread later.
      context.finish();
    }
  }

  private TaskRun.@Nullable Ending ending(Tool tool, JsonNode arguments, ToolCallContext context) {
    ToolResult result;
    try {
      result =
          Objects.requireNonNullElseGet(
              tool.handler().call(arguments, context),
              () -> ToolResult.error("tool '" + tool.name() + "' returned no result"));
    } catch (InputRounds.InputRequired e) {
      return null;
    } catch (RequestErrorException e) {
      return failed(e.error());
    } catch (InterruptedException e) {
      if (!context.isCancelled()) {
        Thread.currentThread().interrupt();
      }
      result = ToolResult.error("tool '" + tool.name() + "' was interrupted");
    } catch (Exception e) {
      result = ToolInvocation.failure(tool, e, failures);
    }
    return new TaskRun.Ending(TaskStatus.COMPLETED, McpResults.toolResult(result), null, null);
  }

  private static TaskRun.Ending failed(JsonRpcError error) {
    ObjectNode node = JsonRpcCodecs.nodes().objectNode();
    node.put("code", error.code());
    node.put("message", error.message());
    if (error.data() != null) {
      node.set("data", error.data());
    }
    return new TaskRun.Ending(TaskStatus.FAILED, null, node, error.message());
  }

  /**
   * The task {@code taskId} as {@code principal} may see it: the tasks of other principals are
   * hidden, as for {@code tasks/get}.
   *
   * @return the record, or empty for an unknown task or one created by another principal
   */
  public Optional<TaskRecord> visible(String taskId, @Nullable Principal principal) {
    String caller = principal == null ? null : principal.getName();
    return store.get(taskId).filter(found -> Objects.equals(found.owner(), caller));
  }

  /**
   * The params of a {@link #STATUS_NOTIFICATION}: the task as {@code tasks/get} answers it (the
   * {@code DetailedTask}: result, error or input requests inlined), without {@code resultType}.
   */
  public static ObjectNode statusParams(TaskRecord record) {
    ObjectNode params = TaskResults.detailed(record);
    params.remove("resultType");
    return params;
  }

  /**
   * Serves {@code tasks/get}, {@code tasks/update} or {@code tasks/cancel}.
   *
   * @return the result, without {@code _meta}
   * @throws ProtocolError {@code -32602} for missing parameters or a task this caller cannot see
   */
  public ObjectNode serve(String method, @Nullable JsonNode params, @Nullable Principal principal) {
    JsonNode id = params == null ? null : params.get("taskId");
    if (id == null || !id.isString()) {
      throw new ProtocolError(JsonRpcError.INVALID_PARAMS, "Invalid params: taskId is required");
    }
    String taskId = id.stringValue();
    TaskRecord record =
        visible(taskId, principal)
            .orElseThrow(
                () -> new ProtocolError(JsonRpcError.INVALID_PARAMS, "Unknown task: " + taskId));
    return switch (method) {
      case "tasks/get" -> TaskResults.detailed(record);
      case "tasks/cancel" -> {
        store.update(
            taskId,
            current ->
                current.end(
                    TaskStatus.CANCELLED, null, null, "Cancelled by the client", clock.instant()));
        yield TaskResults.ack();
      }
      case "tasks/update" -> {
        Map<String, JsonNode> responses = responses(params);
        store.update(taskId, current -> answer(current, responses));
        yield TaskResults.ack();
      }
      default -> throw new IllegalArgumentException("not a tasks method: " + method);
    };
  }

  private static Map<String, JsonNode> responses(@Nullable JsonNode params) {
    JsonNode responses = params == null ? null : params.get("inputResponses");
    if (responses == null || !responses.isObject()) {
      throw new ProtocolError(
          JsonRpcError.INVALID_PARAMS, "Invalid params: inputResponses must be an object");
    }
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : responses.properties()) {
      if (!entry.getValue().isObject()) {
        throw new ProtocolError(
            JsonRpcError.INVALID_PARAMS,
            "Invalid params: inputResponses['" + entry.getKey() + "'] must be a result object");
      }
      byKey.put(entry.getKey(), entry.getValue());
    }
    return byKey;
  }

  /** Moves the answered requests of a task to its responses; unknown keys are ignored. */
  private TaskRecord answer(TaskRecord current, Map<String, JsonNode> responses) {
    if (current.status() != TaskStatus.INPUT_REQUIRED) {
      return current;
    }
    Map<String, JsonNode> pending = new LinkedHashMap<>(current.inputRequests());
    Map<String, JsonNode> answered = new LinkedHashMap<>(current.inputResponses());
    boolean changed = false;
    for (Map.Entry<String, JsonNode> entry : responses.entrySet()) {
      if (pending.remove(entry.getKey()) != null) {
        answered.put(entry.getKey(), entry.getValue().deepCopy());
        changed = true;
      }
    }
    return changed ? current.withInput(pending, answered, clock.instant()) : current;
  }

  private void statusMessage(String taskId, String message) {
    store.update(
        taskId,
        current ->
            current.status().isTerminal() || message.equals(current.statusMessage())
                ? current
                : new TaskRecord(
                    current.taskId(),
                    current.owner(),
                    current.node(),
                    current.status(),
                    message,
                    current.createdAt(),
                    clock.instant(),
                    current.ttl(),
                    current.pollInterval(),
                    current.result(),
                    current.error(),
                    current.inputRequests(),
                    current.inputResponses()));
  }

  /** How many handlers of this node are still running; for tests. */
  int running() {
    return runs.size();
  }

  private void changed(TaskRecord record) {
    statuses.accept(record);
    if (!record.node().equals(node)) {
      return;
    }
    TaskRun run = runs.get(record.taskId());
    if (run != null) {
      run.changed(record);
    }
  }

  private String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
