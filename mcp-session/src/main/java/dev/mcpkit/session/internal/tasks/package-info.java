/**
 * The Tasks extension ({@code io.modelcontextprotocol/tasks}) on the engine: {@code TaskEngine}
 * runs tool calls as tasks and serves {@code tasks/get}, {@code tasks/update} and {@code
 * tasks/cancel}; {@code TaskRun} is one handler's local state machine; {@code TaskExchange} is a
 * task's way to ask the client for input; {@code InMemoryTaskStore} is the default {@link
 * dev.mcpkit.api.spi.TaskStore}. Not exported; {@link dev.mcpkit.session.TaskStores} and {@link
 * dev.mcpkit.session.McpEngines} are the way in.
 */
@NullMarked
package dev.mcpkit.session.internal.tasks;

import org.jspecify.annotations.NullMarked;
