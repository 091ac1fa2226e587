package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpException;
import java.io.Serial;

/**
 * Thrown by a {@link ResourceTemplateHandler} or {@link ResourceHandler} when the URI names no
 * resource; the client gets the JSON-RPC error {@code -32002 "Resource not found"} with the URI in
 * its {@code data}.
 */
public final class ResourceNotFoundException extends McpException {
  @Serial private static final long serialVersionUID = 1L;

  /** The URI that names nothing. */
  private final String uri;

  /**
   * Creates the exception.
   *
   * @param uri the URI that names nothing
   */
  public ResourceNotFoundException(String uri) {
    super("Resource not found: " + requireNonNull(uri, "uri"));
    this.uri = uri;
  }

  /**
   * Returns the URI that names nothing.
   *
   * @return the URI
   */
  public String uri() {
    return uri;
  }
}
