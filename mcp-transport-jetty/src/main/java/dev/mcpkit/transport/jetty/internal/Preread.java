package dev.mcpkit.transport.jetty.internal;

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
 */
record Preread(
    byte[] body, int filled, @Nullable ParsedBody parsed, @Nullable ReadDeadline deadline) {
  /** What was read without ever waiting. */
  Preread(byte[] body, int filled, @Nullable ParsedBody parsed) {
    this(body, filled, parsed, null);
  }
}
