package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.SessionlessRequest;
import dev.mcpkit.api.server.ToolContext;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A retry forwarded by another gateway node ({@link ForwardedResumes}), as the node holding the
 * call sees it: the client's answers, and a stream that is the other node's client's, reached
 * through Redis. Its questions are not answered here but carried back. {@link #replay} is the other
 * end: it puts what this retry relayed on the client's stream of the node that got the retry.
 *
 * <p>Thread-safe as far as it is shared: the resuming thread writes {@link #asked} and {@link
 * #ended}; the keep-alive thread and {@link ForwardedResumes#close} read them.
 */
final class ForwardedRetry implements SessionlessRequest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The next question, for the node that got the retry to have its engine sign. */
  record Asked(ObjectNode inputRequests, ObjectNode continuation) {}

  private final String reply;
  private final Consumer<ObjectNode> toForwarder;
  private final String method;
  private final ObjectNode responses;
  private final RequestId id;
  private final Context context = new Context();
  volatile @Nullable Asked asked; // written by the resuming thread, read by it: volatile for close
  volatile boolean ended; // after the outcome, what the call sends has no client to go to

  /**
   * @param reply the id the forwarding node waits on
   * @param message the {@code resume} message
   * @param toForwarder publishes a message to the node that forwarded the retry
   */
  ForwardedRetry(String reply, JsonNode message, Consumer<ObjectNode> toForwarder) {
    this.reply = reply;
    this.toForwarder = toForwarder;
    this.method = message.path("method").asString("tools/call");
    JsonNode given = message.get("responses");
    this.responses = given instanceof ObjectNode object ? object : NODES.objectNode();
    JsonNode requestId = message.get("id");
    this.id =
        requestId != null && requestId.isNumber()
            ? RequestId.of(requestId.asLong())
            : RequestId.of(requestId == null ? reply : requestId.asString(reply));
  }

  /**
   * On the node that got the retry: puts a message relayed by a {@code ForwardedRetry} (progress, a
   * log message, a notification) on its client's stream; ignores any other kind.
   */
  static void replay(JsonNode message, SessionlessRequest retry) {
    switch (message.path("k").asString("")) {
      case "notify" -> retry.notify(message.path("method").asString(""), message.get("params"));
      case "progress" -> {
        String text = message.hasNonNull("message") ? message.get("message").asString() : null;
        if (message.hasNonNull("total")) {
          retry
              .context()
              .progress(
                  message.path("progress").asDouble(), message.path("total").asDouble(), text);
        } else {
          retry.context().progress(message.path("progress").asDouble(), text);
        }
      }
      case "log" ->
          LogLevel.fromWireName(message.path("level").asString(""))
              .ifPresent(level -> retry.context().log(level, message.path("text").asString("")));
      default -> {} // a kind of a later version
    }
  }

  private void relay(ObjectNode message) {
    if (ended) {
      return;
    }
    message.put("r", reply);
    toForwarder.accept(message);
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public @Nullable JsonNode params() {
    return null; // the parked call has its first request's
  }

  @Override
  public JsonNode clientCapabilities() {
    return NODES.objectNode(); // the parked call has its first request's
  }

  @Override
  public ToolContext context() {
    return context;
  }

  @Override
  public @Nullable ObjectNode continuation() {
    return null;
  }

  @Override
  public ObjectNode inputResponses() {
    return responses;
  }

  @Override
  public ObjectNode inputRequired(ObjectNode inputRequests, ObjectNode continuation) {
    asked = new Asked(inputRequests.deepCopy(), continuation.deepCopy());
    return NODES.objectNode().put("resultType", "input_required");
  }

  @Override
  public void checkParamHeaders(JsonNode inputSchema, JsonNode arguments) {}

  @Override
  public void notify(String method, @Nullable JsonNode params) {
    ObjectNode message = NODES.objectNode();
    message.put("k", "notify");
    message.put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    relay(message);
  }

  /** Progress and log messages go to the retry's client, on the node that got the retry. */
  private final class Context implements ToolContext {
    @Override
    public @Nullable Session session() {
      return null; // a sessionless request
    }

    @Override
    public RequestId requestId() {
      return id;
    }

    @Override
    public void progress(double progress, double total, @Nullable String message) {
      relay(progressMessage(progress, message).put("total", total));
    }

    @Override
    public void progress(double progress, @Nullable String message) {
      relay(progressMessage(progress, message));
    }

    /** A progress message to relay; read by name on the other node, so the order is free. */
    private ObjectNode progressMessage(double progress, @Nullable String message) {
      ObjectNode relayed = NODES.objectNode();
      relayed.put("k", "progress");
      relayed.put("progress", progress);
      if (message != null) {
        relayed.put("message", message);
      }
      return relayed;
    }

    @Override
    public boolean wantsProgress() {
      return true; // the parked call asks its first request's context
    }

    @Override
    public void log(LogLevel level, String message) {
      ObjectNode relayed = NODES.objectNode();
      relayed.put("k", "log");
      relayed.put("level", level.wireName());
      relayed.put("text", message);
      relay(relayed);
    }

    @Override
    public JsonNode request(String method, @Nullable JsonNode params, Duration timeout) {
      throw new IllegalStateException("a forwarded retry asks its client through its outcome");
    }

    @Override
    public boolean isCancelled() {
      return ended;
    }

    @Override
    public void closeStream() {}
  }
}
