package dev.mcpkit.gateway;

import dev.mcpkit.api.McpException;
import java.io.Serial;

/**
 * A gateway configuration file that cannot be used: its message names the file, the key (as a path
 * such as {@code upstreams[1].url}) and the problem, and is meant to be shown as it is, without a
 * stack trace.
 */
public final class GatewayConfigException extends McpException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the file, the key and the problem
   */
  public GatewayConfigException(String message) {
    super(message);
  }
}
