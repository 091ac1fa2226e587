package dev.mcpkit.api;

/**
 * Limits on what one client may take of a server's sessions: how fast it may open sessions (a token
 * bucket) and how many it may hold at once. A client is its authenticated principal when the {@code
 * initialize} request was authenticated, else its remote address (as the transport reports it:
 * behind a reverse proxy, every client shares the proxy's address unless the transport is told to
 * trust a forwarding header, so raise these limits or use {@link #unlimited()} there). A session
 * refused by these limits is answered HTTP 429 with {@code Retry-After}.
 *
 * <p>The defaults are far above what a real client does (an MCP client opens one session when it
 * starts and keeps it): a client may open {@value #DEFAULT_SESSIONS_PER_SECOND} sessions per second
 * after a burst of {@value #DEFAULT_BURST}, and hold {@value #DEFAULT_MAX_SESSIONS_PER_CLIENT} at
 * once (room for an office behind one NAT address). The server tracks at most {@value
 * #DEFAULT_MAX_TRACKED_CLIENTS} clients that hold no session (about 100 bytes each), so a flood
 * from many addresses cannot grow its memory without bound; clients that hold sessions are always
 * tracked (their number is bounded by the session limits).
 *
 * {@snippet :
 * ClientLimits limits = ClientLimits.builder()
 *     .sessionsPerSecond(5)
 *     .burst(10)
 *     .maxSessionsPerClient(100)
 *     .build();
 * }
 *
 * @param sessionsPerSecond sessions a client may open per second, sustained; positive (infinite for
 *     no rate limit)
 * @param burst sessions a client may open at once before the rate applies; positive
 * @param maxSessionsPerClient sessions one client may hold at once; positive
 * @param maxTrackedClients clients without sessions whose rate state is kept; positive
 */
public record ClientLimits(
    double sessionsPerSecond, int burst, int maxSessionsPerClient, int maxTrackedClients) {

  /** Default sustained rate: 20 new sessions per second per client. */
  public static final int DEFAULT_SESSIONS_PER_SECOND = 20;

  /** Default burst: 40 new sessions at once per client. */
  public static final int DEFAULT_BURST = 40;

  /** Default concurrent sessions per client: 1,000. */
  public static final int DEFAULT_MAX_SESSIONS_PER_CLIENT = 1_000;

  /** Default number of idle clients tracked: 100,000. */
  public static final int DEFAULT_MAX_TRACKED_CLIENTS = 100_000;

  private static final ClientLimits UNLIMITED =
      new ClientLimits(Double.POSITIVE_INFINITY, Integer.MAX_VALUE, Integer.MAX_VALUE, 1);

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException naming the offending option
   */
  public ClientLimits {
    requirePositive(sessionsPerSecond);
    requirePositive("burst", burst);
    requirePositive("maxSessionsPerClient", maxSessionsPerClient);
    requirePositive("maxTrackedClients", maxTrackedClients);
  }

  /**
   * Returns the defaults: 20 sessions per second with a burst of 40, 1,000 sessions per client,
   * 100,000 tracked clients.
   *
   * @return the default limits
   */
  public static ClientLimits defaults() {
    return builder().build();
  }

  /**
   * Returns limits that never refuse (and track nothing): for servers behind a proxy that hides the
   * clients' addresses, or that limit clients elsewhere.
   *
   * @return the limits that are none
   */
  public static ClientLimits unlimited() {
    return UNLIMITED;
  }

  /**
   * Tells whether these limits can never refuse a session.
   *
   * @return {@code true} if neither the rate nor the count can be reached
   */
  public boolean isUnlimited() {
    return sessionsPerSecond == Double.POSITIVE_INFINITY
        && burst == Integer.MAX_VALUE
        && maxSessionsPerClient == Integer.MAX_VALUE;
  }

  /**
   * Starts a builder preset with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private static void requirePositive(double sessionsPerSecond) {
    if (!(sessionsPerSecond > 0)) { // also refuses NaN
      throw new IllegalArgumentException(
          "sessionsPerSecond must be positive, was " + sessionsPerSecond);
    }
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** A mutable builder; not thread-safe. Each setter validates its argument at once. */
  public static final class Builder {
    private double sessionsPerSecond = DEFAULT_SESSIONS_PER_SECOND;
    private int burst = DEFAULT_BURST;
    private int maxSessionsPerClient = DEFAULT_MAX_SESSIONS_PER_CLIENT;
    private int maxTrackedClients = DEFAULT_MAX_TRACKED_CLIENTS;

    private Builder() {}

    /**
     * Sets the sustained rate of new sessions per client.
     *
     * @param sessionsPerSecond positive; {@link Double#POSITIVE_INFINITY} for no rate limit
     * @return this builder
     */
    public Builder sessionsPerSecond(double sessionsPerSecond) {
      requirePositive(sessionsPerSecond);
      this.sessionsPerSecond = sessionsPerSecond;
      return this;
    }

    /**
     * Sets how many sessions a client may open at once before the rate applies.
     *
     * @param burst positive
     * @return this builder
     */
    public Builder burst(int burst) {
      requirePositive("burst", burst);
      this.burst = burst;
      return this;
    }

    /**
     * Sets how many sessions one client may hold at once.
     *
     * @param maxSessionsPerClient positive
     * @return this builder
     */
    public Builder maxSessionsPerClient(int maxSessionsPerClient) {
      requirePositive("maxSessionsPerClient", maxSessionsPerClient);
      this.maxSessionsPerClient = maxSessionsPerClient;
      return this;
    }

    /**
     * Sets how many clients without sessions keep their rate state.
     *
     * @param maxTrackedClients positive
     * @return this builder
     */
    public Builder maxTrackedClients(int maxTrackedClients) {
      requirePositive("maxTrackedClients", maxTrackedClients);
      this.maxTrackedClients = maxTrackedClients;
      return this;
    }

    /**
     * Builds the limits.
     *
     * @return the limits
     */
    public ClientLimits build() {
      return new ClientLimits(sessionsPerSecond, burst, maxSessionsPerClient, maxTrackedClients);
    }
  }
}
