package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.ParsedBody;
import org.jspecify.annotations.Nullable;

/**
 * What the inline path ({@link InlineRequests}, {@link NonBlockingBody}) learned about a POST
 * before handing it to a request thread: the body read so far without blocking, and its parse once
 * it was whole. The request thread goes on from there instead of reading the body again (it cannot:
 * what was read is gone from the request).
 *
 * @param body an array of the declared {@code Content-Length}
 * @param filled how many bytes of it arrived
 * @param parsed the parsed body, or {@code null} if it is not whole yet
 * @param deadline the read deadline armed while waiting for the body, or {@code null} if it never
 *     had to wait
 * @param incoming the messages as the inline path handed them to the engine (to classify them), or
 *     {@code null} if it did not get that far; the request thread hands the same to the engine
 *     instead of making them again
 * @param headers the MCP headers the inline path read in one pass, or {@code null} if it did not
 *     get as far as {@code incoming}; the request thread takes them from here instead of scanning
 *     the request's fields again (three scans that were ~7% of a plain call's samples on its
 *     virtual thread, the first touch of the fields on that core)
 */
record Preread(
    byte[] body,
    int filled,
    @Nullable ParsedBody parsed,
    @Nullable ReadDeadline deadline,
    @Nullable IncomingMessages incoming,
    @Nullable McpRequestHeaders headers) {
  /** What was read, possibly after waiting, before the engine saw it. */
  Preread(byte[] body, int filled, @Nullable ParsedBody parsed, @Nullable ReadDeadline deadline) {
    this(body, filled, parsed, deadline, null, null);
  }

  /** What was read without ever waiting, before the engine saw it. */
  Preread(byte[] body, int filled, @Nullable ParsedBody parsed) {
    this(body, filled, parsed, null, null, null);
  }

  /** A whole body read without waiting, whose messages the engine classified as blocking. */
  static Preread classified(
      byte[] body,
      int filled,
      ParsedBody parsed,
      IncomingMessages incoming,
      McpRequestHeaders headers) {
    return new Preread(body, filled, parsed, null, incoming, headers);
  }
}
