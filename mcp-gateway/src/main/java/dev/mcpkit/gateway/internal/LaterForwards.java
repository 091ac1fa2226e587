package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.DynamicRequest;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.gateway.GatewayObserver;
import dev.mcpkit.gateway.GatewayObserver.Failure;
import java.security.Principal;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Forwards a client's request to one HTTP upstream without a thread waiting for the answer ({@link
 * dev.mcpkit.api.server.DynamicMethods#handleLater}): it is sent from the I/O thread that read the
 * client's request, and the upstream's answer, read on the HTTP client's I/O thread, completes the
 * client's. It does what {@link GatewayMethods}' blocking forward does, in the same order: the tool
 * rules, the trace context, the observer's call, the breaker, the request marked in flight on its
 * upstream session, the breaker's verdict, the sessions recorded. Which upstream, and with which
 * params, {@link GatewayMethods} decides ({@link Target}): the only one, the one a tool's or
 * prompt's exposed name leads to, or the one that listed a resource's URI. What blocks is left to a
 * virtual thread running that blocking path: a request whose upstream is not known without blocking
 * (no {@link Target}), opening the upstream session (the first request of a client session to that
 * upstream), an upstream that speaks 2026-07-28 (its bridge), and repeating a request once when the
 * upstream forgot its session (404).
 *
 * <p>Thread-safety: thread-safe and stateless per request. Each request's state is confined to the
 * futures of its call: the upstream call's completion runs once, ends the observer's call once (or
 * hands it to the retry, which ends it), and completes the client's future once; a cancelled client
 * future cancels the upstream call, whose completion then only releases what it holds.
 */
final class LaterForwards {

  /**
   * Where a request goes: one HTTP upstream, its breaker, and the params it is sent with (the
   * client's, or a copy naming the upstream's own tool or prompt).
   */
  record Target(Upstream upstream, Breaker breaker, @Nullable JsonNode params) {}

  /** The blocking paths of {@link GatewayMethods} that the later path falls back on. */
  interface Blocking {
    /** The whole request, as {@link GatewayMethods#handle} serves it. */
    ObjectNode run(DynamicRequest request, ClientLink link) throws InterruptedException;

    /** The request sent once more to its upstream, after the upstream forgot the session. */
    ObjectNode resend(
        ClientLink link, Target target, DynamicRequest request, @Nullable JsonNode sent)
        throws InterruptedException;
  }

  private final GatewayObserver observer;
  private final ToolAccess access;
  private final Blocking blocking;

  LaterForwards(GatewayObserver observer, ToolAccess access, Blocking blocking) {
    this.observer = observer;
    this.access = access;
    this.blocking = blocking;
  }

  /**
   * Starts forwarding; see the class comment. Runs on an I/O thread and does not block.
   *
   * @param target where the request goes, or {@code null} when that is not known without blocking
   *     (the blocking path then serves the request on a virtual thread)
   */
  CompletableFuture<ObjectNode> handle(
      DynamicRequest request, ClientLink link, @Nullable Target target) {
    Connection connection = target == null ? null : link.openConnection(target.upstream());
    if (target == null || connection == null || connection.stateless()) {
      return OnVirtualThread.supply(() -> blocking.run(request, link));
    }
    Upstream to = target.upstream();
    Breaker breaker = target.breaker();
    Principal principal = request.context().principal().orElse(null);
    access.checkRequest(principal, request.method(), request.params());
    StartedCall started = StartedCall.start(observer, to, request, target.params());
    UpstreamParams sent = started.sent();
    GatewayObserver.UpstreamCall call = started.call();
    CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
    if (!breaker.allows()) {
      call.ended(Failure.BREAKER_OPEN);
      answer.completeExceptionally(UpstreamFailures.unavailable(to));
      return answer;
    }
    connection.enter(request);
    CompletableFuture<JsonNode> upstreamCall;
    try {
      upstreamCall =
          connection.requestWithoutBlocking(
              request.method(), sent.params(), GatewayMethods.options(to, request.context()));
    } catch (RuntimeException e) {
      connection.exit(request);
      call.ended(Failure.TRANSPORT);
      answer.completeExceptionally(e);
      return answer;
    }
    answer.whenComplete(
        (value, failure) -> {
          if (failure instanceof CancellationException) {
            upstreamCall.cancel(false); // the client cancelled: so is the upstream's request
          }
        });
    upstreamCall.whenComplete(
        (result, failure) -> {
          connection.exit(request);
          Throwable cause = unwrap(failure);
          if (cause instanceof McpClientException e
              && e.error().isEmpty()
              && e.httpStatus() == 404
              && !request.context().isCancelled()) {
            // The upstream forgot the session before running the request: repeated once on the
            // session the client opened anew, as the blocking path does; that may block.
            CompletableFuture<ObjectNode> again =
                OnVirtualThread.supply(() -> blocking.resend(link, target, request, sent.params()));
            answer.whenComplete(
                (value, f) -> {
                  if (f instanceof CancellationException) {
                    again.cancel(false);
                  }
                });
            again.whenComplete((value, f) -> settle(link, target, call, answer, request, value, f));
            return;
          }
          settle(link, target, call, answer, request, result, failure);
        });
    return answer;
  }

  /**
   * Ends the call: the observer's verdict, the breaker's, the client's answer; as the blocking
   * forward's {@code catch} and {@code finally} do.
   */
  private void settle(
      ClientLink link,
      Target target,
      GatewayObserver.UpstreamCall call,
      CompletableFuture<ObjectNode> answer,
      DynamicRequest request,
      @Nullable JsonNode result,
      @Nullable Throwable failure) {
    Upstream to = target.upstream();
    Breaker breaker = target.breaker();
    Throwable cause = unwrap(failure);
    if (cause == null) {
      breaker.succeeded();
      link.recordSessions();
      if (!(result instanceof ObjectNode object)) {
        call.ended(Failure.TRANSPORT);
        answer.completeExceptionally(
            new RequestErrorException(
                JsonRpcError.of(
                    JsonRpcError.INTERNAL_ERROR,
                    "upstream " + to.name() + " answered a result that is not an object")));
        return;
      }
      call.ended(null);
      Principal principal = request.context().principal().orElse(null);
      answer.complete(access.filterResult(principal, request.method(), object));
      return;
    }
    if (cause instanceof CancellationException
        || cause instanceof InterruptedException
        || request.context().isCancelled()) {
      call.ended(Failure.CANCELLED);
      answer.completeExceptionally(cause);
      return;
    }
    if (cause instanceof McpClientException e) {
      // The breaker's verdict before the observer's end of the call, as on the blocking path.
      RequestErrorException error = GatewayMethods.failed(to, breaker, e);
      call.ended(UpstreamFailures.kind(e));
      answer.completeExceptionally(error);
      return;
    }
    call.ended(Failure.TRANSPORT);
    answer.completeExceptionally(cause);
  }

  private static @Nullable Throwable unwrap(@Nullable Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
