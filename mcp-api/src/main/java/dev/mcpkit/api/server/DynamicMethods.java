package dev.mcpkit.api.server;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.spi.transport.SessionOutbound;
import java.security.Principal;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves an engine's catalogue at run time, per session, instead of from the static {@link
 * McpServerConfig}: {@code tools/list}, {@code tools/call}, the resource methods, the prompt
 * methods and {@code completion/complete} ({@link #METHODS}) are handed to {@link #handle}, with
 * the requesting session and a context that reaches the client on the request's stream. This is
 * what a gateway needs, whose tools belong to the servers behind it and may differ per client
 * session; an ordinary server keeps using the configuration. Set it with {@code
 * dev.mcpkit.session.McpEngines.Builder#dynamicMethods}.
 *
 * <p>The engine still owns the protocol: the handshake (with the configuration's {@code serverInfo}
 * and {@code instructions}, and the capabilities {@link #capabilities()} declares), sessions,
 * {@code ping}, {@code logging/setLevel} (kept for the session, then also handed to {@link #handle}
 * so that it can be passed on), cancellation ({@code notifications/cancelled} cancels the {@link
 * ToolContext} and interrupts the thread of {@link #handle}) and the transport. Sessionless
 * requests (revision 2026-07-28) are served from the configuration, unless {@link
 * #servesSessionless()} says this catalogue serves them too ({@link #handleSessionless}); then
 * {@code server/discover} declares {@link #capabilities()}.
 *
 * <p>Implementations are thread-safe: the engine calls them concurrently, one call per request, on
 * threads that may block (virtual threads).
 */
public interface DynamicMethods {

  /** The methods handed to {@link #handle}, by wire name. */
  Set<String> METHODS =
      Set.of(
          McpMethod.TOOLS_LIST.wireName(),
          McpMethod.TOOLS_CALL.wireName(),
          McpMethod.RESOURCES_LIST.wireName(),
          McpMethod.RESOURCES_TEMPLATES_LIST.wireName(),
          McpMethod.RESOURCES_READ.wireName(),
          McpMethod.RESOURCES_SUBSCRIBE.wireName(),
          McpMethod.RESOURCES_UNSUBSCRIBE.wireName(),
          McpMethod.PROMPTS_LIST.wireName(),
          McpMethod.PROMPTS_GET.wireName(),
          McpMethod.COMPLETION_COMPLETE.wireName(),
          McpMethod.LOGGING_SET_LEVEL.wireName());

  /**
   * Returns the server capabilities that {@code initialize} declares besides {@code logging} (which
   * the engine always declares), e.g. {@code {"tools":{"listChanged":true},"prompts":{}}}. Called
   * for every {@code initialize}.
   *
   * @return an object of capabilities; the engine copies it
   */
  ObjectNode capabilities();

  /**
   * Answers one request of the {@link #METHODS}. Runs on a thread that may block; the engine
   * interrupts it when the client cancels the request.
   *
   * @param request the request, its session and a context on its stream
   * @return the request's {@code result} (an object)
   * @throws RequestErrorException to answer with that JSON-RPC error; any other exception answers
   *     with an internal error whose message is not sent
   * @throws InterruptedException when interrupted (the request was cancelled: nothing is sent)
   */
  ObjectNode handle(DynamicRequest request) throws InterruptedException;

  /**
   * Tells whether {@link #handleLater} answers this request, so that no thread has to wait for its
   * answer: a proxy forwarding it upstream over a non-blocking client, for example. Called on the
   * transport's I/O thread for every request of the {@link #METHODS} in a session, before anything
   * else is done for it; must be cheap and must not block. When it says {@code true}, the engine
   * runs the request through {@link #handleLater} instead of {@link #handle}, on that I/O thread.
   * The default says {@code false}: every request goes to {@link #handle} on a thread that may
   * block.
   *
   * @param request the request
   * @return {@code true} to have it answered by {@link #handleLater}
   */
  default boolean answersLater(JsonRpcRequest request) {
    return false;
  }

  /**
   * Starts answering one request for which {@link #answersLater} said {@code true}, without
   * blocking: runs on the transport's I/O thread and returns at once. The returned stage completes,
   * on any thread, with the request's {@code result} (an object), or exceptionally with a {@link
   * RequestErrorException} (answered with its JSON-RPC error) or anything else (an internal error
   * whose message is not sent). An implementation that finds it must block after all (a connection
   * to open first, say) runs the work on a thread of its own and completes the stage from there.
   *
   * <p>When the client cancels the request ({@code notifications/cancelled}), the engine
   * {@linkplain java.util.concurrent.CompletableFuture#cancel cancels} the returned stage's future
   * and sends no response; an implementation reacts to that (aborting the work it started) with a
   * dependent stage. The request's {@link ToolContext} works as in {@link #handle}, except that the
   * thread of this call is never interrupted. The default throws {@link
   * UnsupportedOperationException}.
   *
   * @param request the request, its session and a context on its stream
   * @return the stage of the request's result
   */
  default java.util.concurrent.CompletionStage<ObjectNode> handleLater(DynamicRequest request) {
    throw new UnsupportedOperationException("this catalogue answers no request later");
  }

  /**
   * Decides whether a request of the {@link #METHODS} may run now, before {@link #handle} and
   * before anything is sent for it: the seam of a rate limiter. A refusal is answered as {@link
   * RateLimited} says (429 with {@code Retry-After} when the request is the whole HTTP exchange).
   * Runs on the thread that serves the exchange, once per request, after the engine's own checks;
   * must not block. The default admits every request.
   *
   * @param session the client's session
   * @param request the request
   * @param principal who sent it, or {@code null} if anonymous
   * @return {@code null} to run the request, or why it is refused
   */
  default @Nullable RateLimited admit(
      Session session, JsonRpcRequest request, @Nullable Principal principal) {
    return null;
  }

  /**
   * Sees a notification from the client that the engine does not consume itself (for example {@code
   * notifications/roots/list_changed}). Runs on the thread that read it; must not block for long.
   * The default ignores it.
   *
   * @param session the client's session
   * @param notification the notification
   */
  default void onNotification(Session session, JsonRpcNotification notification) {}

  /**
   * Receives the engine's channel to each session's server-initiated stream (the GET stream of
   * Streamable HTTP), for messages that belong to no request, such as an upstream's {@code
   * notifications/tools/list_changed}. Called when the transport attaches it, before any request.
   * The default ignores it.
   *
   * @param outbound the channel; thread-safe
   */
  default void attach(SessionOutbound outbound) {}

  /**
   * Tells whether the catalogue methods of sessionless requests (revision 2026-07-28) are handed to
   * {@link #handleSessionless} as well. The default is {@code false}: they are served from the
   * configuration.
   *
   * @return {@code true} to serve them here
   */
  default boolean servesSessionless() {
    return false;
  }

  /**
   * Answers one sessionless request of the {@link #METHODS} that revision 2026-07-28 defines, when
   * {@link #servesSessionless()}. Runs on a thread that may block; the engine interrupts it when
   * the client closes the response stream. The engine marks the result {@code complete} (unless it
   * is {@link SessionlessRequest#inputRequired}'s) and adds the server's identity.
   *
   * @param request the request, its multi round-trip state and a context on its stream
   * @return the request's {@code result} (an object)
   * @throws RequestErrorException to answer with that JSON-RPC error
   * @throws InterruptedException when interrupted (the request was cancelled: nothing is sent)
   */
  default ObjectNode handleSessionless(SessionlessRequest request) throws InterruptedException {
    throw new UnsupportedOperationException("this catalogue serves no sessionless requests");
  }

  /**
   * {@link #admit} for a sessionless request: decides whether it may run now. Must not block. The
   * default admits every request.
   *
   * @param request the request
   * @param principal who sent it, or {@code null} if anonymous
   * @return {@code null} to run the request, or why it is refused
   */
  default @Nullable RateLimited admitSessionless(
      JsonRpcRequest request, @Nullable Principal principal) {
    return null;
  }
}
