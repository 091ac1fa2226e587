package dev.mcpkit.gateway.internal;

import org.jspecify.annotations.Nullable;

/**
 * Where the upstream calls of sessionless clients wait between the {@code input_required} answer
 * and the client's retry ({@link PendingCall}). A parked call is found again by the id its signed
 * {@code requestState} carries; each park is resumed at most once, and a call not resumed in time
 * is cancelled: its upstream request for input fails and the upstream call is cancelled.
 *
 * <p>The calls stay in the memory of the node that parked them ({@link LocalParkedCalls}): that
 * node holds the upstream's open stream. In a cluster (a Redis the nodes share) the {@code
 * requestState} names that node, and a retry that reaches another node is carried to it by {@link
 * ForwardedResumes}, which resumes the call through this same {@link #resume} and carries its next
 * outcome back; so the one {@code resume} of the node holding a call decides, once, between the
 * timer, a local retry and a forwarded one.
 *
 * <p>Implementations are thread-safe.
 */
interface ParkedCalls extends AutoCloseable {

  /**
   * Parks a call until it is resumed or its time runs out.
   *
   * @throws IllegalStateException when too many calls are parked already
   */
  void park(PendingCall call);

  /** Takes a parked call back; {@code null} when it is unknown, resumed already or timed out. */
  @Nullable PendingCall resume(String id);

  /** Cancels every parked call. */
  @Override
  void close();
}
