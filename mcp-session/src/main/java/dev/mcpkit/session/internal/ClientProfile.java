package dev.mcpkit.session.internal;

import dev.mcpkit.api.ClientInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a session keeps of its manager and its client that many sessions share: the manager, the
 * client's self-description and its declared capabilities. Sessions of identical clients on one
 * manager hold one profile ({@link ClientProfiles}), so these cost a session one reference instead
 * of three (and the capabilities, often a tree of a few hundred bytes, nothing of its own).
 *
 * <p>Immutable; safe to share between threads. The capabilities are shared by contract: {@code
 * Session.clientCapabilities()} tells callers not to modify them.
 */
final class ClientProfile {
  final DefaultSessionManager manager;
  final @Nullable ClientInfo clientInfo;

  /**
   * The client's capabilities; {@code null} when it declared none (an empty object), which most
   * clients do: {@code ManagedSession.clientCapabilities()} then answers a fresh empty node.
   */
  final @Nullable JsonNode clientCapabilities;

  ClientProfile(
      DefaultSessionManager manager,
      @Nullable ClientInfo clientInfo,
      @Nullable JsonNode clientCapabilities) {
    this.manager = manager;
    this.clientInfo = clientInfo;
    this.clientCapabilities = clientCapabilities;
  }
}
