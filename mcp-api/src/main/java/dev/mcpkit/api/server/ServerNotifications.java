package dev.mcpkit.api.server;

/**
 * Tells connected clients that something the server offers changed. Obtain it from {@link
 * McpEngine#notifications()}.
 *
 * <p>These notifications belong to no request, so they travel on each session's server-initiated
 * stream (the GET stream of Streamable HTTP) through the {@link
 * dev.mcpkit.api.spi.transport.SessionOutbound} the transport attached; a session without such a
 * stream misses them, as the specification allows.
 *
 * <p>Thread-safe; each call visits the live sessions once and does not block on slow clients longer
 * than the outbound does.
 *
 * {@snippet :
 * McpEngine engine = McpEngines.create(config, sessions);
 * // ... the watched file changed:
 * engine.notifications().resourceUpdated("file:///notes.txt");
 * }
 */
public interface ServerNotifications {

  /**
   * Sends {@code notifications/resources/updated} for a URI to every session subscribed to it
   * ({@code resources/subscribe}).
   *
   * @param uri the resource's URI, exactly as the clients subscribed to it
   * @return the number of sessions it was handed to
   */
  int resourceUpdated(String uri);

  /**
   * Sends {@code notifications/resources/list_changed} to every live session.
   *
   * @return the number of sessions it was handed to
   */
  int resourceListChanged();

  /**
   * Sends {@code notifications/prompts/list_changed} to every live session.
   *
   * @return the number of sessions it was handed to
   */
  int promptListChanged();
}
