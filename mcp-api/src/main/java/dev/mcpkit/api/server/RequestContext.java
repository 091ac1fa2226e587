package dev.mcpkit.api.server;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.RequestId;
import java.security.Principal;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a resource, prompt or completion handler may use while it runs: the session, the request's
 * id and logging to the client.
 *
 * <p>Valid only while the handler runs; log messages sent after it returned are dropped. The
 * methods are thread-safe.
 */
public interface RequestContext {

  /**
   * Returns the session the request belongs to.
   *
   * @return the session, or {@code null} for a request served without a session (the stateless
   *     protocol revisions)
   */
  @Nullable Session session();

  /**
   * Returns who sent this request: the principal the transport's authenticator accepted for it. In
   * a session it has the name of the principal the session is bound to (a request authenticated as
   * another is refused), but it is this request's own, so it carries the scopes of the token
   * presented with this request (see {@link dev.mcpkit.api.ScopedPrincipal}), which may have grown
   * since the session began. Sessionless requests (revision 2026-07-28) have it too.
   *
   * <p>The default returns the session's principal, for implementations that know no other.
   *
   * @return the principal, or empty for an anonymous request
   */
  default Optional<Principal> principal() {
    Session current = session();
    return current == null ? Optional.empty() : current.principal();
  }

  /**
   * Returns the id of the request being served.
   *
   * @return the request id
   */
  RequestId requestId();

  /**
   * Sends a log message to the client ({@code notifications/message}) unless its level is below the
   * one the client set with {@code logging/setLevel}.
   *
   * @param level the severity
   * @param message the message
   */
  void log(LogLevel level, String message);

  /**
   * Asks the client for input under a key, the multi round-trip way of revision 2026-07-28: the
   * request is answered with an {@code input_required} result and the handler runs again when the
   * client retries with the answer. Supported by {@code prompts/get} and {@code resources/read} of
   * sessionless requests; session-based {@code prompts/get} and {@code resources/read} cannot send
   * requests to the client.
   *
   * @param key names the request in {@code inputRequests}/{@code inputResponses}
   * @param method the method ({@code elicitation/create}, {@code sampling/createMessage}, {@code
   *     roots/list})
   * @param params the parameters (an object), or {@code null}
   * @return the client's result
   * @throws IllegalStateException if this request cannot ask the client, or the client did not
   *     declare the capability the method needs
   */
  default tools.jackson.databind.JsonNode input(
      String key, String method, tools.jackson.databind.@Nullable JsonNode params) {
    throw new IllegalStateException(
        "only sessionless (2026-07-28) requests can ask the client for input here");
  }
}
