package dev.mcpkit.benchmarks.soak;

/** How one request of the load ended, counted apart in the reports. */
enum Outcome {
  /** The expected answer. */
  OK,
  /** 429: a per-client limit (session rate, sessions or streams per client) met. */
  RATE_LIMITED,
  /** 503: the handshake pool or the session limit full. */
  UNAVAILABLE,
  /** Anything else: another status, a malformed answer, an I/O error or a timeout. */
  ERROR;

  /** The outcome of an HTTP status that is not the expected one. */
  static Outcome ofStatus(int status) {
    return switch (status) {
      case 429 -> RATE_LIMITED;
      case 503 -> UNAVAILABLE;
      default -> ERROR;
    };
  }
}
