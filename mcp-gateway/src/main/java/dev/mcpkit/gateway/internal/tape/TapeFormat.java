package dev.mcpkit.gateway.internal.tape;

/** The names of the tape format (see the {@code dev.mcpkit.gateway.tape} package). */
public final class TapeFormat {
  /** The header's {@code tape} value. */
  public static final String VERSION = "mcpkit-tape/1";

  private TapeFormat() {}
}
