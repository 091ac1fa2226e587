package dev.mcpkit.tools.internal;

/**
 * Arguments that passed the schema but do not bind to the Java types; its message is the model's.
 */
final class InvalidArgumentsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InvalidArgumentsException(String message) {
    super(message, null, false, false);
  }
}
