package dev.mcpkit.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The MCP protocol revisions that mcpkit serves, oldest first: three with sessions and one without
 * ({@link #V2026_07_28}, see {@link #sessionless()}).
 *
 * <p>Negotiation of the session-based revisions (lifecycle page of the specification): a server
 * answers the version a client requested in {@code initialize} when it supports it, and its latest
 * session-based version otherwise; {@code initialize} never selects a sessionless revision. When a
 * Streamable HTTP request carries no {@code MCP-Protocol-Version} header, {@link #V2025_03_26} is
 * assumed. A sessionless revision is chosen per request, by the request's header and {@code _meta}.
 */
public enum ProtocolVersion {
  /** 2025-03-26: Streamable HTTP introduced; JSON-RPC batches allowed. */
  V2025_03_26("2025-03-26"),
  /** 2025-06-18: batches removed; {@code MCP-Protocol-Version} header required; elicitation. */
  V2025_06_18("2025-06-18"),
  /** 2025-11-25: SSE priming events and polling; the newest session-based revision. */
  V2025_11_25("2025-11-25"),
  /**
   * 2026-07-28: no sessions and no handshake; every request carries its version, client
   * capabilities and client info in {@code _meta}; {@code server/discover}; multi round-trip
   * requests instead of server-to-client requests; {@code subscriptions/listen}.
   */
  V2026_07_28("2026-07-28");

  /**
   * Every version with its lookup answer, built once: {@link #fromWireName} runs for every HTTP
   * request, and {@code values()} would copy the array and {@code Optional.of} allocate each time.
   */
  private static final Lookup[] LOOKUP = lookups();

  private final String wireName;

  ProtocolVersion(String wireName) {
    this.wireName = wireName;
  }

  private record Lookup(String wireName, Optional<ProtocolVersion> version) {}

  /** Newest first: the versions clients send most are found after one or two comparisons. */
  private static Lookup[] lookups() {
    ProtocolVersion[] all = values();
    Lookup[] lookups = new Lookup[all.length];
    for (int i = 0; i < all.length; i++) {
      ProtocolVersion version = all[all.length - 1 - i];
      lookups[i] = new Lookup(version.wireName, Optional.of(version));
    }
    return lookups;
  }

  /**
   * Returns the version as written on the wire, e.g. {@code "2025-11-25"}.
   *
   * @return the version string
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the newest supported session-based version, the one {@code initialize} falls back to.
   *
   * @return the latest session-based version
   */
  public static ProtocolVersion latest() {
    return V2025_11_25;
  }

  /**
   * Returns the version assumed when a request carries no {@code MCP-Protocol-Version} header.
   *
   * @return {@link #V2025_03_26}
   */
  public static ProtocolVersion assumedWhenAbsent() {
    return V2025_03_26;
  }

  /**
   * Looks a version up by its wire name.
   *
   * @param wireName e.g. {@code "2025-06-18"}
   * @return the version, or empty if it is not one mcpkit serves
   */
  public static Optional<ProtocolVersion> fromWireName(String wireName) {
    requireNonNull(wireName, "wireName");
    for (Lookup lookup : LOOKUP) {
      if (lookup.wireName.equals(wireName)) {
        return lookup.version;
      }
    }
    return Optional.empty();
  }

  /**
   * Negotiates a version the way the specification's lifecycle page says: the requested version if
   * supported, otherwise the latest.
   *
   * @param requested the version the client asked for in {@code initialize}
   * @return the version to answer with; never a sessionless one
   */
  public static ProtocolVersion negotiate(String requested) {
    return fromWireName(requested).filter(v -> !v.sessionless()).orElse(latest());
  }

  /**
   * Tells whether this revision is served without sessions: no {@code initialize}, no {@code
   * Mcp-Session-Id}, each request self-describing.
   *
   * @return {@code true} for 2026-07-28
   */
  public boolean sessionless() {
    return this == V2026_07_28;
  }

  /**
   * Returns the wire names of every supported version, newest first, as an {@code
   * UnsupportedProtocolVersionError} lists them.
   *
   * @return the wire names
   */
  public static java.util.List<String> supportedWireNames() {
    ProtocolVersion[] all = values();
    java.util.List<String> names = new java.util.ArrayList<>(all.length);
    for (int i = all.length - 1; i >= 0; i--) {
      names.add(all[i].wireName);
    }
    return java.util.List.copyOf(names);
  }

  /**
   * Tells whether this revision allows JSON-RPC batches (arrays of messages in one POST).
   *
   * @return {@code true} only for 2025-03-26
   */
  public boolean allowsBatches() {
    return this == V2025_03_26;
  }

  /** Returns the wire name. */
  @Override
  public String toString() {
    return wireName;
  }
}
