package dev.mcpkit.transport.stdio;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.GetPromptResult;
import dev.mcpkit.api.client.InitializeResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.PromptInfo;
import dev.mcpkit.api.client.ReadResourceResult;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.ResourceInfo;
import dev.mcpkit.api.client.ServerRequestHandler;
import dev.mcpkit.api.client.SkillEntry;
import dev.mcpkit.api.client.SkillPage;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.codec.SkillFetching;
import dev.mcpkit.transport.stdio.internal.ChildProcess;
import dev.mcpkit.transport.stdio.internal.ClientSettings;
import dev.mcpkit.transport.stdio.internal.StdioConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An {@link McpClient} that starts an MCP server as a child process and speaks newline-delimited
 * JSON-RPC with it over the child's standard input and output. The child's standard error goes to
 * the log line by line (logger {@code dev.mcpkit.transport.stdio.child}, INFO).
 *
 * {@snippet :
 * try (McpStdioClient client = McpStdioClient.builder(List.of("npx", "-y", "some-mcp-server"))
 *     .environment("API_KEY", key)
 *     .clientInfo("my-agent", "1.0")
 *     .onRequest("sampling/createMessage", params -> canned(params))
 *     .build()) {
 *   client.listTools().forEach(tool -> System.out.println(tool.name()));
 *   client.exited().thenAccept(status -> System.err.println("server exited: " + status));
 * }
 * }
 *
 * <p>The connection is one session, initialized on the first call; {@link #sessionId()} is always
 * empty (stdio has no session ids). If the child dies, or closes its output, every call waiting for
 * an answer fails at once with {@link McpClientException}, and so does every later call; {@link
 * #exited()} tells when the process ended, so a caller can start a new client (with backoff) in its
 * place. {@link #close()} closes the child's standard input, sends SIGTERM after {@link
 * Builder#shutdownGrace(Duration)}, and SIGKILL after another.
 *
 * <p>The Skills extension's client side ({@link #listSkills}, {@link #getSkill}, {@link
 * #loadSkill}, {@link #readSkillFile}) is the HTTP client's, verification included. Tasks (revision
 * 2026-07-28) do not arise over stdio: this client speaks the session-based revisions, where every
 * tool call is answered directly.
 *
 * <p>Beyond the typed calls, {@link #request} and {@link #notify} send any method, and {@link
 * Builder#onUnhandledRequest(RequestRouter)} receives any server-to-client request that no {@link
 * Builder#onRequest(String, ServerRequestHandler)} handler takes (a gateway passes them through).
 *
 * <p>Thread-safety: the builder is not thread-safe; the client is.
 */
public final class McpStdioClient implements McpClient {
  /** How long the child's output may stay open after it exited (a descendant holding it). */
  private static final Duration EXIT_GRACE = Duration.ofMillis(500);

  private final StdioConnection connection;
  private final ChildProcess child;

  private McpStdioClient(StdioConnection connection, ChildProcess child) {
    this.connection = connection;
    this.child = child;
  }

  /**
   * Starts a builder.
   *
   * @param command the server's program and its arguments, e.g. {@code ["node", "dist/index.js",
   *     "stdio"]}; not empty
   * @return a builder
   */
  public static Builder builder(List<String> command) {
    return new Builder(command);
  }

  /**
   * Answers a server-to-client request of any method (the pass-through of a gateway). It runs on a
   * virtual thread of its own and may block; the thread is interrupted when the server cancels the
   * request or the connection ends. Throwing {@link McpClientException} with an {@link
   * McpClientException#error()} answers with that error; any other exception answers with an
   * internal error (its message is not sent).
   */
  @FunctionalInterface
  public interface RequestRouter {
    /**
     * Answers a request.
     *
     * @param method the request's method, e.g. {@code sampling/createMessage}
     * @param params its params (an empty object when it had none)
     * @return the result to send back
     * @throws Exception to answer with an error
     */
    JsonNode handle(String method, JsonNode params) throws Exception;
  }

  /**
   * Returns a future completed with the child's exit status once it ended (for any reason,
   * including {@link #close()}). Completing or cancelling the returned future has no effect.
   *
   * @return the future
   */
  public CompletableFuture<Integer> exited() {
    return child.exited().copy();
  }

  /**
   * Returns a future completed with the reason once this client can make no more calls: the child
   * closed its output (it died, most often) or the client was closed.
   *
   * @return the future; it never fails
   */
  public CompletableFuture<String> disconnected() {
    return connection.ended().copy();
  }

  /**
   * Returns the child's process id.
   *
   * @return the pid
   */
  public long pid() {
    return child.pid();
  }

  @Override
  public InitializeResult initialize() {
    return connection.initialize();
  }

  @Override
  public Optional<ProtocolVersion> protocolVersion() {
    return connection.protocolVersion();
  }

  /**
   * Returns no id: the stdio transport has none.
   *
   * @return empty
   */
  @Override
  public Optional<String> sessionId() {
    return connection.sessionId();
  }

  @Override
  public void ping() {
    connection.ping();
  }

  @Override
  public List<ToolInfo> listTools() {
    return connection.listTools();
  }

  @Override
  public CallToolResult callTool(String name, JsonNode arguments, RequestOptions options) {
    return connection.callTool(name, arguments, options);
  }

  @Override
  public CompletableFuture<CallToolResult> callToolAsync(
      String name, JsonNode arguments, RequestOptions options) {
    return connection.callToolAsync(name, arguments, options);
  }

  @Override
  public JsonNode request(String method, @Nullable JsonNode params, RequestOptions options) {
    return connection.request(method, params, options);
  }

  @Override
  public CompletableFuture<JsonNode> requestAsync(
      String method, @Nullable JsonNode params, RequestOptions options) {
    return connection.requestAsync(method, params, options);
  }

  @Override
  public void notify(String method, @Nullable JsonNode params) {
    connection.notify(method, params);
  }

  @Override
  public List<ResourceInfo> listResources() {
    return connection.listResources();
  }

  @Override
  public ReadResourceResult readResource(String uri) {
    return connection.readResource(uri);
  }

  @Override
  public List<PromptInfo> listPrompts() {
    return connection.listPrompts();
  }

  @Override
  public GetPromptResult getPrompt(String name, Map<String, String> arguments) {
    return connection.getPrompt(name, arguments);
  }

  @Override
  public SkillPage listSkills(@Nullable String cursor) {
    return SkillFetching.list(this, cursor);
  }

  @Override
  public SkillEntry getSkill(String uri) {
    return SkillFetching.get(this, uri);
  }

  @Override
  public String loadSkill(SkillEntry skill) {
    return SkillFetching.load(this, skill);
  }

  @Override
  public byte[] readSkillFile(SkillEntry skill, String uri) {
    return SkillFetching.read(this, skill, uri);
  }

  /**
   * Fails the calls still waiting, then stops the child: its standard input is closed, SIGTERM
   * follows after the grace period, SIGKILL (of the child and its descendants) after another.
   * Blocks for at most twice the grace period. Closing twice is a no-op.
   */
  @Override
  public void close() {
    connection.close();
  }

  /** Collects the options; each setter validates its value and names it in the message. */
  public static final class Builder {
    private final List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private @Nullable Path directory;
    private @Nullable String name;
    private String clientName = "mcpkit-client";
    private String clientVersion = "0.1.0";
    private ProtocolVersion version = ProtocolVersion.latest();
    private final Map<String, ServerRequestHandler> handlers = new LinkedHashMap<>();
    private @Nullable RequestRouter fallback;
    private final Map<String, JsonNode> capabilities = new LinkedHashMap<>();
    private Consumer<JsonRpcNotification> notificationListener = n -> {};
    private Duration requestTimeout = Duration.ofSeconds(60);
    private int maxLineBytes = 4 * 1024 * 1024;
    private Duration shutdownGrace = Duration.ofSeconds(2);

    private Builder(List<String> command) {
      requireNonNull(command, "command");
      if (command.isEmpty()) {
        throw new IllegalArgumentException("command must not be empty");
      }
      command.forEach(part -> requireNonNull(part, "command element"));
      this.command = List.copyOf(command);
    }

    /**
     * Sets an environment variable of the child (which inherits this process's environment).
     *
     * @param variable the name
     * @param value the value
     * @return this
     */
    public Builder environment(String variable, String value) {
      environment.put(requireNonNull(variable, "variable"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the child's working directory (this process's by default).
     *
     * @param directory an existing directory
     * @return this
     */
    public Builder directory(Path directory) {
      this.directory = requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Sets what the log calls the server (the program's file name by default).
     *
     * @param name a short name
     * @return this
     */
    public Builder name(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets {@code clientInfo}.
     *
     * @param name the client's name
     * @param version its version
     * @return this
     */
    public Builder clientInfo(String name, String version) {
      this.clientName = requireNonNull(name, "name");
      this.clientVersion = requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets the protocol version requested at {@code initialize}; the latest session-based one by
     * default.
     *
     * @param version a session-based version
     * @return this
     */
    public Builder protocolVersion(ProtocolVersion version) {
      requireNonNull(version, "version");
      if (version.sessionless()) {
        throw new IllegalArgumentException(
            "protocolVersion must be one with initialize over stdio: " + version);
      }
      this.version = version;
      return this;
    }

    /**
     * Registers the handler of a server-to-client request method. Registering {@code
     * sampling/createMessage}, {@code elicitation/create} or {@code roots/list} declares the
     * matching client capability. Requests without a handler go to {@link #onUnhandledRequest}, or
     * are answered "method not found"; {@code ping} is always answered.
     *
     * @param method the method
     * @param handler its handler
     * @return this
     */
    public Builder onRequest(String method, ServerRequestHandler handler) {
      handlers.put(requireNonNull(method, "method"), requireNonNull(handler, "handler"));
      return this;
    }

    /**
     * Sets the handler of every server-to-client request no {@link #onRequest} handler takes
     * ({@code ping} included). It declares no capability: use {@link #capability} for that.
     *
     * @param router the handler
     * @return this
     */
    public Builder onUnhandledRequest(RequestRouter router) {
      this.fallback = requireNonNull(router, "router");
      return this;
    }

    /**
     * Declares a client capability with its exact value, overriding the one derived from the
     * registered handlers.
     *
     * @param name the capability, e.g. {@code "elicitation"}
     * @param value its value (an object)
     * @return this
     */
    public Builder capability(String name, JsonNode value) {
      requireNonNull(value, "value");
      if (!value.isObject()) {
        throw new IllegalArgumentException("capability " + name + " must be an object: " + value);
      }
      capabilities.put(requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * Sets the listener of the server's notifications other than progress (logging, list changes,
     * resource updates, cancellations). It runs on the thread reading the server's output.
     *
     * @param listener the listener
     * @return this
     */
    public Builder onNotification(Consumer<JsonRpcNotification> listener) {
      this.notificationListener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the default time a request waits for its answer (60 s by default).
     *
     * @param timeout positive
     * @return this
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Sets the longest line (message) accepted from the server (4 MiB by default); longer ones are
     * skipped, never buffered whole. When the skipped message's first bytes name its id (JSON-RPC
     * writers put {@code id} before {@code result}), the call it answers fails at once with a
     * {@link McpClientException} that names the limit, and a request of the server is answered with
     * an error; otherwise the call waits for its timeout.
     *
     * @param max at least 1024
     * @return this
     */
    public Builder maxLineBytes(int max) {
      if (max < 1024) {
        throw new IllegalArgumentException("maxLineBytes must be >= 1024: " + max);
      }
      this.maxLineBytes = max;
      return this;
    }

    /**
     * Sets how long the child may take to exit after its input closed, and again after SIGTERM (2 s
     * by default).
     *
     * @param grace positive
     * @return this
     */
    public Builder shutdownGrace(Duration grace) {
      this.shutdownGrace = positive(grace, "shutdownGrace");
      return this;
    }

    /**
     * Starts the child; no message is sent until the first call.
     *
     * @return the client
     * @throws McpClientException if the command cannot be started
     */
    public McpStdioClient build() {
      String shown = name != null ? name : Path.of(command.get(0)).getFileName().toString();
      RequestRouter router = fallback;
      ClientSettings settings =
          new ClientSettings(
              command,
              environment,
              directory,
              shown,
              clientName,
              clientVersion,
              version,
              handlers,
              router == null ? null : router::handle,
              capabilities,
              notificationListener,
              requestTimeout,
              maxLineBytes,
              shutdownGrace);
      ChildProcess child;
      try {
        child = ChildProcess.start(command, environment, directory, shown);
      } catch (IOException e) {
        throw new McpClientException("cannot start " + String.join(" ", command), e);
      }
      Duration grace = shutdownGrace;
      StdioConnection connection =
          StdioConnection.start(settings, child.stdout(), child.stdin(), () -> child.stop(grace));
      child.exited().thenAccept(status -> connection.serverExited(status, EXIT_GRACE));
      return new McpStdioClient(connection, child);
    }

    private static Duration positive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
