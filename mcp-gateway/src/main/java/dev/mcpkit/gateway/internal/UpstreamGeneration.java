package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.gateway.UpstreamConfig;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the gateway knows of an HTTP upstream's protocol generation. With {@link
 * UpstreamConfig.Protocol#AUTO} the first client opened probes: it asks {@code server/discover} and
 * falls back to {@code initialize} ({@code McpHttpClient} at 2026-07-28 does both); an upstream
 * that serves the session-based revisions is spoken to with sessions (also when it serves
 * 2026-07-28 too), one that serves only 2026-07-28 through the {@link StatelessBridge}. The
 * generation is remembered, so the probe is not repeated per client session, until a transport
 * failure makes the gateway forget and probe again. A configured generation is never probed: a
 * stateless upstream that turns out session-based is refused.
 *
 * <p>Thread-safe: the remembered version is an {@link AtomicReference}; a race between two probes
 * only writes the same answer twice.
 */
final class UpstreamGeneration {
  private final String upstream;
  private final UpstreamConfig.Protocol configured;

  /** The version the last probe landed on, or {@code null} until probed (or after a failure). */
  private final AtomicReference<@Nullable ProtocolVersion> known = new AtomicReference<>();

  UpstreamGeneration(String upstream, UpstreamConfig.Protocol configured) {
    this.upstream = requireNonNull(upstream, "upstream");
    this.configured = requireNonNull(configured, "configured");
  }

  /** The version a new client asks for: 2026-07-28 probes (and falls back), the latest does not. */
  ProtocolVersion versionToAsk() {
    return switch (configured) {
      case SESSIONS -> ProtocolVersion.latest();
      case STATELESS -> ProtocolVersion.V2026_07_28;
      case AUTO -> {
        ProtocolVersion version = known.get();
        yield version == null || version.sessionless()
            ? ProtocolVersion.V2026_07_28
            : ProtocolVersion.latest();
      }
    };
  }

  /**
   * Remembers the generation an initialized client found. A probe that found an upstream serving
   * both generations settles on the session-based one: a session-based client is then served with
   * nothing to translate, and the bridge is used only where it is needed, in front of a
   * 2026-07-28-only upstream.
   *
   * @return whether the client speaks the generation settled on; if not, the caller opens another
   * @throws McpClientException if the upstream is configured stateless but is not
   */
  boolean learned(McpClient client) {
    ProtocolVersion version = client.protocolVersion().orElse(null);
    if (version == null) {
      return true;
    }
    if (configured == UpstreamConfig.Protocol.STATELESS && !version.sessionless()) {
      throw new McpClientException(
          "upstream "
              + upstream
              + " is configured stateless but does not serve "
              + ProtocolVersion.V2026_07_28
              + " (it answered "
              + version
              + ")",
          null);
    }
    ProtocolVersion settled =
        configured == UpstreamConfig.Protocol.AUTO
                && version.sessionless()
                && offersSessions(client.initialize().raw())
            ? ProtocolVersion.latest()
            : version;
    known.set(settled);
    return settled.sessionless() == version.sessionless();
  }

  /** Whether a {@code server/discover} result lists a session-based version mcpkit speaks. */
  private static boolean offersSessions(JsonNode discover) {
    for (JsonNode listed : discover.path("supportedVersions")) {
      if (ProtocolVersion.fromWireName(listed.asString(""))
          .map(v -> !v.sessionless())
          .orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /** Forgets the version after a transport failure: the next client probes again. */
  void failed() {
    if (configured == UpstreamConfig.Protocol.AUTO) {
      known.set(null);
    }
  }

  /** {@return the version last learnt, or {@code null} until probed} */
  @Nullable ProtocolVersion known() {
    return known.get();
  }
}
