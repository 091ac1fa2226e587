package dev.mcpkit.api.server;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One sessionless request (revision 2026-07-28) handed to {@link DynamicMethods#handleSessionless}:
 * its method and params, what its {@code _meta} declares, a context on its response stream, and the
 * multi round-trip: the continuation the handler asked the engine to carry in {@code requestState}
 * last round (verified: signed, bound to this request's method, name and arguments and to its
 * principal, unexpired) and the client's {@code inputResponses}.
 *
 * <p>The engine has already checked the version, the {@code _meta} and the standard headers. The
 * handler never waits for the client: to ask it something it returns {@link #inputRequired}, and
 * the client's retry comes back as a new request with {@link #continuation()} and {@link
 * #inputResponses()}. The context's {@link ToolContext#request} is therefore not available here.
 *
 * <p>Valid only while the handler runs; the methods are thread-safe.
 */
public interface SessionlessRequest {

  /**
   * Returns the request's method, one of {@link DynamicMethods#METHODS} that revision 2026-07-28
   * defines.
   *
   * @return the wire name
   */
  String method();

  /**
   * Returns the request's params without {@code requestState} and {@code inputResponses}.
   *
   * @return the params, or {@code null} without any
   */
  @Nullable JsonNode params();

  /**
   * Returns the client capabilities the request's {@code _meta} declares.
   *
   * @return an object
   */
  JsonNode clientCapabilities();

  /**
   * Returns the context: principal, request id, progress with the client's token, log messages
   * (sent only at or above the level the request's {@code _meta} opts in to) and cancellation (the
   * client closed the response stream; the handler's thread is interrupted).
   *
   * @return the context
   */
  ToolContext context();

  /**
   * Returns what the handler gave {@link #inputRequired} in the round this request retries.
   *
   * @return the verified continuation, or {@code null} on a first round
   */
  @Nullable ObjectNode continuation();

  /**
   * Returns the client's answers, by the keys of the input requests it answers.
   *
   * @return an object of result objects; empty when the request carries none
   */
  ObjectNode inputResponses();

  /**
   * Builds the result that asks the client for input: {@code resultType} {@code input_required},
   * the requests, and a {@code requestState} that carries {@code continuation} signed with the
   * engine's request-state key, so that any node sharing the key can verify the retry.
   *
   * @param inputRequests the requests by key, each {@code {"method": ..., "params": ...}}
   * @param continuation what the retry needs to carry on; the client may read it
   * @return the result to return from the handler
   */
  ObjectNode inputRequired(ObjectNode inputRequests, ObjectNode continuation);

  /**
   * Checks the request's {@code Mcp-Param-*} headers against the arguments that a tool's input
   * schema annotates with {@code x-mcp-header}, as the engine does for its own tools.
   *
   * @param inputSchema the called tool's input schema
   * @param arguments the call's arguments
   * @throws RequestErrorException {@code -32020} (answered with HTTP 400) when a header is missing,
   *     extra or different
   */
  void checkParamHeaders(JsonNode inputSchema, JsonNode arguments);

  /**
   * Sends a notification to the client on this request's stream, as it is (for example an
   * upstream's {@code notifications/message}); dropped once the request is answered or cancelled.
   *
   * @param method the notification's method
   * @param params its params, or {@code null}
   */
  void notify(String method, @Nullable JsonNode params);
}
