package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The definition of an MCP server: who it is, what it tells the model, and what it offers.
 * Immutable; hand it to {@code dev.mcpkit.session.McpEngines.create(...)}.
 *
 * {@snippet :
 * McpServerConfig config = McpServerConfig.builder()
 *     .serverInfo("hello", "1.0.0")
 *     .instructions("Greets people.")
 *     .tool(Tool.of("greet", "Greets someone.", schema, (arguments, ctx) -> ToolResult.text("Hello!")))
 *     .resource(Resource.text("docs://motd", "motd", "Message of the day", "text/plain", () -> "Be kind."))
 *     .prompt(Prompt.of("welcome", "Welcomes a user.", List.of(PromptArgument.required("user", "Who to welcome")),
 *         (arguments, ctx) -> PromptResult.of(PromptMessage.user("Welcome " + arguments.get("user") + "!"))))
 *     .build();
 * }
 *
 * @param serverInfo the server's name and version
 * @param instructions how to use the server, for the model; or {@code null}
 * @param tools the tools, with unique names, in the order {@code tools/list} shows them
 * @param resources the static resources, with unique URIs, in the order {@code resources/list}
 *     shows them
 * @param resourceTemplates the resource templates, with unique templates, in the order {@code
 *     resources/templates/list} shows them and {@code resources/read} tries them
 * @param prompts the prompts, with unique names, in the order {@code prompts/list} shows them
 * @param skills the skills of the Skills extension ({@link Skills}); {@link Skills#none()} for none
 */
public record McpServerConfig(
    ServerInfo serverInfo,
    @Nullable String instructions,
    List<Tool> tools,
    List<Resource> resources,
    List<ResourceTemplate> resourceTemplates,
    List<Prompt> prompts,
    Skills skills) {

  /** Validates the fields, copies the lists and rejects duplicate names and URIs. */
  public McpServerConfig {
    requireNonNull(serverInfo, "serverInfo");
    tools = List.copyOf(requireNonNull(tools, "tools"));
    resources = List.copyOf(requireNonNull(resources, "resources"));
    resourceTemplates = List.copyOf(requireNonNull(resourceTemplates, "resourceTemplates"));
    prompts = List.copyOf(requireNonNull(prompts, "prompts"));
    requireNonNull(skills, "skills");
    Set<String> names = new HashSet<>();
    for (Tool tool : tools) {
      if (!names.add(tool.name())) {
        throw new IllegalArgumentException("duplicate tool name '" + tool.name() + "'");
      }
    }
    Set<String> uris = new HashSet<>();
    for (Resource resource : resources) {
      if (!uris.add(resource.uri())) {
        throw new IllegalArgumentException("duplicate resource uri '" + resource.uri() + "'");
      }
    }
    Set<String> templates = new HashSet<>();
    for (ResourceTemplate template : resourceTemplates) {
      if (!templates.add(template.uriTemplate())) {
        throw new IllegalArgumentException(
            "duplicate resource template '" + template.uriTemplate() + "'");
      }
    }
    Set<String> promptNames = new HashSet<>();
    for (Prompt prompt : prompts) {
      if (!promptNames.add(prompt.name())) {
        throw new IllegalArgumentException("duplicate prompt name '" + prompt.name() + "'");
      }
    }
  }

  /**
   * Creates a configuration without skills.
   *
   * @param serverInfo the server's name and version
   * @param instructions how to use the server, or {@code null}
   * @param tools the tools
   * @param resources the static resources
   * @param resourceTemplates the resource templates
   * @param prompts the prompts
   */
  public McpServerConfig(
      ServerInfo serverInfo,
      @Nullable String instructions,
      List<Tool> tools,
      List<Resource> resources,
      List<ResourceTemplate> resourceTemplates,
      List<Prompt> prompts) {
    this(serverInfo, instructions, tools, resources, resourceTemplates, prompts, Skills.none());
  }

  /**
   * Creates a configuration with tools only.
   *
   * @param serverInfo the server's name and version
   * @param instructions how to use the server, or {@code null}
   * @param tools the tools
   */
  public McpServerConfig(ServerInfo serverInfo, @Nullable String instructions, List<Tool> tools) {
    this(serverInfo, instructions, tools, List.of(), List.of(), List.of());
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A mutable builder; not thread-safe. Each setter validates its argument at once. */
  public static final class Builder {
    private @Nullable ServerInfo serverInfo;
    private @Nullable String instructions;
    private final List<Tool> tools = new ArrayList<>();
    private final Set<String> toolNames = new HashSet<>();
    private final List<Resource> resources = new ArrayList<>();
    private final Set<String> resourceUris = new HashSet<>();
    private final List<ResourceTemplate> resourceTemplates = new ArrayList<>();
    private final Set<String> uriTemplates = new HashSet<>();
    private final List<Prompt> prompts = new ArrayList<>();
    private final Set<String> promptNames = new HashSet<>();
    private Skills skills = Skills.none();

    private Builder() {}

    /**
     * Sets the server's name and version.
     *
     * @param name the programmatic name
     * @param version the version
     * @return this builder
     */
    public Builder serverInfo(String name, String version) {
      return serverInfo(ServerInfo.of(name, version));
    }

    /**
     * Sets the server's self-description.
     *
     * @param serverInfo the server info
     * @return this builder
     */
    public Builder serverInfo(ServerInfo serverInfo) {
      this.serverInfo = requireNonNull(serverInfo, "serverInfo");
      return this;
    }

    /**
     * Sets the instructions for the model.
     *
     * @param instructions the instructions
     * @return this builder
     */
    public Builder instructions(String instructions) {
      this.instructions = requireNonNull(instructions, "instructions");
      return this;
    }

    /**
     * Adds a tool.
     *
     * @param tool the tool; its name must not be taken
     * @return this builder
     */
    public Builder tool(Tool tool) {
      requireNonNull(tool, "tool");
      if (!toolNames.add(tool.name())) {
        throw new IllegalArgumentException("tool: duplicate tool name '" + tool.name() + "'");
      }
      tools.add(tool);
      return this;
    }

    /**
     * Adds a tool for each method annotated {@code @McpTool} on each object: explicit registration,
     * no classpath scanning. Each tool's input schema is generated from the method's parameters and
     * its output schema from its return type, once, here. Needs the {@code dev.mcpkit.tools}
     * module; see its documentation for the {@code opens} a module of tools declares.
     *
     * {@snippet :
     * McpServerConfig config = McpServerConfig.builder()
     *     .serverInfo("weather", "1.0.0")
     *     .tools(new WeatherTools())
     *     .build();
     * }
     *
     * @param targets objects with {@code @McpTool} methods
     * @return this builder
     * @throws IllegalArgumentException if an object has no such method, a name is taken, or a
     *     method cannot be bound
     * @throws IllegalStateException if the {@code dev.mcpkit.tools} module is not present
     */
    public Builder tools(Object... targets) {
      for (Object target : requireNonNull(targets, "targets")) {
        requireTarget(target, "tools");
        TypedSupport.definitions().tools(target).forEach(this::tool);
      }
      return this;
    }

    /**
     * Adds a resource or resource template for each method annotated {@code @McpResource} on each
     * object; URI template variables bind to the method's parameters by name.
     *
     * @param targets objects with {@code @McpResource} methods
     * @return this builder
     * @throws IllegalArgumentException if an object has no such method or a URI is taken
     * @throws IllegalStateException if the {@code dev.mcpkit.tools} module is not present
     */
    public Builder resources(Object... targets) {
      for (Object target : requireNonNull(targets, "targets")) {
        requireTarget(target, "resources");
        List<Resource> found = TypedSupport.definitions().resources(target);
        List<ResourceTemplate> templates = TypedSupport.definitions().resourceTemplates(target);
        if (found.isEmpty() && templates.isEmpty()) {
          throw new IllegalArgumentException(
              "resources: "
                  + target.getClass().getName()
                  + " has no public method annotated @McpResource");
        }
        found.forEach(this::resource);
        templates.forEach(this::resourceTemplate);
      }
      return this;
    }

    /**
     * Adds a prompt for each method annotated {@code @McpPrompt} on each object; the prompt's
     * arguments bind to the method's parameters by name.
     *
     * @param targets objects with {@code @McpPrompt} methods
     * @return this builder
     * @throws IllegalArgumentException if an object has no such method or a name is taken
     * @throws IllegalStateException if the {@code dev.mcpkit.tools} module is not present
     */
    public Builder prompts(Object... targets) {
      for (Object target : requireNonNull(targets, "targets")) {
        requireTarget(target, "prompts");
        TypedSupport.definitions().prompts(target).forEach(this::prompt);
      }
      return this;
    }

    private static void requireTarget(Object target, String option) {
      requireNonNull(target, option + ": target");
      if (target instanceof Tool
          || target instanceof Resource
          || target instanceof ResourceTemplate
          || target instanceof Prompt) {
        throw new IllegalArgumentException(
            option
                + ": takes objects with annotated methods; add a "
                + target.getClass().getSimpleName()
                + " with its singular method");
      }
    }

    /**
     * Adds a static resource.
     *
     * @param resource the resource; its URI must not be taken
     * @return this builder
     */
    public Builder resource(Resource resource) {
      requireNonNull(resource, "resource");
      if (!resourceUris.add(resource.uri())) {
        throw new IllegalArgumentException(
            "resource: duplicate resource uri '" + resource.uri() + "'");
      }
      resources.add(resource);
      return this;
    }

    /**
     * Adds a resource template.
     *
     * @param template the template; its URI template must not be taken
     * @return this builder
     */
    public Builder resourceTemplate(ResourceTemplate template) {
      requireNonNull(template, "template");
      if (!uriTemplates.add(template.uriTemplate())) {
        throw new IllegalArgumentException(
            "resourceTemplate: duplicate resource template '" + template.uriTemplate() + "'");
      }
      resourceTemplates.add(template);
      return this;
    }

    /**
     * Adds a prompt.
     *
     * @param prompt the prompt; its name must not be taken
     * @return this builder
     */
    public Builder prompt(Prompt prompt) {
      requireNonNull(prompt, "prompt");
      if (!promptNames.add(prompt.name())) {
        throw new IllegalArgumentException("prompt: duplicate prompt name '" + prompt.name() + "'");
      }
      prompts.add(prompt);
      return this;
    }

    /**
     * Sets the skills served through the Skills extension; the engine validates them when it is
     * created.
     *
     * @param skills the skills, e.g. {@link Skills#fromDirectory}
     * @return this builder
     */
    public Builder skills(Skills skills) {
      this.skills = requireNonNull(skills, "skills");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException if {@code serverInfo} was not set
     */
    public McpServerConfig build() {
      if (serverInfo == null) {
        throw new IllegalStateException("serverInfo must be set");
      }
      return new McpServerConfig(
          serverInfo, instructions, tools, resources, resourceTemplates, prompts, skills);
    }
  }
}
