package dev.mcpkit.gateway.internal.tape;

/**
 * What request threads hand the tape writer, in one queue so that the writer sees them in the order
 * they were handed over: a message ({@link TapeLine}) or a tape's end ({@link TapeEnd}).
 */
sealed interface TapeEvent permits TapeLine, TapeEnd {
  /** The tape it belongs to. */
  TapeHandle tape();
}
