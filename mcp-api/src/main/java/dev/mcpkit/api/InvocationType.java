package dev.mcpkit.api;

import static java.util.Objects.requireNonNull;

/**
 * Whether a piece of code may block the thread that runs it: wait for I/O, for another request, or
 * for a lock held across I/O. One vocabulary for every place that says so: tools ({@link
 * dev.mcpkit.api.server.Tool#invocationType()}), session managers and stores, event stores,
 * authenticators, and the engine's answer for one request ({@code
 * dev.mcpkit.api.spi.transport.TransportEngine#invocationType}).
 *
 * <p>A transport may run {@link #NON_BLOCKING} work on the I/O thread that read the request, and
 * hands {@link #BLOCKING} work to a thread that may block (a virtual thread). When a task is made
 * of several steps, its type is the {@linkplain #combine(InvocationType) combination} of theirs:
 * one blocking step makes the whole task blocking. Declaring {@link #NON_BLOCKING} is a promise:
 * code that blocks anyway stalls every connection served by that I/O thread.
 *
 * {@snippet :
 * InvocationType serving = sessions.invocationType().combine(tool.invocationType());
 * if (serving.isNonBlocking()) {
 *   serveHere();
 * } else {
 *   handOffToVirtualThread();
 * }
 * }
 */
public enum InvocationType {
  /** May block: runs on a thread that is allowed to wait. The safe default. */
  BLOCKING,
  /** Never blocks: may run on an I/O thread. */
  NON_BLOCKING;

  /**
   * Returns the type of doing this and then {@code other}: {@link #NON_BLOCKING} only if both are.
   *
   * @param other the type of the other step
   * @return the combined type
   */
  public InvocationType combine(InvocationType other) {
    requireNonNull(other, "other");
    return this == NON_BLOCKING && other == NON_BLOCKING ? NON_BLOCKING : BLOCKING;
  }

  /**
   * Tells whether code of this type never blocks.
   *
   * @return {@code true} for {@link #NON_BLOCKING}
   */
  public boolean isNonBlocking() {
    return this == NON_BLOCKING;
  }
}
