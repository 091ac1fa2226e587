package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import java.util.List;

/**
 * Which protocol generations an engine serves: the session-based revisions (2025-03-26 to
 * 2025-11-25), the sessionless one (2026-07-28), or both (the default). A request of a generation
 * not served is refused with {@code UnsupportedProtocolVersion} ({@code -32022}, HTTP 400) whose
 * {@code data.supported} lists only what is served, which is also what {@code server/discover}
 * lists: the versioning page of revision 2026-07-28 asks exactly that of a server that "has chosen
 * not to support" a known version, and a dual-era client reads the list to pick the other era.
 *
 * @param sessions whether the session-based revisions are served
 * @param sessionless whether revision 2026-07-28 is served
 */
public record ServedGenerations(boolean sessions, boolean sessionless) {

  /** Both generations: what an engine serves unless told otherwise. */
  public static final ServedGenerations BOTH = new ServedGenerations(true, true);

  /** At least one generation. */
  public ServedGenerations {
    if (!sessions && !sessionless) {
      throw new IllegalArgumentException("an engine must serve at least one protocol generation");
    }
  }

  /** {@return the wire names of the versions served, newest first} */
  public List<String> wireNames() {
    return ProtocolVersion.supportedWireNames().stream()
        .filter(
            name ->
                ProtocolVersion.fromWireName(name)
                    .map(v -> v.sessionless() ? sessionless : sessions)
                    .orElse(false))
        .toList();
  }

  /**
   * The refusal of a request of a version not served.
   *
   * @param requested the version the request named (echoed in {@code data.requested})
   * @return {@code -32022} listing what is served
   */
  public JsonRpcError unsupported(String requested) {
    return StatelessErrors.unsupportedVersion(requested, wireNames());
  }
}
