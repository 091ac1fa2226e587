package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A tool the server offers: what {@code tools/list} shows and what {@code tools/call} runs.
 *
 * <h2>Typed tools</h2>
 *
 * {@link #typed(String, String, Class, Class, TypedToolHandler)} makes a tool of a record type and
 * a lambda: the input schema is generated from the record, the arguments are bound to it, and the
 * returned value becomes {@code structuredContent} described by the generated output schema. An
 * object whose methods carry {@code @McpTool} is registered with {@link
 * McpServerConfig.Builder#tools(Object...)}. Both need the {@code dev.mcpkit.tools} module
 * (artifact {@code mcp-tools}) at run time; servers written with {@link #of} alone do not.
 *
 * {@snippet :
 * record Greeting(String name) {}
 * record Greeted(String text) {}
 * Tool greet = Tool.typed("greet", "Greets someone by name.", Greeting.class, Greeted.class,
 *     (greeting, ctx) -> new Greeted("Hello, " + greeting.name() + "!"));
 * }
 *
 * <p>The engine validates the {@code arguments} of every call against {@link #inputSchema()}, for
 * raw and typed tools alike, before the handler runs: arguments that do not match come back as an
 * {@code isError} result naming the field and the rule, so the model can correct itself.
 *
 * {@snippet :
 * Tool greet = Tool.of("greet", "Greets someone by name.", schema,
 *     (arguments, ctx) -> ToolResult.text("Hello, " + arguments.path("name").asString("world") + "!"));
 * }
 *
 * <h2>Non-blocking tools</h2>
 *
 * A tool whose handler never blocks (it computes its result from its arguments and memory: no I/O,
 * no sleeping, no waiting for locks held across I/O, no {@linkplain ToolContext#request requests to
 * the client}) may be declared {@linkplain InvocationType#NON_BLOCKING non-blocking} with {@link
 * #withInvocationType}. The HTTP transport then runs a call to it on the I/O thread that read the
 * request, when nothing else about the request may block, and saves the hand-off to a request
 * thread and back: about half of the server's CPU per call for a trivial tool. The price of getting
 * it wrong is high: a non-blocking tool that blocks stalls every connection that I/O thread serves.
 * Such a tool:
 *
 * <ul>
 *   <li>cannot wait for the client: {@link ToolContext#request}, and {@link ToolContext#input} for
 *       a session-based client, throw {@link IllegalStateException} (for a client of revision
 *       2026-07-28, {@code input} ends the call with an {@code input_required} result and works);
 *   <li>is not interrupted when the client cancels the call ({@link ToolContext#isCancelled()}
 *       still tells), since the thread it runs on may be an I/O thread;
 *   <li>may send progress and log messages; when it runs inline they are written together with its
 *       result, as one SSE answer whose events carry no ids (it finishes too soon to resume).
 * </ul>
 *
 * {@snippet :
 * Tool echo = Tool.of("echo", "Echoes its text.", schema,
 *         (arguments, ctx) -> ToolResult.text(arguments.path("text").asString("")))
 *     .withInvocationType(InvocationType.NON_BLOCKING);
 * }
 *
 * <h2>Long-running tools (tasks)</h2>
 *
 * A tool declared with {@link #withTaskSupport} runs as a task for a client that declared the
 * {@code io.modelcontextprotocol/tasks} extension: the call is answered with a task handle and the
 * handler goes on running; the client polls {@code tasks/get}. See {@link TaskSupport}.
 *
 * {@snippet :
 * Tool report = Tool.of("report", "Builds the quarterly report.", schema, handler)
 *     .withTaskSupport(TaskSupport.OPTIONAL);
 * }
 *
 * <h2>Required scopes</h2>
 *
 * A tool may require scopes of the caller with {@link #withRequiredScopes}: only a principal that
 * is a {@link dev.mcpkit.api.ScopedPrincipal} holding every one of them sees the tool in {@code
 * tools/list} and may call it. A call without them is refused before the handler runs: over HTTP
 * with 403 and {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="..."} naming the
 * tool's required scopes (a JSON-RPC error {@code -32600} instead, for a call inside a JSON-RPC
 * batch). A principal that is not a {@code ScopedPrincipal}, and an anonymous caller, hold no
 * scopes.
 *
 * {@snippet :
 * Tool deploy = Tool.of("deploy", "Deploys a release.", schema, handler)
 *     .withRequiredScopes("deploy:write");
 * }
 *
 * @param name the unique name clients call it by: 1 to 128 characters of {@code A-Z a-z 0-9 _ - .}
 * @param description what it does, for the model
 * @param inputSchema a JSON Schema object describing the {@code arguments}
 * @param handler the code that runs
 * @param invocationType whether the handler may block; {@link InvocationType#NON_BLOCKING} lets it
 *     run on an I/O thread
 * @param requiredScopes the scopes a caller must hold, all of them, to see and call the tool; each
 *     an RFC 6749 scope token; empty (the default) for a tool open to every caller
 * @param taskSupport whether a call runs as a task; {@link TaskSupport#FORBIDDEN} (the default) for
 *     a tool that is always called synchronously
 * @param outputSchema a JSON Schema object describing the {@code structuredContent} of its results,
 *     or {@code null} if it declares none
 */
public record Tool(
    String name,
    String description,
    JsonNode inputSchema,
    ToolHandler handler,
    InvocationType invocationType,
    Set<String> requiredScopes,
    TaskSupport taskSupport,
    @Nullable JsonNode outputSchema) {
  private static final int MAX_NAME_LENGTH = 128;

  /** Validates the fields and copies the scopes. */
  public Tool {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(inputSchema, "inputSchema");
    requireNonNull(handler, "handler");
    requireNonNull(invocationType, "invocationType");
    requireNonNull(taskSupport, "taskSupport");
    if (taskSupport != TaskSupport.FORBIDDEN && invocationType.isNonBlocking()) {
      throw new IllegalArgumentException(
          "tool '" + name + "' is non-blocking and cannot run as a task");
    }
    requiredScopes = RequiredScopes.copyOf(requiredScopes, "tool '" + name + "'");
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "tool name must have 1 to " + MAX_NAME_LENGTH + " characters, was '" + name + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '.';
      if (!allowed) {
        throw new IllegalArgumentException(
            "tool name '" + name + "' has a character outside A-Z a-z 0-9 _ - . at index " + i);
      }
    }
    if (!inputSchema.isObject()) {
      throw new IllegalArgumentException(
          "inputSchema of tool '" + name + "' must be a JSON object");
    }
    if (outputSchema != null && !outputSchema.isObject()) {
      throw new IllegalArgumentException(
          "outputSchema of tool '" + name + "' must be a JSON object");
    }
  }

  /**
   * Creates a tool without an output schema.
   *
   * @param name the tool's name
   * @param description what it does
   * @param inputSchema a JSON Schema object for its arguments
   * @param handler the code that runs
   * @param invocationType whether the handler may block
   * @param requiredScopes the scopes a caller must hold
   * @param taskSupport whether a call runs as a task
   */
  public Tool(
      String name,
      String description,
      JsonNode inputSchema,
      ToolHandler handler,
      InvocationType invocationType,
      Set<String> requiredScopes,
      TaskSupport taskSupport) {
    this(
        name, description, inputSchema, handler, invocationType, requiredScopes, taskSupport, null);
  }

  /**
   * Creates a tool that never runs as a task and declares no output schema.
   *
   * @param name the tool's name
   * @param description what it does
   * @param inputSchema a JSON Schema object for its arguments
   * @param handler the code that runs
   * @param invocationType whether the handler may block
   * @param requiredScopes the scopes a caller must hold
   */
  public Tool(
      String name,
      String description,
      JsonNode inputSchema,
      ToolHandler handler,
      InvocationType invocationType,
      Set<String> requiredScopes) {
    this(
        name,
        description,
        inputSchema,
        handler,
        invocationType,
        requiredScopes,
        TaskSupport.FORBIDDEN);
  }

  /**
   * Creates a tool whose handler may block (the default).
   *
   * @param name the tool's name
   * @param description what it does
   * @param inputSchema a JSON Schema object for its arguments
   * @param handler the code that runs
   */
  public Tool(String name, String description, JsonNode inputSchema, ToolHandler handler) {
    this(name, description, inputSchema, handler, InvocationType.BLOCKING, Set.of());
  }

  /**
   * Creates a tool that requires no scopes.
   *
   * @param name the tool's name
   * @param description what it does
   * @param inputSchema a JSON Schema object for its arguments
   * @param handler the code that runs
   * @param invocationType whether the handler may block
   */
  public Tool(
      String name,
      String description,
      JsonNode inputSchema,
      ToolHandler handler,
      InvocationType invocationType) {
    this(name, description, inputSchema, handler, invocationType, Set.of());
  }

  /**
   * Returns this tool with another invocation type; see the class documentation for what {@link
   * InvocationType#NON_BLOCKING} promises.
   *
   * @param type whether the handler may block
   * @return a copy of this tool with {@link #invocationType()} {@code type}
   */
  public Tool withInvocationType(InvocationType type) {
    return new Tool(
        name, description, inputSchema, handler, type, requiredScopes, taskSupport, outputSchema);
  }

  /**
   * Returns this tool declaring the schema of its {@code structuredContent}.
   *
   * @param schema a JSON Schema object
   * @return a copy of this tool with {@link #outputSchema()} {@code schema}
   */
  public Tool withOutputSchema(JsonNode schema) {
    return new Tool(
        name,
        description,
        inputSchema,
        handler,
        invocationType,
        requiredScopes,
        taskSupport,
        requireNonNull(schema, "schema"));
  }

  /**
   * Returns this tool with another task support; see {@link TaskSupport}. A tool that runs as a
   * task must be allowed to block: its handler runs on a thread of its own.
   *
   * @param support whether calls run as tasks
   * @return a copy of this tool with {@link #taskSupport()} {@code support}
   * @throws IllegalArgumentException if {@code support} is not {@link TaskSupport#FORBIDDEN} and
   *     the tool is declared non-blocking
   */
  public Tool withTaskSupport(TaskSupport support) {
    requireNonNull(support, "support");
    return new Tool(
        name,
        description,
        inputSchema,
        handler,
        invocationType,
        requiredScopes,
        support,
        outputSchema);
  }

  /**
   * Returns this tool requiring the given scopes of its callers, in place of those it required; see
   * the class documentation.
   *
   * @param scopes the scopes a caller must hold, all of them; none for a tool open to every caller
   * @return a copy of this tool with {@link #requiredScopes()} {@code scopes}
   * @throws IllegalArgumentException if a scope is not an RFC 6749 scope token
   */
  public Tool withRequiredScopes(String... scopes) {
    return new Tool(
        name,
        description,
        inputSchema,
        handler,
        invocationType,
        RequiredScopes.copyOf(scopes, "tool '" + name + "'"),
        taskSupport,
        outputSchema);
  }

  /**
   * Creates a tool whose handler may block.
   *
   * @param name the tool's name
   * @param description what it does
   * @param inputSchema a JSON Schema object for its arguments
   * @param handler the code that runs
   * @return the tool
   */
  public static Tool of(
      String name, String description, JsonNode inputSchema, ToolHandler handler) {
    return new Tool(name, description, inputSchema, handler);
  }

  /**
   * Creates a tool from a record type and a lambda: its input schema is generated from {@code
   * argumentsType}, each call's arguments are bound to it, and the value the handler returns
   * becomes the result's {@code structuredContent} (with its JSON text beside it), described by an
   * output schema generated from {@code resultType}. A handler returning a {@link ToolResult} gives
   * it as it is, one returning a {@link String} gives a text result, one returning {@code null} an
   * empty one. An exception the handler throws becomes an {@code isError} result with its message.
   *
   * @param name the tool's name
   * @param description what it does, for the model
   * @param argumentsType the record (or other Jackson-bindable class) the arguments bind to
   * @param resultType the type of the handler's result; {@code ToolResult.class}, {@code
   *     String.class} or {@code Void.class} declare no output schema
   * @param handler the code that runs
   * @param <A> the arguments type
   * @param <R> the result type
   * @return the tool
   * @throws IllegalStateException if the {@code dev.mcpkit.tools} module is not present
   * @throws IllegalArgumentException if no schema can be generated for a type
   */
  public static <A, R> Tool typed(
      String name,
      String description,
      Class<A> argumentsType,
      Class<R> resultType,
      TypedToolHandler<A, R> handler) {
    return TypedSupport.definitions().tool(name, description, argumentsType, resultType, handler);
  }

  /**
   * Creates a tool from a record type and a lambda that returns a {@link ToolResult}; see {@link
   * #typed(String, String, Class, Class, TypedToolHandler)}.
   *
   * @param name the tool's name
   * @param description what it does, for the model
   * @param argumentsType the record the arguments bind to
   * @param handler the code that runs
   * @param <A> the arguments type
   * @return the tool
   * @throws IllegalStateException if the {@code dev.mcpkit.tools} module is not present
   */
  public static <A> Tool typed(
      String name,
      String description,
      Class<A> argumentsType,
      TypedToolHandler<A, ToolResult> handler) {
    return typed(name, description, argumentsType, ToolResult.class, handler);
  }
}
