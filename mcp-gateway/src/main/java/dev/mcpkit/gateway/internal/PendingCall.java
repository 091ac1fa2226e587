package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.ClientErrorException;
import dev.mcpkit.api.server.DynamicRequest;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.api.server.SessionlessRequest;
import dev.mcpkit.api.server.ToolContext;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One upstream call made for a sessionless (2026-07-28) client, which outlives the client's request
 * when the upstream asks the client something: the upstream's request (sampling, elicitation,
 * roots) becomes the client request's {@code input_required} answer, the call waits parked ({@link
 * ParkedCalls}), and the client's retry, carrying the answer, resumes it.
 *
 * <p>Two threads meet here: the worker that runs the call through the gateway's usual routing (it
 * blocks in the upstream request), and the upstream client's thread that delivers the upstream's
 * request and blocks in {@link #ask} until the client answers. The client's requests, one after
 * another, wait in {@link #next} for what happens first: the call's result, its failure, or a
 * question for the client. Events travel through a blocking queue; the question waiting for an
 * answer is a {@link CompletableFuture}.
 *
 * <p>Thread-safe: the mutable fields are volatile, the queue and the futures are thread-safe.
 */
final class PendingCall {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the client's current request learns of the call. */
  sealed interface Event permits Question, Done, Failed {}

  /** The upstream asks the client; {@code answer} completes with the client's result. */
  record Question(String method, @Nullable JsonNode params, CompletableFuture<JsonNode> answer)
      implements Event {}

  /** The call ended with a result. */
  record Done(ObjectNode result) implements Event {}

  /** The call failed; the exception is the client request's. */
  record Failed(RuntimeException error) implements Event {}

  private final String id;
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final SessionlessRequest first;
  private volatile SessionlessRequest current;
  private volatile @Nullable Question asked;
  private volatile @Nullable Thread worker;
  private volatile boolean cancelled;
  private volatile int rounds;

  PendingCall(SessionlessRequest first) {
    this.first = requireNonNull(first, "first");
    this.current = first;
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    this.id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The call's name in {@code requestState}: 128 random bits. */
  String id() {
    return id;
  }

  /** The client's request now serving the call: progress and log messages go to its stream. */
  void serving(SessionlessRequest request) {
    this.current = requireNonNull(request, "request");
  }

  /** The key of the next input request: one per round, so a stale answer never fits. */
  String nextKey() {
    int round = ++rounds; // only the request thread that holds the call changes it
    return "input-" + round;
  }

  /** Runs the call on a virtual thread of its own. */
  void start(CallBody body) {
    Thread thread =
        Thread.ofVirtual()
            .name("gateway-sessionless-" + id)
            .unstarted(
                () -> {
                  try {
                    events.add(new Done(body.run(new Request())));
                  } catch (RuntimeException e) {
                    events.add(new Failed(e));
                  } catch (InterruptedException e) {
                    events.add(
                        new Failed(
                            new RequestErrorException(
                                JsonRpcError.of(
                                    JsonRpcError.INTERNAL_ERROR, "the call was cancelled"))));
                  } finally {
                    worker = null;
                  }
                });
    worker = thread;
    thread.start();
  }

  /** What the call does on its worker thread. */
  @FunctionalInterface
  interface CallBody {
    ObjectNode run(DynamicRequest request) throws InterruptedException;
  }

  /** Waits for what happens next to the call. */
  Event next() throws InterruptedException {
    Event event = events.take();
    if (event instanceof Question question) {
      asked = question;
    }
    return event;
  }

  /** The question the client has yet to answer, if any. */
  @Nullable Question asked() {
    return asked;
  }

  /** Delivers the client's answer to the waiting question. */
  void answer(JsonNode result) {
    Question question = asked;
    if (question != null) {
      asked = null;
      question.answer().complete(result);
    }
  }

  /**
   * Ends the call: the waiting question fails (the upstream gets an error for its request) and the
   * worker is interrupted (the upstream request is cancelled). Idempotent.
   */
  void cancel(String why) {
    cancelled = true;
    Question question = asked;
    if (question != null) {
      question.answer().completeExceptionally(new TimeoutException(why));
    }
    Thread thread = worker;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /**
   * The upstream's request, on the upstream client's thread: becomes a question for the client and
   * waits for its answer.
   */
  private JsonNode ask(String method, @Nullable JsonNode params, Duration timeout)
      throws InterruptedException, TimeoutException {
    if (cancelled) {
      throw new IllegalStateException("the call is over");
    }
    Question question = new Question(method, params, new CompletableFuture<>());
    events.add(question);
    try {
      return question.answer().get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TimeoutException timeout2) {
        throw timeout2;
      }
      throw new ClientErrorException(
          method, JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "the client gave no answer"));
    }
  }

  /** The request as the gateway's routing sees it, on the worker thread. */
  private final class Request implements DynamicRequest {
    private final Context context = new Context();

    @Override
    public String method() {
      return first.method();
    }

    @Override
    public @Nullable JsonNode params() {
      return first.params();
    }

    /** A sessionless request has none; the routing is handed its link instead of asking. */
    @Override
    public Session session() {
      throw new IllegalStateException("a sessionless request has no session");
    }

    @Override
    public ToolContext context() {
      return context;
    }

    @Override
    public void notify(String method, @Nullable JsonNode params) {
      current.notify(method, params);
    }
  }

  /** The context of the call on the worker thread: the current client request's stream. */
  private final class Context implements ToolContext {
    @Override
    public @Nullable Session session() {
      return null;
    }

    @Override
    public Optional<Principal> principal() {
      return first.context().principal();
    }

    @Override
    public RequestId requestId() {
      return current.context().requestId();
    }

    @Override
    public void progress(double progress, double total, @Nullable String message) {
      current.context().progress(progress, total, message);
    }

    @Override
    public void progress(double progress, @Nullable String message) {
      current.context().progress(progress, message);
    }

    @Override
    public boolean wantsProgress() {
      return first.context().wantsProgress();
    }

    @Override
    public void log(LogLevel level, String message) {
      current.context().log(level, message);
    }

    @Override
    public JsonNode request(String method, @Nullable JsonNode params, Duration timeout)
        throws InterruptedException, TimeoutException {
      return ask(method, params, timeout);
    }

    @Override
    public JsonNode clientCapabilities() {
      return first.clientCapabilities();
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    /** The upstream paused its stream; the client's request has no resumable stream to pause. */
    @Override
    public void closeStream() {}
  }
}
