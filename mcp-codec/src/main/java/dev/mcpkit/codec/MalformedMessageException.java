package dev.mcpkit.codec;

/**
 * Text that is not a JSON-RPC message, or not a batch of them, as {@link
 * JsonRpcCodecs#readLeniently(String)} reads it. Carries no stack trace: it is an expected outcome
 * (a misbehaving peer), reported and dropped, never a bug of ours.
 */
public final class MalformedMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the text
   */
  public MalformedMessageException(String message) {
    super(message, null, false, false);
  }
}
