package dev.mcpkit.gateway;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.spi.McpClientObserver.MetaWriter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Observes what the gateway does with its upstreams (metrics, traces): each request it sends to an
 * upstream and how it ended, the upstream sessions it holds, and each upstream's circuit breaker.
 * mcp-metrics implements it with OpenTelemetry ({@code dev.mcpkit.metrics.GatewayTelemetry}); the
 * gateway itself depends on no telemetry library.
 *
 * <p>The gateway calls {@link #callStarted} on the thread of the client's request just before the
 * upstream request is sent (or refused by the breaker) and {@link UpstreamCall#ended} on the same
 * thread once its outcome is known. Before {@link #callStarted}, the gateway has already copied the
 * client's W3C trace context ({@code traceparent}, {@code tracestate} of the client request's
 * {@code params._meta}, or of its HTTP headers when {@code _meta} has none) into the upstream
 * request's {@code _meta}, so that without a tracer the context travels on as it is; a tracing
 * observer replaces it with its own span's through the {@link MetaWriter}. Implementations are
 * thread-safe, short, non-blocking and never throw; with {@link #NONE} the gateway does no
 * observation work beyond one interface call per event.
 *
 * {@snippet :
 * McpGateway gateway = McpGateway.builder()
 *     .upstream(UpstreamConfig.http("docs", URI.create("http://127.0.0.1:8081/mcp")))
 *     .observer(GatewayTelemetry.create(openTelemetry).observer())
 *     .build();
 * }
 */
public interface GatewayObserver {

  /** The observer that observes nothing. */
  GatewayObserver NONE = new GatewayObserver() {};

  /**
   * Called just before the gateway sends a request to an upstream, or refuses to because the
   * upstream's breaker is open.
   *
   * @param call what is being sent
   * @param meta writes string members into the upstream request's {@code params._meta} (W3C trace
   *     context: {@code traceparent}, {@code tracestate}); only usable during this call
   * @return the handle to end the call with; never {@code null}
   */
  default UpstreamCall callStarted(Call call, MetaWriter meta) {
    return UpstreamCall.NONE;
  }

  /**
   * Called when a client session opened a session on an upstream ({@code initialize} answered).
   *
   * @param upstream the upstream's name
   */
  default void upstreamSessionOpened(String upstream) {}

  /**
   * Called when the gateway closed an upstream session it had opened (the client session ended).
   *
   * @param upstream the upstream's name
   */
  default void upstreamSessionClosed(String upstream) {}

  /**
   * Called when an upstream's circuit breaker changes state, and once per upstream with {@link
   * BreakerState#CLOSED} when the gateway is built.
   *
   * @param upstream the upstream's name
   * @param state the new state
   */
  default void breakerChanged(String upstream, BreakerState state) {}

  /**
   * One request the gateway sends to an upstream.
   *
   * @param upstream the upstream's name
   * @param method the JSON-RPC method, e.g. {@code tools/call}
   * @param target the upstream's own name of the tool of a {@code tools/call} or the prompt of a
   *     {@code prompts/get}, or {@code null}
   * @param clientMeta the {@code params._meta} of the client's request that caused this one (its
   *     trace context, for example), or {@code null} without any
   */
  record Call(
      String upstream, String method, @Nullable String target, @Nullable JsonNode clientMeta) {
    /** Checks the required components. */
    public Call {
      requireNonNull(upstream, "upstream");
      requireNonNull(method, "method");
    }
  }

  /** One upstream request in flight; ended exactly once. */
  @FunctionalInterface
  interface UpstreamCall {
    /** The handle that does nothing. */
    UpstreamCall NONE = failure -> {};

    /**
     * Called once the call's outcome is known.
     *
     * @param failure {@code null} when the upstream answered with a result (a tool result with
     *     {@code isError} included); otherwise why it did not
     */
    void ended(@Nullable Failure failure);
  }

  /** Why an upstream request gave no result. */
  enum Failure {
    /** No answer within the upstream's timeout. */
    TIMEOUT,
    /** Not sent: the upstream's circuit breaker was open. */
    BREAKER_OPEN,
    /** The upstream could not be reached, or answered with an HTTP error or garbage. */
    TRANSPORT,
    /** The upstream answered with a JSON-RPC error (passed on to the client as it is). */
    JSON_RPC_ERROR,
    /** The client cancelled its request (or the gateway stopped) before the upstream answered. */
    CANCELLED;

    /**
     * Returns the name for metrics: {@code timeout}, {@code breaker_open}, {@code transport},
     * {@code jsonrpc_error}, {@code cancelled}.
     *
     * @return the lower-case name
     */
    public String wireName() {
      return this == JSON_RPC_ERROR ? "jsonrpc_error" : name().toLowerCase(Locale.ROOT);
    }
  }

  /** The states of an upstream's circuit breaker. */
  enum BreakerState {
    /** Calls go through. */
    CLOSED,
    /** Calls fail at once, until the cooldown has passed. */
    OPEN,
    /** A trial call was let through after the cooldown; its outcome closes or reopens. */
    HALF_OPEN;

    /**
     * Returns the name for metrics: {@code closed}, {@code open}, {@code half_open}.
     *
     * @return the lower-case name
     */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
