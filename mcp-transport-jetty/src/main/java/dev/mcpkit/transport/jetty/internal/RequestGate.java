package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.transport.jetty.Authenticator;
import java.io.IOException;
import java.security.Principal;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request to the MCP endpoint passes before anything else, in this order: its {@code
 * Host} ({@link HostPolicy}, against DNS rebinding), its {@code Origin} ({@link OriginPolicy}),
 * then the endpoint's {@link Authenticator}, whose principal travels with the messages. Both
 * request paths ask it, so the rules live here once: {@link #check} decides without writing
 * anything, and each path writes a refusal its own way ({@link #refuse(Request, Response, Refused,
 * Callback)} on an I/O thread, {@link #refuse(Request, Response, Refused)} on a request thread). A
 * request is decided once: the fast path asks {@link #checkWithoutBlocking}, and hands a request it
 * let through to a request thread with its {@link Passed} verdict, which is not asked again; only
 * when the authenticator could not decide without blocking ({@code null}) does the request thread
 * {@link #check} it, so {@link Authenticator#authenticate} runs at most once per request.
 *
 * <p>A failing authenticator is a server error (500 by the caller), never an accepted request:
 * {@link #check} lets its exception through.
 *
 * <p>Thread-safe: immutable; the authenticator is thread-safe by contract.
 */
final class RequestGate {
  private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);

  /** The answer to a request that passed the gate. */
  sealed interface Verdict permits Passed, Refused {}

  /**
   * The request may be served.
   *
   * @param principal who the authenticator says sent it, or {@code null} if anonymous
   */
  record Passed(@Nullable Principal principal) implements Verdict {
    /** An anonymous pass: the verdict of the default authenticator, without an allocation. */
    static final Passed ANONYMOUS = new Passed(null);
  }

  /**
   * The request is refused.
   *
   * @param status the HTTP status: 403 for a host or origin, 401 or 403 for the authenticator
   * @param error the JSON-RPC error of the answer's body
   * @param challenge the authenticator's {@code WWW-Authenticate} value, or {@code null}
   */
  record Refused(int status, JsonRpcError error, @Nullable String challenge) implements Verdict {
    /** Validates the fields. */
    Refused {
      requireNonNull(error, "error");
    }
  }

  private static final Refused FOREIGN_HOST =
      new Refused(
          HttpStatus.FORBIDDEN_403,
          JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "Forbidden: host not allowed"),
          null);

  private static final Refused FOREIGN_ORIGIN =
      new Refused(
          HttpStatus.FORBIDDEN_403,
          JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "Forbidden: origin not allowed"),
          null);

  private final HostPolicy hosts;
  private final OriginPolicy origins;
  private final Authenticator authenticator;
  private final boolean anonymous;
  private final JsonRpcCodec codec;

  /**
   * Creates the gate of an endpoint.
   *
   * @param settings the endpoint's allowed hosts and origins and its authenticator
   * @param codec encodes the error bodies of refusals
   */
  RequestGate(TransportSettings settings, JsonRpcCodec codec) {
    this.hosts = new HostPolicy(settings.boundHost(), settings.allowedHosts());
    this.origins = new OriginPolicy(settings.allowedOrigins());
    this.authenticator = settings.authenticator();
    // The default needs no view of the request: skip the allocation on the hot path.
    this.anonymous = authenticator == Authenticator.none();
    this.codec = requireNonNull(codec, "codec");
  }

  /**
   * Checks a request on an I/O thread: host, origin, then {@link
   * Authenticator#decideWithoutBlocking}. Never blocks.
   *
   * @return the verdict, or {@code null} if the authenticator cannot decide without blocking: the
   *     request must then be {@linkplain #check checked} on a request thread, which asks {@link
   *     Authenticator#authenticate} (once)
   * @throws RuntimeException whatever the authenticator threw (a server error for the caller)
   */
  @Nullable Verdict checkWithoutBlocking(Request request) {
    Refused foreign = foreign(request);
    if (foreign != null) {
      return foreign;
    }
    if (anonymous) {
      return Passed.ANONYMOUS;
    }
    Authenticator.Decision decision =
        authenticator.decideWithoutBlocking(new AuthenticatorRequest(request));
    return decision == null ? null : verdictOf(decision);
  }

  /**
   * Checks a request: host, origin, then {@link Authenticator#authenticate}. May block.
   *
   * @return the verdict; never {@code null}
   * @throws RuntimeException whatever the authenticator threw (a server error for the caller)
   */
  Verdict check(Request request) {
    Refused foreign = foreign(request);
    if (foreign != null) {
      return foreign;
    }
    if (anonymous) {
      return Passed.ANONYMOUS;
    }
    return verdictOf(
        requireNonNull(
            authenticator.authenticate(new AuthenticatorRequest(request)),
            "the authenticator returned null"));
  }

  /** The refusal of a request from a host or origin not allowed, or {@code null}. */
  private @Nullable Refused foreign(Request request) {
    String host = request.getHttpURI().getHost();
    if (!hosts.allows(host)) {
      LOG.debug("refusing host {}", host);
      return FOREIGN_HOST;
    }
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (!origins.allows(origin)) {
      LOG.debug("refusing origin {}", origin);
      return FOREIGN_ORIGIN;
    }
    return null;
  }

  private static Verdict verdictOf(Authenticator.Decision decision) {
    return switch (decision) {
      case Authenticator.Accept accept ->
          accept.principal() == null ? Passed.ANONYMOUS : new Passed(accept.principal());
      case Authenticator.Reject reject -> {
        LOG.debug("unauthenticated: {}", reject.message());
        yield new Refused(
            HttpStatus.UNAUTHORIZED_401,
            JsonRpcError.of(JsonRpcError.INVALID_REQUEST, reject.message()),
            reject.challenge());
      }
      case Authenticator.Forbid forbid -> {
        LOG.debug("forbidden: {}", forbid.message());
        yield new Refused(
            HttpStatus.FORBIDDEN_403,
            JsonRpcError.of(JsonRpcError.INVALID_REQUEST, forbid.message()),
            forbid.challenge());
      }
    };
  }

  /**
   * Answers a refusal; never blocks: {@code callback} completes the exchange once it is written.
   */
  void refuse(Request request, Response response, Refused refused, Callback callback) {
    prepare(request, response, refused);
    HttpAnswers.error(response, codec, refused.status(), refused.error(), null, callback);
  }

  /** Answers a refusal, after dropping the body the request still holds. Blocks. */
  void refuse(Request request, Response response, Refused refused) throws IOException {
    prepare(request, response, refused);
    BlockingRequests.drainUnread(request);
    HttpAnswers.error(response, codec, refused.status(), refused.error());
  }

  private static void prepare(Request request, Response response, Refused refused) {
    BlockingRequests.closeIfBodyUnread(request, response);
    if (refused.challenge() != null) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, refused.challenge());
    }
  }
}
