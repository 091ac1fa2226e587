/** Runnable examples of mcpkit. */
module dev.mcpkit.examples {
  requires dev.mcpkit.session;
}
