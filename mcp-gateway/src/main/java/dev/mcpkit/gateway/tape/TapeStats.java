package dev.mcpkit.gateway.tape;

/**
 * What the gateway's tape recorder did so far.
 *
 * @param tapes tapes started (client sessions recorded)
 * @param lines message lines written
 * @param bytes bytes written, all tapes together
 * @param dropped messages dropped because the writer's queue was full
 * @param truncated messages not written because their tape had reached a bound
 */
public record TapeStats(long tapes, long lines, long bytes, long dropped, long truncated) {}
