/**
 * The streaming JSON-RPC reader and writer over one shared Jackson mapper. Not exported; {@link
 * dev.mcpkit.codec.JsonRpcCodecs} is the way in.
 */
@NullMarked
package dev.mcpkit.codec.internal;

import org.jspecify.annotations.NullMarked;
