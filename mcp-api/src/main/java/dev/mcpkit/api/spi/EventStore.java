package dev.mcpkit.api.spi;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.SessionId;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps the SSE events a server sent, so that a client whose stream broke can resume it with HTTP
 * GET and {@code Last-Event-ID} (the Streamable HTTP transport's resumability and redelivery).
 *
 * <p>Events are kept per session and per {@link StreamId}. The transport {@linkplain #append
 * appends} each message before it writes it to the stream and sends the returned {@link EventId} as
 * the SSE event's {@code id}. When a client resumes, the transport {@linkplain EventId#parse
 * parses} the {@code Last-Event-ID} and {@linkplain #replayAfter replays} what followed it <em>on
 * that id's stream only</em>: the specification forbids replaying messages that belonged to another
 * stream, and a store never does. When a stream completes (its response was delivered) the
 * transport {@linkplain #dropStream drops} it; when the session closes it {@linkplain #dropSession
 * drops} the session.
 *
 * {@snippet :
 * // sending on a stream
 * EventId id = store.append(session, stream, json);
 * sse.write(id.value(), json);
 *
 * // resuming: GET with Last-Event-ID
 * Optional<EventId> last = EventId.parse(request.getHeaders().get("Last-Event-ID"));
 * int replayed = last.isEmpty()
 *     ? EventStore.NOT_REPLAYABLE
 *     : store.replayAfter(session, last.get(), event -> sse.write(event.id().value(), event.data()));
 * if (replayed == EventStore.NOT_REPLAYABLE) {
 *   // unknown, foreign or evicted: answer 400, or open a fresh stream
 * }
 * }
 *
 * <h2>Guarantees every implementation gives</h2>
 *
 * <ul>
 *   <li>Event ids are unique within a session, across all its streams, for as long as the store
 *       holds the session (that is, until {@link #dropSession}), even under concurrent appends from
 *       many threads.
 *   <li>Along one stream, sequence numbers increase in append order: of two appends to the same
 *       stream where one returned before the other began, the first has the smaller sequence.
 *   <li>A replay delivers only events of the stream named by the {@code Last-Event-ID}, strictly
 *       after it, in sequence order, each once, with no gap: if any event between the id and the
 *       stream's newest was evicted, the store replays nothing and reports {@link #NOT_REPLAYABLE}.
 * </ul>
 *
 * Stores are bounded and may forget events at any time (an in-memory store evicts under memory
 * pressure; a remote one trims); forgetting shows as {@link #NOT_REPLAYABLE}, never as a silent
 * gap.
 *
 * <p>Implementations must be thread-safe: all methods may be called concurrently from many
 * (virtual) threads, for the same or different sessions and streams. {@link #append} runs on the
 * path of every SSE message, so it should be fast and must not block on anything but a short lock.
 */
public interface EventStore {

  /**
   * What {@link #replayAfter} returns when it cannot resume from the given id: the session or
   * stream is unknown or was dropped or evicted, the id was never issued, or events after it were
   * evicted.
   */
  int NOT_REPLAYABLE = -1;

  /**
   * Records a message sent on a stream and assigns its event id. The stream (and the session) come
   * into existence in the store with their first event.
   *
   * @param session the session the stream belongs to
   * @param stream the stream the message is sent on
   * @param message the serialized JSON-RPC message; empty for a priming event
   * @return the event's id, to send as the SSE event's {@code id}
   */
  EventId append(SessionId session, StreamId stream, String message);

  /**
   * Finds the stream that a client can resume from a {@code Last-Event-ID}. Present exactly when a
   * {@link #replayAfter} with the same arguments, made at the same instant, would not return {@link
   * #NOT_REPLAYABLE}; the answer may be stale by the time it is used, so transports should rely on
   * the result of {@code replayAfter} itself.
   *
   * @param session the session the request carried
   * @param lastEventId the parsed {@code Last-Event-ID}
   * @return the id's stream, or empty if the store cannot resume from that id
   */
  Optional<StreamId> streamOf(SessionId session, EventId lastEventId);

  /**
   * Replays the events of {@code lastEventId}'s stream that were appended after it, oldest first.
   *
   * <p>The events replayed are those of one consistent snapshot of the stream: an append that runs
   * concurrently is either wholly in the replay or not at all. The sink runs on the calling thread,
   * not under any lock of the store, so it may block writing to the network; if it throws, the
   * replay stops and the exception propagates.
   *
   * @param session the session the request carried
   * @param lastEventId the parsed {@code Last-Event-ID}
   * @param sink receives each replayed event, in order
   * @return how many events were passed to the sink (zero if {@code lastEventId} is the stream's
   *     newest event), or {@link #NOT_REPLAYABLE} (and the sink was not called) if the store cannot
   *     resume from that id
   */
  int replayAfter(SessionId session, EventId lastEventId, Consumer<? super StoredEvent> sink);

  /**
   * Forgets a stream's events, typically once the stream delivered its final response. Ids of the
   * stream are no longer replayable afterwards. Does nothing if the store holds no such stream.
   *
   * @param session the session the stream belongs to
   * @param stream the stream
   */
  void dropStream(SessionId session, StreamId stream);

  /**
   * Forgets every stream of a session, when the session closes. Does nothing if the store holds
   * nothing for the session.
   *
   * @param session the session
   */
  void dropSession(SessionId session);

  /**
   * Tells whether this store's methods may block the caller on I/O (a network store does; a store
   * in memory, guarded by short locks, does not). Callers that must not block, such as a
   * transport's I/O threads, use only stores that answer {@link InvocationType#NON_BLOCKING}. The
   * default says blocking.
   *
   * @return {@link InvocationType#NON_BLOCKING} only if no method blocks on I/O
   */
  default InvocationType invocationType() {
    return InvocationType.BLOCKING;
  }
}
