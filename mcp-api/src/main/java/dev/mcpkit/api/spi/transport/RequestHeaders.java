package dev.mcpkit.api.spi.transport;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP request headers of a POST, as the engine sees them: revision 2026-07-28 requires the
 * server to check that {@code Mcp-Method}, {@code Mcp-Name} and {@code Mcp-Param-*} match the body,
 * and only the engine knows the body's meaning. Header names are case-insensitive.
 *
 * <p>Implementations are read-only views, safe to read from the request's thread.
 */
@FunctionalInterface
public interface RequestHeaders {

  /** No headers at all (a transport without any, or a test). */
  RequestHeaders NONE = name -> null;

  /**
   * Returns the value of a header.
   *
   * @param name the header name, in any case
   * @return the first value, or {@code null} if the header is absent
   */
  @Nullable String get(String name);
}
