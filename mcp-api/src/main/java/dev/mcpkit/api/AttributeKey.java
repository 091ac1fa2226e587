package dev.mcpkit.api;

import static java.util.Objects.requireNonNull;

/**
 * A typed key for a {@link Session} attribute. Two keys are equal when their names and types are.
 *
 * <p>Attributes whose values are JSON-representable ({@code String}, {@code Boolean}, a {@code
 * Number}, or a {@code JsonNode}) travel with the session's {@link
 * dev.mcpkit.api.spi.SessionRecord} to a {@link dev.mcpkit.api.spi.SessionStore}; others stay on
 * the node that set them.
 *
 * {@snippet :
 * static final AttributeKey<String> TENANT = AttributeKey.of("tenant", String.class);
 * session.putAttribute(TENANT, "acme");
 * String tenant = session.attribute(TENANT).orElse("default");
 * }
 *
 * @param name the attribute's name, unique within a session
 * @param type the value's type
 * @param <T> the value's type
 */
public record AttributeKey<T>(String name, Class<T> type) {
  /** Validates the fields. */
  public AttributeKey {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("attribute name must not be blank");
    }
  }

  /**
   * Creates a key.
   *
   * @param name the attribute's name
   * @param type the value's type
   * @param <T> the value's type
   * @return the key
   */
  public static <T> AttributeKey<T> of(String name, Class<T> type) {
    return new AttributeKey<>(name, type);
  }
}
