package dev.mcpkit.gateway.internal.tape;

import java.time.Instant;

/**
 * A tape to end, and why: it follows its tape's messages through the one queue, so an end never
 * overtakes a message handed over before it.
 *
 * @param tape the tape
 * @param at when it ended
 * @param reason {@code closed} or {@code stopped}
 */
record TapeEnd(TapeHandle tape, Instant at, String reason) implements TapeEvent {}
