package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The definition of an MCP server: who it is, what it tells the model, and what it offers. Immutable;
 * hand it to {@code dev.mcpkit.session.McpEngines.create(...)}.
 *
 * {@snippet :
 * McpServerConfig config = McpServerConfig.builder()
 *     .serverInfo("hello", "1.0.0")
 *     .instructions("Greets people.")
 *     .tool(Tool.of("greet", "Greets someone.", schema, (arguments, ctx) -> ToolResult.text("Hello!")))
 *     .build();
 * }
 *
 * @param serverInfo the server's name and version
 * @param instructions how to use the server, for the model; or {@code null}
 * @param tools the tools, with unique names, in the order {@code tools/list} shows them
 */
public record McpServerConfig(ServerInfo serverInfo, @Nullable String instructions, List<Tool> tools) {

  /** Validates the fields, copies the list and rejects duplicate tool names. */
  public McpServerConfig {
    requireNonNull(serverInfo, "serverInfo");
    tools = List.copyOf(requireNonNull(tools, "tools"));
    Set<String> names = new HashSet<>();
    for (Tool tool : tools) {
      if (!names.add(tool.name())) {
        throw new IllegalArgumentException("duplicate tool name '" + tool.name() + "'");
      }
    }
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
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException if {@code serverInfo} was not set
     */
    public McpServerConfig build() {
      if (serverInfo == null) {
        throw new IllegalStateException("serverInfo must be set");
      }
      return new McpServerConfig(serverInfo, instructions, tools);
    }
  }
}
