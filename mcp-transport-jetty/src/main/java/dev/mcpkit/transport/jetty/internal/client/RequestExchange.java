package dev.mcpkit.transport.jetty.internal.client;

import static java.util.Objects.requireNonNullElse;

import dev.mcpkit.api.McpMethod;
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

  /** Sends one request and waits for its answer, reporting it to the observer. */
  Answer call(
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
    AnswerReader.Facts facts = new AnswerReader.Facts();
    String errorType = "_OTHER";
    try {
      Answer answer = send(via, id, method, sent, progress, options, facts);
      errorType =
          McpMethod.TOOLS_CALL.wireName().equals(method)
                  && answer.result().path("isError").asBoolean(false)
              ? "tool_error"
              : null;
      return answer;
    } catch (SessionGoneException e) {
      errorType = "404";
      throw e;
    } catch (RequestTimeoutException e) {
      errorType = "timeout";
      throw e;
    } catch (McpClientException e) {
      errorType = errorTypeOf(e);
      throw e;
    } finally {
      operation.ended(errorType, facts.httpVersion);
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

  private Answer send(
      @Nullable ClientSession via,
      RequestId id,
      String method,
      @Nullable JsonNode sent,
      @Nullable ProgressListener progress,
      RequestOptions options,
      AnswerReader.Facts facts) {
    Duration timeout = options.timeoutIfSet().orElse(settings.requestTimeout());
    PendingCalls.Pending call = pending.register(id, progress);
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
    Request first = newRequest.get();
    facts.request = first;
    long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
    @Nullable Thread streamReader = null;
    try {
      // The caller reads a JSON answer itself: Jetty's selector parses the response and wakes
      // this thread, with no reader thread between them (issue 16).
      streamReader = reader.answer(first, newRequest, via, id, call, facts, deadline);
      JsonNode result =
          streamReader == null
              ? call.answer().get()
              : call.answer().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      return new Answer(result, facts.sessionId, facts.httpVersion);
    } catch (TimeoutException e) {
      if (streamReader != null) {
        streamReader.interrupt();
      }
      cancel(via, id, facts.request, "timed out after " + timeout);
      throw new RequestTimeoutException(method + " got no answer in " + timeout);
    } catch (InterruptedException e) {
      if (streamReader != null) {
        streamReader.interrupt();
      }
      cancel(via, id, facts.request, "the caller was interrupted");
      Thread.currentThread().interrupt();
      throw new McpClientException(method + " was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SessionGoneException gone) {
        throw gone;
      }
      if (e.getCause() instanceof McpClientException failure) {
        throw new McpClientException(
            requireNonNullElse(failure.getMessage(), method + " failed"),
            failure.error().orElse(null),
            failure.httpStatus(),
            failure);
      }
      throw new McpClientException(method + " failed: " + e.getCause(), e.getCause());
    } finally {
      pending.remove(id);
    }
  }

  private void cancel(
      @Nullable ClientSession via, RequestId id, @Nullable Request request, String reason) {
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
