package dev.mcpkit.api.spi.transport;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.spi.EventStore;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * The protocol engine as a transport sees it: the seam between a transport and everything MCP.
 * Every {@link McpEngine} implements it; a transport reaches it through {@link #of(McpEngine)}. The
 * transport parses bodies with {@link #codec()}, checks what is purely HTTP (method, {@code
 * Accept}, {@code Content-Type}, {@code Origin}, body size, a supported {@code
 * MCP-Protocol-Version}), and hands the rest over here.
 *
 * <p>{@link #post(IncomingMessages, MessageSink)} runs on the caller's thread and blocks until
 * every request in the body is answered; tool handlers run on that same thread. While it runs, the
 * engine may send notifications through the sink; the transport answers {@code application/json} if
 * none was sent and switches to an SSE stream at the first one.
 *
 * <p>Implementations are thread-safe. Obtain one from {@code dev.mcpkit.session.McpEngines}.
 *
 * {@snippet :
 * Outcome outcome = engine.post(new IncomingMessages(messages, false, sessionHeader, versionHeader, null), sink);
 * switch (outcome) {
 *   case Outcome.Accepted a -> respond(202);
 *   case Outcome.Answered answered -> respond(200, answered.responses());
 *   case Outcome.Rejected rejected -> respond(statusOf(rejected.reason()), rejected.error());
 * }
 * }
 */
public interface TransportEngine extends McpEngine {
  /**
   * Returns the transport view of an engine.
   *
   * @param engine an engine, as built by {@code dev.mcpkit.session.McpEngines} or a decorator of
   *     one
   * @return the same object, as a transport engine
   * @throws IllegalArgumentException if {@code engine} does not implement this interface
   */
  static TransportEngine of(McpEngine engine) {
    requireNonNull(engine, "engine");
    if (engine instanceof TransportEngine transport) {
      return transport;
    }
    throw new IllegalArgumentException(
        "engine must implement "
            + TransportEngine.class.getName()
            + " (build it with dev.mcpkit.session.McpEngines); got "
            + engine.getClass().getName());
  }

  /**
   * Returns the codec this engine's messages are read and written with.
   *
   * @return the codec
   */
  JsonRpcCodec codec();

  /**
   * Handles the messages of one POST.
   *
   * @param incoming the parsed messages and HTTP-level facts
   * @param sink where to send notifications before the responses; thread-safe
   * @return {@link Outcome.Accepted} if there were only notifications and responses, {@link
   *     Outcome.Answered} with the responses to the requests, or {@link Outcome.Rejected}
   */
  Outcome post(IncomingMessages incoming, MessageSink sink);

  /**
   * Starts serving messages whose answer comes later, without a thread waiting for it, when the
   * engine can: for a request a {@linkplain dev.mcpkit.api.server.DynamicMethods#answersLater
   * dynamic catalogue answers later} (a gateway forwarding it upstream). A transport may call this
   * on its I/O thread for messages {@link #invocationType} classifies as blocking, before handing
   * them to a thread that may block; when it returns {@code null}, nothing was done and the
   * transport serves them with {@link #post} as usual. Otherwise the stage completes, on any
   * thread, with the outcome {@link #post} would have returned; the messages sent to {@code sink}
   * meanwhile come from other threads, which may block in {@link MessageSink#send}. Must not block.
   * The default returns {@code null}.
   *
   * @param incoming the parsed messages and HTTP-level facts
   * @param sink where to send messages before the responses; thread-safe
   * @return the stage of the outcome, or {@code null} if these messages are served by {@link #post}
   *     only
   */
  default java.util.concurrent.@Nullable CompletionStage<Outcome> postLater(
      IncomingMessages incoming, MessageSink sink) {
    return null;
  }

  /**
   * Tells whether {@link #postLater} may ever return a stage. A transport that gets {@code false}
   * skips what it prepares before calling {@link #postLater} (an admission permit, an answer
   * channel) for every blocking request, which {@link #postLater} would then decline anyway: a
   * plain tool's call pays for nothing it does not use. Must be constant over the engine's life.
   * The default says {@code true}, so an engine that overrides {@link #postLater} alone is still
   * asked; an engine that wraps another answers as the wrapped one does.
   *
   * @return {@code false} only if {@link #postLater} always returns {@code null}
   */
  default boolean mayAnswerLater() {
    return true;
  }

  /**
   * Tells whether serving these messages with {@link #post} may block the calling thread: wait for
   * I/O, for another request, or for a lock held across I/O. A transport may serve messages for
   * which this answers {@link InvocationType#NON_BLOCKING} on the I/O thread that read them, and
   * hand the rest to a thread that may block. When non-blocking, {@link #post} may still
   * {@linkplain MessageSink#send send} messages (a tool's progress or log), which the transport
   * must then take without blocking.
   *
   * <p>Must be cheap (it runs for every POST) and conservative: {@link InvocationType#BLOCKING}
   * unless the engine knows every step is non-blocking (its session store, each method, each tool
   * {@linkplain Tool#invocationType() declared non-blocking}). The default says blocking.
   *
   * @param incoming the parsed messages and HTTP-level facts
   * @return {@link InvocationType#NON_BLOCKING} only if serving them never blocks
   */
  default InvocationType invocationType(IncomingMessages incoming) {
    return InvocationType.BLOCKING;
  }

  /**
   * Tells whether {@link #delete} may block the calling thread; see {@link
   * #invocationType(IncomingMessages)}. The default says blocking.
   *
   * @return {@link InvocationType#NON_BLOCKING} only if ending a session never blocks
   */
  default InvocationType deleteInvocationType() {
    return InvocationType.BLOCKING;
  }

  /**
   * Ends a session at the client's request (HTTP {@code DELETE}).
   *
   * @param sessionId the raw {@code Mcp-Session-Id} header, or {@code null} if absent
   * @param principal the authenticated principal, or {@code null}
   * @return {@link Outcome.Accepted} if the session was ended, or {@link Outcome.Rejected} with
   *     {@link Rejection#MISSING_SESSION} or {@link Rejection#UNKNOWN_SESSION}
   */
  Outcome delete(@Nullable String sessionId, @Nullable Principal principal);

  /**
   * Attaches the transport's channel for messages that belong to no request (the GET stream of
   * Streamable HTTP). A transport calls this once when it starts serving the engine; a later call
   * replaces the channel.
   *
   * @param outbound the channel
   */
  void attachOutbound(SessionOutbound outbound);

  /**
   * Finds the live session a request names, for what the transport does beside {@link #post}: the
   * SSE streams of a session (the GET stream, resumption, event ids and priming by the session's
   * negotiated version). The same rules as for a POST apply: a session bound to another principal
   * is unknown. Counts as activity on the session.
   *
   * @param sessionId the raw {@code Mcp-Session-Id} header, or {@code null} if absent
   * @param principal the authenticated principal, or {@code null}
   * @return the session, or {@code null} if the header is absent or names no live session of that
   *     principal
   */
  @Nullable Session session(@Nullable String sessionId, @Nullable Principal principal);

  /**
   * Returns the store that keeps this engine's SSE events for resumption ({@code Last-Event-ID}).
   * The engine's sessions and their events are configured in one place (the session layer); a
   * transport may be given another store explicitly.
   *
   * @return the event store; thread-safe
   */
  EventStore eventStore();
}
