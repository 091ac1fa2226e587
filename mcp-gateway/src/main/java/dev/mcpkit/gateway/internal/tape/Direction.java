package dev.mcpkit.gateway.internal.tape;

import org.jspecify.annotations.Nullable;

/** Which way a message on a tape travelled, with its name in the file. */
public enum Direction {
  /** From the client to the gateway. */
  CLIENT_TO_GATEWAY("client-to-gateway"),
  /** From the gateway to the client. */
  GATEWAY_TO_CLIENT("gateway-to-client"),
  /** From the gateway to an upstream. */
  GATEWAY_TO_UPSTREAM("gateway-to-upstream"),
  /** From an upstream to the gateway. */
  UPSTREAM_TO_GATEWAY("upstream-to-gateway");

  private final String wireName;

  Direction(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the file. */
  public String wireName() {
    return wireName;
  }

  /** The direction a file names, or {@code null}. */
  public static @Nullable Direction fromWireName(String name) {
    for (Direction direction : values()) {
      if (direction.wireName.equals(name)) {
        return direction;
      }
    }
    return null;
  }
}
