package dev.mcpkit.api;

import org.jspecify.annotations.Nullable;

/**
 * A session id kept as its validated text: any id that is not the canonical text of 128 bits (an id
 * minted by another server or by an older mcpkit, or chosen by a client that sends one we never
 * issued).
 *
 * <p>Immutable; its one field is final.
 */
final class TextSessionId extends SessionId {
  private final String value;

  /** The caller has validated {@code value}. */
  TextSessionId(String value) {
    this.value = value;
  }

  @Override
  public String value() {
    return value;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof TextSessionId that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return mix(value.hashCode());
  }
}
