/**
 * The JSON-RPC 2.0 codec of mcpkit and the {@code x-mcp-header} schema walk, shared by the engine
 * ({@code dev.mcpkit.session}) and the client ({@code dev.mcpkit.transport.jetty}) so that both
 * read and write messages with one streaming reader and writer over one mapper, and mirror tool
 * arguments into {@code Mcp-Param-*} headers by one rule; and what both clients (HTTP and stdio)
 * share of the Skills extension: the digest and front-matter rules ({@link
 * dev.mcpkit.codec.SkillFiles}) and the verified fetching of skill files ({@link
 * dev.mcpkit.codec.SkillFetching}).
 *
 * <p>{@code dev.mcpkit.codec} ({@link dev.mcpkit.codec.JsonRpcCodecs}, {@link
 * dev.mcpkit.codec.McpParamHeaders}) is the way in; the reader and writer live in the non-exported
 * {@code dev.mcpkit.codec.internal}. Users never see this module: what they program against is
 * {@code dev.mcpkit.api}, whose {@code JsonRpcCodec} a transport obtains from the engine.
 */
// The modules the package is exported to are compiled after this one, so javac cannot see them.
@SuppressWarnings("module")
module dev.mcpkit.codec {
  requires transitive dev.mcpkit.api;
  requires static org.jspecify;
  requires tools.jackson.dataformat.yaml;

  // An implementation detail that our modules share (and the benchmarks measure), not user
  // API: only those modules may read it. It cannot live in dev.mcpkit.api, which holds no
  // implementation, nor in dev.mcpkit.session, on which the transport must not depend.
  exports dev.mcpkit.codec to
      dev.mcpkit.session,
      dev.mcpkit.transport.jetty,
      dev.mcpkit.transport.stdio,
      dev.mcpkit.benchmarks;
}
