/** The gateway: its builder, its configuration and the configuration file's errors. */
@NullMarked
package dev.mcpkit.gateway;

import org.jspecify.annotations.NullMarked;
