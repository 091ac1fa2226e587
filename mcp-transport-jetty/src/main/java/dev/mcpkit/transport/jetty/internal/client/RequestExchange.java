package dev.mcpkit.transport.jetty.internal.client;

import static java.util.Objects.requireNonNullElse;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.client.AnswerTooLargeException;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ProgressListener;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.RequestTimeoutException;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.spi.McpClientObserver;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request and its answer: a POST whose answer the caller reads itself with its timeout (an SSE
 * answer is read by a virtual thread of its own while the caller waits on its pending future; see
 * {@link AnswerReader}), so a timeout or an interrupt can send {@code notifications/cancelled} and
 * abort the exchange. Reports each request to the {@link McpClientObserver} with its {@code
 * error.type}.
 *
 * <p>Thread-safety: thread-safe. Request ids come from an {@link AtomicLong}; each call's state is
 * its own, shared with its reader only through the pending future and the volatile facts.
 */
final class RequestExchange {
  private static final Logger LOG = LoggerFactory.getLogger(RequestExchange.class);

  private final ClientSettings settings;
  private final ClientHttp http;
  private final McpClientObserver observer;
  private final PendingCalls pending;
  private final AnswerReader reader;

  /** Revision 2026-07-28: request metadata, mirrored headers. */
  private final ModernRequests modern;

  private final AtomicLong ids = new AtomicLong();

  RequestExchange(
      ClientSettings settings,
      ClientHttp http,
      PendingCalls pending,
      AnswerReader reader,
      ModernRequests modern) {
    this.settings = settings;
    this.http = http;
    this.observer = settings.observer();
    this.pending = pending;
    this.reader = reader;
    this.modern = modern;
  }

  /** What one request brought back. */
  record Answer(JsonNode result, @Nullable String sessionId, @Nullable String httpVersion) {}

  /**
   * One request on its way, as both ways of waiting for it share it: reported to the observer and
   * registered as pending, built but not sent.
   */
  record Outgoing(
      @Nullable ClientSession via,
      RequestId id,
      String method,
      McpClientObserver.Operation operation,
      PendingCalls.Pending call,
      AnswerReader.Facts facts,
      Duration timeout,
      long deadlineNanos,
      Supplier<Request> newRequest) {}

  /** Sends one request and waits for its answer, reporting it to the observer. */
  Answer call(
      @Nullable ClientSession via,
      String method,
      @Nullable JsonNode params,
      RequestOptions options) {
    Outgoing out = start(via, method, params, options);
    @Nullable Answer answer = null;
    @Nullable Throwable failure = null;
    try {
      answer = send(out);
      return answer;
    } catch (Throwable e) { // rethrown as it is (it can only be unchecked)
      failure = e;
      throw e;
    } finally {
      pending.remove(out.id());
      out.operation()
          .ended(
              errorType(method, answer == null ? null : answer.result(), failure),
              out.facts().httpVersion);
    }
  }

  /**
   * Sends one request and returns its answer's future, with no thread waiting for it (see {@link
   * CallWithoutBlocking}); reports it to the observer as {@link #call} does. The future fails as
   * {@link #call} throws, with {@link SessionGoneException} for a 404 on the session; cancelling it
   * cancels the request.
   */
  CompletableFuture<Answer> callWithoutBlocking(
      ClientSession via, String method, @Nullable JsonNode params, RequestOptions options) {
    return new CallWithoutBlocking(this, start(via, method, params, options)).start(reader);
  }

  /**
   * Starts a request: its id and metadata, the observer's operation, its pending call, and how to
   * build its POST (again, when a refusal is to be sent again).
   */
  private Outgoing start(
      @Nullable ClientSession via,
      String method,
      @Nullable JsonNode params,
      RequestOptions options) {
    RequestId id = RequestId.of(ids.incrementAndGet());
    JsonNode sent = params;
    ProgressListener progress = options.progress();
    if (progress != null) {
      sent =
          MetaWriter.withOwnMeta(
              params, meta -> meta.put("progressToken", ((RequestId.Number) id).value()));
    }
    McpClientObserver.Operation operation = McpClientObserver.Operation.NONE;
    if (observer != McpClientObserver.NONE) {
      MetaWriter meta = new MetaWriter(sent);
      operation =
          observer.operationStarted(
              new McpClientObserver.Request(
                  method,
                  target(method, params),
                  via == null ? settings.version() : via.version(),
                  id.toString(),
                  http.host(),
                  http.port()),
              meta);
      sent = meta.params();
    }
    try {
      Duration timeout = options.timeoutIfSet().orElse(settings.requestTimeout());
      AnswerReader.Facts facts = new AnswerReader.Facts();
      facts.onStreamPaused = options.streamPaused();
      boolean sessionless = via != null && via.version().sessionless();
      if (sessionless) {
        sent =
            ModernRequests.withMeta(
                sent,
                settings.clientName(),
                settings.clientVersion(),
                settings.declaredCapabilities());
      }
      byte[] body = JsonRpcCodecs.standard().encode(new JsonRpcRequest(id, method, sent));
      JsonNode metadataSource = sent;
      // A request the server refuses (401/403) may be sent again whole, with new credentials.
      Supplier<Request> newRequest =
          () -> {
            Request built =
                http.newRequest(via, HttpMethod.POST)
                    .headers(h -> h.put(HttpHeader.ACCEPT, ClientHttp.ACCEPT_POST))
                    .body(new BytesRequestContent("application/json", body));
            if (sessionless) {
              modern.headers(built, method, metadataSource);
            }
            return built;
          };
      long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
      PendingCalls.Pending call = pending.register(id, progress);
      return new Outgoing(via, id, method, operation, call, facts, timeout, deadline, newRequest);
    } catch (RuntimeException e) {
      operation.ended(errorType(method, null, e), null);
      throw e;
    }
  }

  /** The tool or prompt a request names, for observers; {@code null} for other methods. */
  private static @Nullable String target(String method, @Nullable JsonNode params) {
    if (params == null
        || !(McpMethod.TOOLS_CALL.wireName().equals(method)
            || McpMethod.PROMPTS_GET.wireName().equals(method))) {
      return null;
    }
    JsonNode name = params.get("name");
    return name != null && name.isString() ? name.stringValue() : null;
  }

  /**
   * The conventions' {@code error.type} of a call that ended with {@code result} or {@code
   * failure}: {@code null} for a success, {@code tool_error} for a tool's error result, else what
   * the failure says.
   */
  static @Nullable String errorType(
      String method, @Nullable JsonNode result, @Nullable Throwable failure) {
    return switch (failure) {
      case null ->
          result != null
                  && McpMethod.TOOLS_CALL.wireName().equals(method)
                  && result.path("isError").asBoolean(false)
              ? "tool_error"
              : null;
      case SessionGoneException gone -> "404";
      case RequestTimeoutException timeout -> "timeout";
      case CancellationException cancelled -> "cancelled";
      case McpClientException e -> errorTypeOf(e);
      default -> "_OTHER";
    };
  }

  /** The conventions' {@code error.type}: the JSON-RPC code, else the HTTP status, else a name. */
  private static String errorTypeOf(McpClientException e) {
    if (e.error().isPresent()) {
      return Integer.toString(e.error().get().code());
    }
    if (e.httpStatus() > 0) {
      return Integer.toString(e.httpStatus());
    }
    return Thread.currentThread().isInterrupted() ? "cancelled" : "_OTHER";
  }

  private Answer send(Outgoing out) {
    RequestId id = out.id();
    PendingCalls.Pending call = out.call();
    AnswerReader.Facts facts = out.facts();
    long deadline = out.deadlineNanos();
    @Nullable Thread streamReader = null;
    try {
      // The caller reads a JSON answer itself: Jetty's selector parses the response and wakes
      // this thread, with no reader thread between them (issue 16).
      streamReader =
          reader.answer(
              out.newRequest().get(), out.newRequest(), out.via(), id, call, facts, deadline);
      JsonNode result =
          streamReader == null
              ? call.answer().get()
              : call.answer().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      return new Answer(result, facts.sessionId, facts.httpVersion);
    } catch (TimeoutException e) {
      if (streamReader != null) {
        streamReader.interrupt();
      }
      cancel(out.via(), id, facts.request, timedOutReason(out.timeout()));
      throw timedOut(out);
    } catch (InterruptedException e) {
      if (streamReader != null) {
        streamReader.interrupt();
      }
      cancel(out.via(), id, facts.request, "the caller was interrupted");
      Thread.currentThread().interrupt();
      throw new McpClientException(out.method() + " was interrupted", e);
    } catch (ExecutionException e) {
      throw failure(out.method(), requireNonNullElse(e.getCause(), e));
    }
  }

  /** The reason a timed-out call gives the server in {@code notifications/cancelled}. */
  static String timedOutReason(Duration timeout) {
    return "timed out after " + timeout;
  }

  /** What a call that got no answer by its deadline fails with. */
  static RequestTimeoutException timedOut(Outgoing out) {
    return new RequestTimeoutException(out.method() + " got no answer in " + out.timeout());
  }

  /**
   * What a call fails with when its future failed with {@code cause}: a {@link
   * SessionGoneException} as it is (the caller may retry), the server's error with its message, or
   * any other failure named with the method.
   */
  static RuntimeException failure(String method, Throwable cause) {
    if (cause instanceof SessionGoneException gone) {
      return gone;
    }
    if (cause instanceof AnswerTooLargeException tooLarge) {
      return new AnswerTooLargeException(
          requireNonNullElse(tooLarge.getMessage(), method + " failed"),
          tooLarge.limit(),
          tooLarge);
    }
    if (cause instanceof McpClientException failure) {
      return new McpClientException(
          requireNonNullElse(failure.getMessage(), method + " failed"),
          failure.error().orElse(null),
          failure.httpStatus(),
          failure);
    }
    return new McpClientException(method + " failed: " + cause, cause);
  }

  /** Forgets a call that is over: its answer, if it still comes, is dropped. */
  void forget(RequestId id) {
    pending.remove(id);
  }

  /**
   * Cancels a call: aborts its exchange and, on a session-based revision, tells the server with
   * {@code notifications/cancelled}, whose POST blocks.
   */
  void cancel(@Nullable ClientSession via, RequestId id, @Nullable Request request, String reason) {
    if (request != null) {
      request.abort(new CancellationException(reason));
    }
    if (via == null || via.version().sessionless()) {
      // initialize must not be cancelled (lifecycle page); in 2026-07-28 the abort above, closing
      // the response stream, is the cancellation.
      return;
    }
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("requestId", ((RequestId.Number) id).value());
    params.put("reason", reason);
    try {
      http.post(
          via,
          JsonRpcCodecs.standard()
              .encode(
                  new JsonRpcNotification(McpMethod.NOTIFICATIONS_CANCELLED.wireName(), params)));
    } catch (McpClientException e) {
      LOG.debug("cannot send notifications/cancelled for {}", id, e);
    }
  }
}
