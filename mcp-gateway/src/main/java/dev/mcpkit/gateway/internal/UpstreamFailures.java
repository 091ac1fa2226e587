package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.client.AnswerTooLargeException;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestTimeoutException;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.gateway.GatewayObserver.Failure;

/**
 * The JSON-RPC errors a client gets when an upstream gave no answer: they name the upstream and
 * what happened, never a stack trace or the upstream's address. Stateless.
 */
final class UpstreamFailures {
  private UpstreamFailures() {}

  /** The error for a call to an upstream that failed without a JSON-RPC error of its own. */
  static RequestErrorException of(Upstream upstream, McpClientException e) {
    String what;
    if (e instanceof UpstreamDownException) {
      what = "is restarting: its process ended";
    } else if (e instanceof RequestTimeoutException) {
      what = "did not answer within " + upstream.timeout();
    } else if (e.httpStatus() > 0) {
      what = "answered HTTP " + e.httpStatus();
    } else {
      what = "could not be reached";
    }
    return new RequestErrorException(
        JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "upstream " + upstream.name() + " " + what));
  }

  /**
   * The error for an upstream's answer larger than the gateway takes from it ({@link
   * dev.mcpkit.gateway.UpstreamConfig#maxMessageBytes()}).
   */
  static RequestErrorException tooLarge(Upstream upstream, AnswerTooLargeException e) {
    return new RequestErrorException(
        JsonRpcError.of(
            JsonRpcError.INTERNAL_ERROR,
            "upstream "
                + upstream.name()
                + " answered more than "
                + e.limit()
                + " bytes, the gateway's limit for it (maxMessageBytes)"));
  }

  /** What kind of failure an upstream call's exception is, for the observer. */
  static Failure kind(McpClientException e) {
    if (e.error().isPresent()) {
      return Failure.JSON_RPC_ERROR;
    }
    return e instanceof RequestTimeoutException ? Failure.TIMEOUT : Failure.TRANSPORT;
  }

  /** The error for a call refused because the upstream's circuit breaker is open. */
  static RequestErrorException unavailable(Upstream upstream) {
    return new RequestErrorException(
        JsonRpcError.of(
            JsonRpcError.INTERNAL_ERROR,
            "upstream "
                + upstream.name()
                + " is unavailable: it failed repeatedly; the gateway retries it shortly"));
  }
}
