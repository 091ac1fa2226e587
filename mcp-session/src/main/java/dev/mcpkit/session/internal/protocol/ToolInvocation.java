package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.api.server.ToolFailureMessages;
import dev.mcpkit.api.server.ToolResult;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs a tool's handler and turns every way it can end into a {@link ToolResult}, for both protocol
 * generations: a missing result, an interrupt, a thrown exception (never its stack trace on the
 * wire). An {@link IllegalArgumentException} is the client's mistake: its message, logged at debug.
 * Any other exception is the server's fault: logged at warn with its stack trace, so a failing tool
 * is visible in the log, and answered as {@link ToolFailureMessages} chooses. Stateless.
 */
public final class ToolInvocation {
  private static final Logger LOG = LoggerFactory.getLogger(ToolInvocation.class);

  private ToolInvocation() {}

  /**
   * Checks the arguments against the tool's compiled input schema, then calls the tool; arguments
   * that do not match answer an {@code isError} result naming each field and rule, and the handler
   * does not run.
   *
   * @param schemas the compiled input schemas of the server's tools
   */
  public static ToolResult run(
      Tool tool,
      ArgumentSchemas schemas,
      JsonNode arguments,
      ToolContext context,
      ToolFailureMessages failures) {
    String violations = schemas.violations(tool.name(), arguments);
    return violations == null
        ? run(tool, arguments, context, failures)
        : ToolResult.error(violations);
  }

  /**
   * Calls the tool.
   *
   * @param context the call's context; {@link ToolContext#isCancelled()} tells whether an interrupt
   *     was the call's own cancellation (then the thread's interrupt flag is not restored)
   * @param failures what the client is told when the handler throws
   */
  public static ToolResult run(
      Tool tool, JsonNode arguments, ToolContext context, ToolFailureMessages failures) {
    try {
      ToolResult result = tool.handler().call(arguments, context);
      return Objects.requireNonNullElseGet(
          result, () -> ToolResult.error("tool '" + tool.name() + "' returned no result"));
    } catch (InputRounds.InputRequired e) {
      // Only the stateless revision's contexts throw it; replaced by the input_required answer.
      return ToolResult.error("input required");
    } catch (InterruptedException e) {
      if (!context.isCancelled()) {
        // Not ours: keep the flag for whoever interrupted this thread.
        Thread.currentThread().interrupt();
      }
      return ToolResult.error("tool '" + tool.name() + "' was interrupted");
    } catch (Exception e) {
      return failure(tool, e, failures);
    }
  }

  /**
   * The result of a tool whose handler threw: an {@link IllegalArgumentException} means wrong
   * arguments (its message, logged at debug); any other exception is logged at {@code WARN} with
   * its stack trace and answered as {@code failures} says. Shared by direct calls and tasks.
   *
   * @param tool the tool
   * @param e what its handler threw
   * @param failures what the client is told of an unexpected exception
   * @return the {@code isError} result
   */
  public static ToolResult failure(Tool tool, Exception e, ToolFailureMessages failures) {
    if (e instanceof IllegalArgumentException) {
      LOG.debug("tool '{}' rejected its arguments", tool.name(), e);
      String message = e.getMessage();
      return ToolResult.error(
          message == null || message.isBlank()
              ? "tool '" + tool.name() + "' rejected its arguments"
              : message);
    }
    LOG.warn("tool '{}' failed", tool.name(), e);
    return ToolResult.error(
        switch (failures) {
          case EXCEPTION_MESSAGE -> {
            String message = e.getMessage();
            yield message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
          }
          case GENERIC -> "tool '" + tool.name() + "' failed";
        });
  }
}
