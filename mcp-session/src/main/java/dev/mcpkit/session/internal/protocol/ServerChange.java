package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.server.ServerNotifications;
import dev.mcpkit.codec.JsonRpcCodecs;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change the server announces to the clients that asked for it, the same in both protocol
 * generations: a resource's content changed, or a list of tools, prompts or resources did. Each
 * audience decides who wants it and how it travels (a session's GET stream, a {@code
 * subscriptions/listen} stream); the change knows only its notification.
 */
public sealed interface ServerChange {

  /**
   * A new notification announcing this change; each call builds a new one, so an audience may hand
   * one object to all its clients and no other audience sees it.
   */
  JsonRpcNotification notification();

  /**
   * A resource's content changed: {@code notifications/resources/updated}.
   *
   * @param uri the resource's URI, exactly as the clients subscribed to it
   */
  record ResourceUpdated(String uri) implements ServerChange {
    /** Checks the URI. */
    public ResourceUpdated {
      requireNonNull(uri, "uri");
    }

    @Override
    public JsonRpcNotification notification() {
      ObjectNode params = JsonRpcCodecs.nodes().objectNode();
      params.put("uri", uri);
      return new JsonRpcNotification(McpMethod.NOTIFICATIONS_RESOURCES_UPDATED.wireName(), params);
    }
  }

  /** A list changed: {@code notifications/tools|prompts|resources/list_changed}, no params. */
  enum ListChanged implements ServerChange {
    TOOLS(McpMethod.NOTIFICATIONS_TOOLS_LIST_CHANGED),
    PROMPTS(McpMethod.NOTIFICATIONS_PROMPTS_LIST_CHANGED),
    RESOURCES(McpMethod.NOTIFICATIONS_RESOURCES_LIST_CHANGED);

    private final McpMethod method;

    ListChanged(McpMethod method) {
      this.method = method;
    }

    @Override
    public JsonRpcNotification notification() {
      return new JsonRpcNotification(method.wireName(), null);
    }
  }

  /**
   * An audience of changes that serves the API's {@link ServerNotifications} by publishing each
   * call as a {@link ServerChange}, so that the mapping lives once for every audience.
   */
  interface Audience extends ServerNotifications {

    /**
     * Hands a change to every client of this audience that wants it.
     *
     * @return how many clients it was handed to
     */
    int publish(ServerChange change);

    @Override
    default int resourceUpdated(String uri) {
      return publish(new ResourceUpdated(uri));
    }

    @Override
    default int resourceListChanged() {
      return publish(ListChanged.RESOURCES);
    }

    @Override
    default int promptListChanged() {
      return publish(ListChanged.PROMPTS);
    }
  }
}
