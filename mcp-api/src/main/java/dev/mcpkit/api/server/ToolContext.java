package dev.mcpkit.api.server;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.RequestId;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a {@link ToolHandler} may use while it runs: the session, the request's id, progress
 * reporting, logging to the client, requests to the client, and cancellation.
 *
 * <p>Valid only while the handler runs; messages sent after it returned are dropped. The methods
 * are thread-safe, so a handler may report progress from threads of its own.
 *
 * {@snippet :
 * ToolHandler countdown = (arguments, ctx) -> {
 *   for (int i = 1; i <= 3; i++) {
 *     if (ctx.isCancelled()) {
 *       return ToolResult.error("cancelled");
 *     }
 *     ctx.progress(i, 3, "step " + i);
 *   }
 *   return ToolResult.text("done");
 * };
 * }
 */
public interface ToolContext {

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
   * Returns the id of the {@code tools/call} request.
   *
   * @return the request id
   */
  RequestId requestId();

  /**
   * Sends {@code notifications/progress} with a known total to the client, if the client asked for
   * progress (it sent a {@code progressToken} in the request's {@code _meta}); does nothing
   * otherwise. The first notification may switch the HTTP answer from JSON to an SSE stream.
   *
   * {@snippet :
   * ctx.progress(2, 5, "page 2 of 5");
   * }
   *
   * @param progress the progress so far; should increase with each call
   * @param total the total the progress counts up to
   * @param message a human-readable status, or {@code null}
   */
  void progress(double progress, double total, @Nullable String message);

  /**
   * Sends {@code notifications/progress} without a total (it is unknown), like {@link
   * #progress(double, double, String)}.
   *
   * @param progress the progress so far; should increase with each call
   * @param message a human-readable status, or {@code null}
   */
  void progress(double progress, @Nullable String message);

  /**
   * Tells whether the client asked for progress notifications.
   *
   * @return {@code true} if the request carried a {@code progressToken}
   */
  boolean wantsProgress();

  /**
   * Sends a log message to the client ({@code notifications/message}) unless its level is below the
   * one the client set with {@code logging/setLevel}.
   *
   * @param level the severity
   * @param message the message
   */
  void log(LogLevel level, String message);

  /**
   * Sends a request to the client over this call's stream and waits for the answer: sampling
   * ({@code sampling/createMessage}), elicitation ({@code elicitation/create}) or roots ({@code
   * roots/list}). The client must have declared the matching capability at initialize. On a timeout
   * the server tells the client it gave up ({@code notifications/cancelled}).
   *
   * {@snippet :
   * JsonNode answer = ctx.request("sampling/createMessage", params, Duration.ofSeconds(30));
   * String text = answer.at("/content/text").asString();
   * }
   *
   * @param method the method
   * @param params the parameters (an object), or {@code null}
   * @param timeout how long to wait for the answer
   * @return the client's result
   * @throws IllegalStateException if the client did not declare the capability the method needs, or
   *     the call is over or cancelled
   * @throws ClientErrorException if the client answered with an error
   * @throws TimeoutException if no answer came in time
   * @throws InterruptedException if the thread was interrupted, for example because the client
   *     cancelled this call
   */
  JsonNode request(String method, @Nullable JsonNode params, Duration timeout)
      throws InterruptedException, TimeoutException;

  /**
   * Asks the client for input under a key of the handler's choosing, the same way for every
   * protocol revision. For a session-based client the engine sends the request on this call's
   * stream and waits, exactly as {@link #request(String, JsonNode, Duration)}. For a client of
   * revision 2026-07-28 (multi round-trip requests) the engine answers the call with an {@code
   * input_required} result that carries this request under {@code key}, and runs the handler again
   * from the start when the client retries with the answer; this method then returns that answer.
   * So a handler that asks for input must do nothing before asking that it cannot repeat (or must
   * check {@link #clientCapabilities()} to decide what to ask).
   *
   * {@snippet :
   * JsonNode answer = ctx.input("user_name", "elicitation/create", params, Duration.ofMinutes(5));
   * String name = answer.at("/content/name").asString();
   * }
   *
   * @param key names the request in {@code inputRequests}/{@code inputResponses}; unique within the
   *     call
   * @param method the method
   * @param params the parameters (an object), or {@code null}
   * @param timeout how long to wait for the answer (session-based clients only)
   * @return the client's result
   * @throws IllegalStateException if the client did not declare the capability the method needs
   * @throws ClientErrorException if the client answered with an error
   * @throws TimeoutException if no answer came in time
   * @throws InterruptedException if the thread was interrupted
   */
  default JsonNode input(String key, String method, @Nullable JsonNode params, Duration timeout)
      throws InterruptedException, TimeoutException {
    java.util.Objects.requireNonNull(key, "key");
    return request(method, params, timeout);
  }

  /**
   * Asks the client for several inputs at once, keyed as in {@link #input(String, String, JsonNode,
   * Duration)}. A client of revision 2026-07-28 receives them all in one {@code input_required}
   * result; a session-based client receives them one after the other on this call's stream.
   *
   * @param requests the requests by key, in the order to ask them
   * @param timeout how long to wait for each answer (session-based clients only)
   * @return the answers by key
   * @throws IllegalStateException if the client did not declare a capability a method needs
   * @throws ClientErrorException if the client answered with an error
   * @throws TimeoutException if an answer did not come in time
   * @throws InterruptedException if the thread was interrupted
   */
  default java.util.Map<String, JsonNode> inputs(
      java.util.Map<String, InputRequest> requests, Duration timeout)
      throws InterruptedException, TimeoutException {
    java.util.Map<String, JsonNode> answers = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<String, InputRequest> entry : requests.entrySet()) {
      answers.put(
          entry.getKey(),
          input(entry.getKey(), entry.getValue().method(), entry.getValue().params(), timeout));
    }
    return answers;
  }

  /**
   * Returns the capabilities the client declared: at {@code initialize} for a session, in the
   * request's {@code _meta} for revision 2026-07-28.
   *
   * @return the capabilities object, or a missing node if unknown
   */
  default JsonNode clientCapabilities() {
    Session current = session();
    return current == null
        ? tools.jackson.databind.node.MissingNode.getInstance()
        : current.clientCapabilities();
  }

  /**
   * Tells whether the client cancelled this request ({@code notifications/cancelled}). The
   * handler's thread is also interrupted when that happens.
   *
   * @return {@code true} once cancelled
   */
  boolean isCancelled();

  /**
   * Closes the HTTP connection of this call's SSE stream before the result exists, without ending
   * the stream (the 2025-11-25 revision's polling): the client reconnects with GET and {@code
   * Last-Event-ID} and receives the messages sent meanwhile, then the result. Use it for long
   * calls, so that no connection stays open while the handler works. Does nothing for sessions
   * negotiated before 2025-11-25, and once the call is over.
   *
   * {@snippet :
   * ToolHandler slow = (arguments, ctx) -> {
   *   ctx.closeStream();          // the client polls from here on
   *   return ToolResult.text(longComputation());
   * };
   * }
   */
  void closeStream();
}
