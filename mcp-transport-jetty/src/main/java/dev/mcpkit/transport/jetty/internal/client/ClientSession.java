package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.InitializeResult;
import dev.mcpkit.api.spi.McpClientObserver;
import org.jspecify.annotations.Nullable;

/**
 * The negotiated session: immutable, replaced as a whole; {@code observed} ends with it. A
 * 2026-07-28 "session" has no id: it only carries the version and the discover result.
 */
record ClientSession(
    @Nullable String id,
    ProtocolVersion version,
    InitializeResult result,
    McpClientObserver.SessionHandle observed) {}
