package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A request a handler needs the client to answer before it can finish: sampling ({@code
 * sampling/createMessage}), elicitation ({@code elicitation/create}) or roots ({@code roots/list}).
 * See {@link ToolContext#inputs(java.util.Map, java.time.Duration)}.
 *
 * @param method the method
 * @param params the parameters (an object), or {@code null}
 */
public record InputRequest(String method, @Nullable JsonNode params) {
  /** Validates the fields. */
  public InputRequest {
    requireNonNull(method, "method");
  }
}
