package dev.mcpkit.api.client;

import dev.mcpkit.api.ProtocolVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * A connection to one MCP server: one session, initialized on the first call (or by {@link
 * #initialize()}), ended by {@link #close()}.
 *
 * <p>Calls are synchronous and meant for virtual threads, where blocking is cheap; the {@code
 * ...Async} variants run the same call on a virtual thread of their own, and {@link
 * #requestWithoutBlocking} has no thread wait for the answer at all. A call that times out or whose
 * thread is interrupted tells the server with {@code notifications/cancelled} before it throws.
 *
 * {@snippet :
 * try (McpClient client = McpHttpClient.builder(URI.create("http://127.0.0.1:8080/mcp"))
 *     .clientInfo("my-agent", "1.0")
 *     .onRequest("sampling/createMessage", params -> canned(params))
 *     .build()) {
 *   client.initialize();
 *   for (ToolInfo tool : client.listTools()) {
 *     System.out.println(tool.name());
 *   }
 *   CallToolResult result = client.callTool("echo", args,
 *       RequestOptions.defaults().withProgress(p -> System.out.println(p.progress())));
 *   System.out.println(result.text());
 * }
 * }
 *
 * <p>Thread-safety: implementations are thread-safe; any number of threads may call concurrently
 * over the one session.
 */
public interface McpClient extends AutoCloseable {

  /**
   * Initializes the session unless it is: sends {@code initialize}, checks the negotiated version
   * and sends {@code notifications/initialized}. Idempotent.
   *
   * @return what the server answered
   * @throws McpClientException if the server cannot be reached, refuses, or answers a version this
   *     client does not speak
   */
  InitializeResult initialize();

  /**
   * Returns the negotiated protocol version.
   *
   * @return the version, or empty before initialization
   */
  Optional<ProtocolVersion> protocolVersion();

  /**
   * Returns the current session id.
   *
   * @return the id the server assigned, or empty before initialization, after {@link #close()} or
   *     if the server runs without sessions
   */
  Optional<String> sessionId();

  /**
   * Sends {@code ping} and waits for the answer.
   *
   * @throws McpClientException on failure
   */
  void ping();

  /**
   * Lists every tool, following {@code nextCursor} pagination.
   *
   * @return the tools
   */
  List<ToolInfo> listTools();

  /**
   * Calls a tool with default options.
   *
   * @param name the tool
   * @param arguments its arguments (an object)
   * @return the result; a tool error is a result with {@link CallToolResult#isError()}
   * @throws McpClientException when the call fails at the protocol level
   */
  default CallToolResult callTool(String name, JsonNode arguments) {
    return callTool(name, arguments, RequestOptions.defaults());
  }

  /**
   * Calls a tool. When the server makes the call a task (revision 2026-07-28, with the client
   * declaring the {@code io.modelcontextprotocol/tasks} extension under {@code extensions}), the
   * client polls the task to its end, answers its input requests through its handlers, and returns
   * its result; a failed task is a {@link McpClientException}.
   *
   * @param name the tool
   * @param arguments its arguments (an object)
   * @param options timeout (per request, polls included) and progress listener
   * @return the result
   * @throws RequestTimeoutException after the timeout (the server is told with {@code
   *     notifications/cancelled})
   */
  CallToolResult callTool(String name, JsonNode arguments, RequestOptions options);

  /**
   * Calls a tool on a virtual thread.
   *
   * @param name the tool
   * @param arguments its arguments
   * @param options timeout and progress listener
   * @return the result, or the call's failure; cancelling the future cancels the call on the server
   */
  CompletableFuture<CallToolResult> callToolAsync(
      String name, JsonNode arguments, RequestOptions options);

  /**
   * Sends any request and returns its {@code result}.
   *
   * @param method the method, e.g. {@code "resources/read"}
   * @param params its params, or {@code null}
   * @param options timeout and progress listener
   * @return the result member of the answer
   * @throws McpClientException when the server answers with an error ({@link
   *     McpClientException#error()})
   */
  JsonNode request(
      String method, @org.jspecify.annotations.Nullable JsonNode params, RequestOptions options);

  /**
   * Sends a request on a virtual thread.
   *
   * @param method the method
   * @param params its params, or {@code null}
   * @param options timeout and progress listener
   * @return the result; cancelling the future cancels the request on the server
   */
  CompletableFuture<JsonNode> requestAsync(
      String method, @org.jspecify.annotations.Nullable JsonNode params, RequestOptions options);

  /**
   * Sends a request without a thread waiting for its answer, where the transport can: the answer
   * completes the future when it arrives, so many calls in flight cost no thread each (a gateway
   * forwarding calls, for example).
   *
   * <p>The future may complete on the transport's I/O thread, so the stages that depend on it must
   * not block: one that does (a synchronous call, a lock held across I/O) stalls the transport for
   * every call. Use the {@code ...Async} variants of {@link CompletableFuture} with an executor
   * (virtual threads, say) for stages that block.
   *
   * {@snippet :
   * client.requestWithoutBlocking("tools/list", null, RequestOptions.defaults())
   *     .thenApplyAsync(result -> store(result), Executors.newVirtualThreadPerTaskExecutor());
   * }
   *
   * <p>Results, failures and cancellation are those of {@link #requestAsync}: the future completes
   * with the {@code result} member of the answer, or fails with {@link McpClientException} (the
   * server's JSON-RPC error in {@link McpClientException#error()}, an HTTP status in {@link
   * McpClientException#httpStatus()}), with {@link RequestTimeoutException} after the timeout (the
   * server is told with {@code notifications/cancelled}); a session the server no longer knows is
   * initialized again, and the request retried when it is safe to. Cancelling the future aborts the
   * exchange and tells the server with {@code notifications/cancelled}.
   *
   * <p>The default runs {@link #requestAsync}, on a virtual thread.
   *
   * @param method the method
   * @param params its params, or {@code null}
   * @param options timeout and progress listener (which may also be called on the I/O thread)
   * @return the result; cancelling the future cancels the request on the server
   */
  default CompletableFuture<JsonNode> requestWithoutBlocking(
      String method, @org.jspecify.annotations.Nullable JsonNode params, RequestOptions options) {
    return requestAsync(method, params, options);
  }

  /**
   * Sends a notification.
   *
   * @param method the method
   * @param params its params, or {@code null}
   */
  void notify(String method, @org.jspecify.annotations.Nullable JsonNode params);

  /**
   * Lists every resource ({@code resources/list}, all pages).
   *
   * @return the resources, in the server's order
   */
  List<ResourceInfo> listResources();

  /**
   * Reads a resource.
   *
   * @param uri the resource
   * @return the {@code resources/read} result
   * @throws McpClientException when the server answers with an error (for example {@code -32002},
   *     resource not found)
   */
  ReadResourceResult readResource(String uri);

  /**
   * Lists every prompt ({@code prompts/list}, all pages).
   *
   * @return the prompts, in the server's order
   */
  List<PromptInfo> listPrompts();

  /**
   * Gets a prompt.
   *
   * @param name the prompt
   * @param arguments its arguments by name (empty if it takes none)
   * @return the {@code prompts/get} result
   * @throws McpClientException when the server answers with an error (for example {@code -32602}
   *     for a missing argument)
   */
  GetPromptResult getPrompt(String name, Map<String, String> arguments);

  /**
   * Gets a prompt that takes no arguments.
   *
   * @param name the prompt
   * @return the {@code prompts/get} result
   * @throws McpClientException when the server answers with an error
   */
  default GetPromptResult getPrompt(String name) {
    return getPrompt(name, Map.of());
  }

  /**
   * Lists one page of skills ({@code skills/list} of the Skills extension). Fetches no skill file.
   * The default implementation throws {@link UnsupportedOperationException}.
   *
   * @param cursor the cursor of the page, or {@code null} for the first
   * @return the page
   */
  default SkillPage listSkills(@org.jspecify.annotations.Nullable String cursor) {
    throw new UnsupportedOperationException("this client does not implement the Skills extension");
  }

  /**
   * Describes one skill ({@code skills/get}). Fetches no skill file. The default implementation
   * throws {@link UnsupportedOperationException}.
   *
   * @param uri the URI of the skill's {@code SKILL.md}
   * @return its entry
   */
  default SkillEntry getSkill(String uri) {
    throw new UnsupportedOperationException("this client does not implement the Skills extension");
  }

  /**
   * Loads a skill: reads its {@code SKILL.md}, verifies its size and digest against the entry and
   * compares its front-matter with the entry's field by field. Other files are read later, when
   * needed, with {@link #readSkillFile}. The default implementation throws {@link
   * UnsupportedOperationException}.
   *
   * @param skill the entry from {@link #listSkills} or {@link #getSkill}
   * @return the verified text of {@code SKILL.md}
   * @throws SkillVerificationException if the file does not match the entry (it is not used)
   */
  default String loadSkill(SkillEntry skill) {
    throw new UnsupportedOperationException("this client does not implement the Skills extension");
  }

  /**
   * Reads one file of a loaded skill and verifies its size and digest against the entry (a file of
   * a {@linkplain SkillEntry#dynamic() dynamic} skill has nothing to be verified against). The
   * default implementation throws {@link UnsupportedOperationException}.
   *
   * @param skill the skill's entry
   * @param uri the file's URI
   * @return the verified raw bytes
   * @throws SkillVerificationException if the file is not listed or does not match its entry
   */
  default byte[] readSkillFile(SkillEntry skill, String uri) {
    throw new UnsupportedOperationException("this client does not implement the Skills extension");
  }

  /**
   * Ends the session (HTTP {@code DELETE}) and releases the connections. Closing twice is a no-op.
   */
  @Override
  void close();
}
