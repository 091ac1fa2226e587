package dev.mcpkit.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The catalogue of the MCP methods and notifications mcpkit speaks: each one's wire name, who sends
 * it, the protocol revisions that have it, the capability it depends on, and whether serving it may
 * block. One place instead of method-name literals and hand-synchronised tables spread over the
 * engine.
 *
 * <p>Sources: the specification's schema of 2025-03-26, 2025-06-18 and 2025-11-25 (as the official
 * TypeScript SDK's {@code types.d.ts} encodes it; {@code elicitation/create} appears in 2025-06-18)
 * and, for the sessionless revision 2026-07-28, its removal of the handshake ({@code initialize},
 * {@code notifications/initialized}), of {@code ping}, {@code logging/setLevel}, the per-session
 * resource subscriptions and client notifications, and its additions {@code server/discover},
 * {@code subscriptions/listen} and {@code notifications/subscriptions/ acknowledged}. In 2026-07-28
 * the server-to-client requests ({@code sampling/createMessage}, {@code elicitation/create}, {@code
 * roots/list}) travel as the input requests of a multi round-trip result instead of as JSON-RPC
 * requests, under the same method names.
 *
 * {@snippet :
 * McpMethod method = McpMethod.of(request.method()); // null for a method outside the catalogue
 * if (method != null && method.existsIn(version)) {
 *   InvocationType type = method.servingType();
 * }
 * }
 *
 * <p>Immutable and thread-safe; {@link #of(String)} is a lookup in a precomputed map and allocates
 * nothing.
 */
public enum McpMethod {
  // Client-to-server requests.

  /** The session handshake's request; creates the session. */
  INITIALIZE(
      "initialize",
      Direction.CLIENT_TO_SERVER,
      Revisions.SESSIONS,
      Capability.NONE,
      null,
      InvocationType.NON_BLOCKING),
  /** A liveness check, answered with an empty result. */
  PING(
      "ping",
      Direction.CLIENT_TO_SERVER,
      Revisions.SESSIONS,
      Capability.NONE,
      null,
      InvocationType.NON_BLOCKING),
  /** The sessionless revision's description of the server (what {@code initialize} answered). */
  SERVER_DISCOVER(
      "server/discover",
      Direction.CLIENT_TO_SERVER,
      Revisions.SESSIONLESS,
      Capability.NONE,
      null,
      InvocationType.NON_BLOCKING),
  /** Lists the tools; built from the configuration. */
  TOOLS_LIST(
      "tools/list",
      Direction.CLIENT_TO_SERVER,
      Revisions.ALL,
      Capability.TOOLS,
      null,
      InvocationType.NON_BLOCKING),
  /**
   * Calls a tool. Its {@link #servingType()} is the engine's own part ({@link
   * InvocationType#NON_BLOCKING}); serving a call is that {@linkplain
   * InvocationType#combine(InvocationType) combined} with the called tool's {@code
   * invocationType()} (a call of an unknown tool is an error and does not block).
   */
  TOOLS_CALL(
      "tools/call",
      Direction.CLIENT_TO_SERVER,
      Revisions.ALL,
      Capability.TOOLS,
      null,
      InvocationType.NON_BLOCKING),
  /** Lists the resources; built from the configuration. */
  RESOURCES_LIST(
      "resources/list",
      Direction.CLIENT_TO_SERVER,
      Revisions.ALL,
      Capability.RESOURCES,
      null,
      InvocationType.NON_BLOCKING),
  /** Lists the resource templates; built from the configuration. */
  RESOURCES_TEMPLATES_LIST(
      "resources/templates/list",
      Direction.CLIENT_TO_SERVER,
      Revisions.ALL,
      Capability.RESOURCES,
      null,
      InvocationType.NON_BLOCKING),
  /** Reads a resource: runs the application's reader. */
  RESOURCES_READ(
      "resources/read",
      Direction.CLIENT_TO_SERVER,
      Revisions.ALL,
      Capability.RESOURCES,
      null,
      InvocationType.BLOCKING),
  /** Subscribes the session to a resource's updates; the subscriptions live with the session. */
  RESOURCES_SUBSCRIBE(
      "resources/subscribe",
      Direction.CLIENT_TO_SERVER,
      Revisions.SESSIONS,
      Capability.RESOURCES,
      null,
      InvocationType.BLOCKING),
  /** Ends a subscription of {@link #RESOURCES_SUBSCRIBE}. */
  RESOURCES_UNSUBSCRIBE(
      "resources/unsubscribe",
      Direction.CLIENT_TO_SERVER,
      Revisions.SESSIONS,
      Capability.RESOURCES,
      null,
      InvocationType.BLOCKING),
  /** Lists the prompts; built from the configuration. */
  PROMPTS_LIST(
      "prompts/list",
      Direction.CLIENT_TO_SERVER,
      Revisions.ALL,
      Capability.PROMPTS,
      null,
      InvocationType.NON_BLOCKING),
  /** Renders a prompt: runs the application's handler. */
  PROMPTS_GET(
      "prompts/get",
      Direction.CLIENT_TO_SERVER,
      Revisions.ALL,
      Capability.PROMPTS,
      null,
      InvocationType.BLOCKING),
  /** Completes a prompt argument or a resource template variable: runs the application's code. */
  COMPLETION_COMPLETE(
      "completion/complete",
      Direction.CLIENT_TO_SERVER,
      Revisions.ALL,
      Capability.COMPLETIONS,
      null,
      InvocationType.BLOCKING),
  /** Sets the session's minimum log level. */
  LOGGING_SET_LEVEL(
      "logging/setLevel",
      Direction.CLIENT_TO_SERVER,
      Revisions.SESSIONS,
      Capability.LOGGING,
      null,
      InvocationType.NON_BLOCKING),
  /** Opens the sessionless revision's notification stream; holds its request open. */
  SUBSCRIPTIONS_LISTEN(
      "subscriptions/listen",
      Direction.CLIENT_TO_SERVER,
      Revisions.SESSIONLESS,
      Capability.NONE,
      null,
      InvocationType.BLOCKING),

  // Server-to-client requests (input requests of a multi round-trip result in 2026-07-28).

  /** Asks the client's model for a completion; needs the client's {@code sampling}. */
  SAMPLING_CREATE_MESSAGE(
      "sampling/createMessage",
      Direction.SERVER_TO_CLIENT,
      Revisions.ALL,
      Capability.NONE,
      "sampling",
      InvocationType.NON_BLOCKING),
  /** Asks the user for input through the client; needs the client's {@code elicitation}. */
  ELICITATION_CREATE(
      "elicitation/create",
      Direction.SERVER_TO_CLIENT,
      Revisions.SINCE_2025_06_18,
      Capability.NONE,
      "elicitation",
      InvocationType.NON_BLOCKING),
  /** Asks the client for its roots; needs the client's {@code roots}. */
  ROOTS_LIST(
      "roots/list",
      Direction.SERVER_TO_CLIENT,
      Revisions.ALL,
      Capability.NONE,
      "roots",
      InvocationType.NON_BLOCKING),

  // Notifications.

  /** Ends the session handshake: the session becomes active. */
  NOTIFICATIONS_INITIALIZED(
      "notifications/initialized",
      Direction.CLIENT_TO_SERVER,
      Revisions.SESSIONS,
      Capability.NONE,
      null,
      InvocationType.NON_BLOCKING),
  /**
   * Cancels a request in flight, sent by either side; in 2026-07-28 a client cancels by closing the
   * request's response stream instead.
   */
  NOTIFICATIONS_CANCELLED(
      "notifications/cancelled",
      Direction.EITHER,
      Revisions.SESSIONS,
      Capability.NONE,
      null,
      InvocationType.NON_BLOCKING),
  /** Reports the progress of a request that asked for it with a {@code progressToken}. */
  NOTIFICATIONS_PROGRESS(
      "notifications/progress",
      Direction.EITHER,
      Revisions.ALL,
      Capability.NONE,
      null,
      InvocationType.NON_BLOCKING),
  /** A log message, at or above the level the client asked for. */
  NOTIFICATIONS_MESSAGE(
      "notifications/message",
      Direction.SERVER_TO_CLIENT,
      Revisions.ALL,
      Capability.LOGGING,
      null,
      InvocationType.NON_BLOCKING),
  /** A resource the client subscribed to (or listens to) changed. */
  NOTIFICATIONS_RESOURCES_UPDATED(
      "notifications/resources/updated",
      Direction.SERVER_TO_CLIENT,
      Revisions.ALL,
      Capability.RESOURCES,
      null,
      InvocationType.NON_BLOCKING),
  /** The list of resources changed. */
  NOTIFICATIONS_RESOURCES_LIST_CHANGED(
      "notifications/resources/list_changed",
      Direction.SERVER_TO_CLIENT,
      Revisions.ALL,
      Capability.RESOURCES,
      null,
      InvocationType.NON_BLOCKING),
  /** The list of prompts changed. */
  NOTIFICATIONS_PROMPTS_LIST_CHANGED(
      "notifications/prompts/list_changed",
      Direction.SERVER_TO_CLIENT,
      Revisions.ALL,
      Capability.PROMPTS,
      null,
      InvocationType.NON_BLOCKING),
  /** The list of tools changed. */
  NOTIFICATIONS_TOOLS_LIST_CHANGED(
      "notifications/tools/list_changed",
      Direction.SERVER_TO_CLIENT,
      Revisions.ALL,
      Capability.TOOLS,
      null,
      InvocationType.NON_BLOCKING),
  /** The first message of a {@link #SUBSCRIPTIONS_LISTEN} stream: the subscription is in place. */
  NOTIFICATIONS_SUBSCRIPTIONS_ACKNOWLEDGED(
      "notifications/subscriptions/acknowledged",
      Direction.SERVER_TO_CLIENT,
      Revisions.SESSIONLESS,
      Capability.NONE,
      null,
      InvocationType.NON_BLOCKING);

  /** Who sends a method. */
  public enum Direction {
    /** The client sends it (for a request: the server serves it). */
    CLIENT_TO_SERVER,
    /** The server sends it (for a request: the client answers it). */
    SERVER_TO_CLIENT,
    /** Either side sends it (notifications only). */
    EITHER
  }

  /** The server capability a method belongs to; a server that does not declare it lacks it. */
  public enum Capability {
    /** Belongs to no capability: the protocol's core. */
    NONE(null),
    /** {@code tools}. */
    TOOLS("tools"),
    /** {@code resources}. */
    RESOURCES("resources"),
    /** {@code prompts}. */
    PROMPTS("prompts"),
    /** {@code logging}. */
    LOGGING("logging"),
    /** {@code completions}. */
    COMPLETIONS("completions");

    private final @Nullable String wireName;

    Capability(@Nullable String wireName) {
      this.wireName = wireName;
    }

    /**
     * Returns the capability's key in the server's {@code capabilities} object.
     *
     * @return e.g. {@code "tools"}; {@code null} for {@link #NONE}
     */
    public @Nullable String wireName() {
      return wireName;
    }
  }

  /** The revision sets, apart so that the enum constants can name them. */
  private static final class Revisions {
    static final Set<ProtocolVersion> ALL =
        Collections.unmodifiableSet(EnumSet.allOf(ProtocolVersion.class));
    static final Set<ProtocolVersion> SESSIONS =
        Collections.unmodifiableSet(
            EnumSet.of(
                ProtocolVersion.V2025_03_26,
                ProtocolVersion.V2025_06_18,
                ProtocolVersion.V2025_11_25));
    static final Set<ProtocolVersion> SINCE_2025_06_18 =
        Collections.unmodifiableSet(EnumSet.range(ProtocolVersion.V2025_06_18, lastVersion()));
    static final Set<ProtocolVersion> SESSIONLESS =
        Collections.unmodifiableSet(EnumSet.of(ProtocolVersion.V2026_07_28));

    private static ProtocolVersion lastVersion() {
      ProtocolVersion[] all = ProtocolVersion.values();
      return all[all.length - 1];
    }

    private Revisions() {}
  }

  /** Every method by wire name; built once, read without allocation. */
  private static final Map<String, McpMethod> BY_WIRE_NAME;

  static {
    McpMethod[] all = values();
    Map<String, McpMethod> byName = new HashMap<>(all.length * 2);
    for (McpMethod method : all) {
      if (byName.put(method.wireName, method) != null) {
        throw new IllegalStateException("two methods named " + method.wireName);
      }
    }
    BY_WIRE_NAME = Map.copyOf(byName);
  }

  private final String wireName;
  private final Direction direction;
  private final Set<ProtocolVersion> revisions;
  private final Capability serverCapability;
  private final @Nullable String clientCapability;
  private final InvocationType servingType;

  McpMethod(
      String wireName,
      Direction direction,
      Set<ProtocolVersion> revisions,
      Capability serverCapability,
      @Nullable String clientCapability,
      InvocationType servingType) {
    this.wireName = wireName;
    this.direction = direction;
    this.revisions = revisions;
    this.serverCapability = serverCapability;
    this.clientCapability = clientCapability;
    this.servingType = servingType;
  }

  /**
   * Looks a method up by its wire name. Allocates nothing: safe on the request path.
   *
   * @param wireName e.g. {@code "tools/call"}
   * @return the method, or {@code null} if the catalogue has none of that name
   */
  public static @Nullable McpMethod of(String wireName) {
    return BY_WIRE_NAME.get(requireNonNull(wireName, "wireName"));
  }

  /**
   * Returns the method's name on the wire.
   *
   * @return e.g. {@code "tools/call"}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns who sends the method.
   *
   * @return the direction
   */
  public Direction direction() {
    return direction;
  }

  /**
   * Tells whether the method is a notification (sent without an id, never answered).
   *
   * @return {@code true} for the {@code notifications/...} methods
   */
  public boolean isNotification() {
    return wireName.startsWith("notifications/");
  }

  /**
   * Tells whether the method is a request a client sends and a server serves.
   *
   * @return {@code true} for client-to-server requests
   */
  public boolean isServerRequest() {
    return direction == Direction.CLIENT_TO_SERVER && !isNotification();
  }

  /**
   * Returns the protocol revisions that define the method.
   *
   * @return an unmodifiable set, never empty
   */
  public Set<ProtocolVersion> revisions() {
    return revisions;
  }

  /**
   * Tells whether a protocol revision defines the method.
   *
   * @param version the revision
   * @return {@code true} if {@link #revisions()} holds it
   */
  public boolean existsIn(ProtocolVersion version) {
    return revisions.contains(requireNonNull(version, "version"));
  }

  /**
   * Returns the server capability the method belongs to: a server serves (or sends) it only when it
   * offers that capability.
   *
   * @return the capability; {@link Capability#NONE} for the protocol's core and for
   *     server-to-client requests
   */
  public Capability serverCapability() {
    return serverCapability;
  }

  /**
   * Returns the client capability a server-to-client request needs (the lifecycle page's table): a
   * server must not send the request to a client that did not declare it.
   *
   * @return e.g. {@code "sampling"}; {@code null} for methods the client does not answer
   */
  public @Nullable String clientCapability() {
    return clientCapability;
  }

  /**
   * Returns whether serving the method may block, as far as the engine's own work goes: {@link
   * InvocationType#NON_BLOCKING} for the handshake, {@code ping}, {@code server/discover}, the
   * lists built from the configuration, {@code logging/setLevel} and notifications (they only set
   * state, complete a future or interrupt a thread); {@link InvocationType#BLOCKING} for the
   * methods that run the application's handlers (resources, prompts, completion), touch a session's
   * subscriptions, or hold their request open ({@code subscriptions/listen}). For {@link
   * #TOOLS_CALL} this is the part before the called tool's own type is {@linkplain
   * InvocationType#combine(InvocationType) combined} in. What the session manager or a store does
   * on the way is not included either: the engine combines that in. For server-to-client requests
   * it is the type of handling the client's answer.
   *
   * @return the invocation type of the engine's part
   */
  public InvocationType servingType() {
    return servingType;
  }
}
