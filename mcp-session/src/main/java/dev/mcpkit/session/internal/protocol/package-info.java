/**
 * What the two generations of the MCP engine share: the method handlers of tools, resources,
 * prompts and completion, result shaping ({@code McpResults}), tool invocation and cancellation,
 * the handlers' contexts ({@code ToolCallContext}, {@code HandlerContext}, with each generation's
 * part behind {@code ClientExchange}), progress and log notifications, errors ({@code
 * ProtocolError}), the request {@code _meta} and multi round-trip input ({@code RequestMeta},
 * {@code InputRounds}), resource subscriptions and change publication ({@code Subscriptions},
 * {@code ServerChange}), observation ({@code ObservedOperations}) and the engine's settings. The
 * session-based engine is in {@code sessions}, the sessionless one (2026-07-28) in {@code
 * stateless}. Not exported; {@link dev.mcpkit.session.McpEngines} is the way in.
 */
@NullMarked
package dev.mcpkit.session.internal.protocol;

import org.jspecify.annotations.NullMarked;
