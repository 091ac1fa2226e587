/** The resource server's parts: discovery, token validation, introspection, challenges. */
@NullMarked
package dev.mcpkit.auth.server.internal;

import org.jspecify.annotations.NullMarked;
