package dev.mcpkit.api.spi;

import static java.util.Objects.requireNonNull;

/**
 * One event kept by an {@link EventStore}: its id and the serialized JSON-RPC message it carries.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the event's id
 * @param data the serialized JSON-RPC message, sent as the event's {@code data}; empty for a
 *     priming event (an id with no message, which the 2025-11-25 revision sends first on a stream
 *     so the client has a {@code Last-Event-ID} to resume from)
 */
public record StoredEvent(EventId id, String data) {

  /** Validates the fields. */
  public StoredEvent {
    requireNonNull(id, "id");
    requireNonNull(data, "data");
  }
}
