package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.transport.jetty.Authenticator;
import java.io.IOException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured {@link Authenticator} for the MCP endpoint and answers its rejections: 401
 * with the challenge in {@code WWW-Authenticate} and a JSON-RPC error body. A failing authenticator
 * is a server error (500 by the caller), never an accepted request. Thread-safe.
 */
final class Authentication {
  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

  private final Authenticator authenticator;
  private final boolean anonymous;

  Authentication(Authenticator authenticator) {
    this.authenticator = requireNonNull(authenticator, "authenticator");
    // The default needs no view of the request: skip the allocation on the hot path.
    this.anonymous = authenticator == Authenticator.none();
  }

  /** Tells whether deciding may block: see {@link Authenticator#invocationType()}. */
  InvocationType invocationType() {
    return anonymous ? InvocationType.NON_BLOCKING : authenticator.invocationType();
  }

  /** Decides about a request; never {@code null}. */
  Authenticator.Decision decide(Request request) {
    if (anonymous) {
      return Authenticator.Accept.ANONYMOUS;
    }
    return requireNonNull(
        authenticator.authenticate(new AuthenticatorRequest(request)),
        "the authenticator returned null");
  }

  /** Answers a rejection. Blocks. */
  static void reject(Response response, JsonRpcCodec codec, Authenticator.Reject reject)
      throws IOException {
    LOG.debug("unauthenticated: {}", reject.message());
    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, reject.challenge());
    HttpAnswers.error(
        response,
        codec,
        HttpStatus.UNAUTHORIZED_401,
        JsonRpcError.INVALID_REQUEST,
        reject.message());
  }

  /**
   * Answers a rejection; never blocks: {@code callback} completes the exchange once it is written.
   */
  static void reject(
      Response response, JsonRpcCodec codec, Authenticator.Reject reject, Callback callback) {
    LOG.debug("unauthenticated: {}", reject.message());
    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, reject.challenge());
    HttpAnswers.error(
        response,
        codec,
        HttpStatus.UNAUTHORIZED_401,
        JsonRpcError.of(JsonRpcError.INVALID_REQUEST, reject.message()),
        null,
        callback);
  }
}
