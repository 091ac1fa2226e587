package dev.mcpkit.gateway.internal.tape;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message waiting for the writer: what it is and where it goes. The message is the very object
 * the gateway sent or received (messages are not changed once sent), so queueing it costs no copy;
 * it is redacted and serialized on the writer thread, as are the headers.
 *
 * @param tape the tape
 * @param at when the gateway saw it
 * @param direction which way it travelled
 * @param upstream the upstream's name on the upstream side, else {@code null}
 * @param call the tape's id of the upstream call it belongs to, or {@code null}
 * @param message the message, or {@code null} for a client's DELETE
 * @param headers the values of {@link Redactor#recordedHeaders()} (in that order, {@code null} for
 *     an absent one) of a client POST, not yet redacted, or {@code null}
 */
record TapeLine(
    TapeHandle tape,
    Instant at,
    Direction direction,
    @Nullable String upstream,
    @Nullable String call,
    @Nullable JsonRpcMessage message,
    @Nullable List<@Nullable String> headers)
    implements TapeEvent {}
