/**
 * The parts of the stdio transport: bounded line reading, serialized line writing, the server's
 * loop over one implicit session, and the client's connection to a child process.
 */
@NullMarked
package dev.mcpkit.transport.stdio.internal;

import org.jspecify.annotations.NullMarked;
