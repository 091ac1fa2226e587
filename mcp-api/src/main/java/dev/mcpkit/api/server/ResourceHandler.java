package dev.mcpkit.api.server;

import java.util.List;

/**
 * The code behind a static {@link Resource}: produces its contents for {@code resources/read}.
 *
 * <p>Called concurrently by the requests of every session, so implementations must be thread-safe.
 * It runs on the virtual thread of the request, so it may block. An exception thrown here becomes a
 * JSON-RPC internal error (an {@link IllegalArgumentException}: "Invalid params" with its message;
 * a {@link ResourceNotFoundException}: "Resource not found"); the client never sees a stack trace.
 */
@FunctionalInterface
public interface ResourceHandler {

  /**
   * Reads the resource.
   *
   * @param uri the URI the client asked for (the resource's own)
   * @param context the request's context
   * @return the contents; usually one entry
   * @throws IllegalArgumentException if the arguments are wrong: the JSON-RPC error {@code -32602}
   *     (Invalid params) with its message (see {@link ToolFailureMessages} for every case)
   * @throws Exception if reading fails: a generic {@code -32603} (Internal error) for the client,
   *     logged at {@code WARN} with its stack trace on the server
   */
  List<ResourceContents> read(String uri, RequestContext context) throws Exception;
}
