package dev.mcpkit.api.server;

import java.util.List;
import java.util.Map;

/**
 * The code behind a {@link ResourceTemplate}: produces the contents of a URI that matched the
 * template.
 *
 * <p>Called concurrently by the requests of every session, so implementations must be thread-safe.
 * It runs on the virtual thread of the request, so it may block. An exception thrown here becomes a
 * JSON-RPC internal error (an {@link IllegalArgumentException}: "Invalid params" with its message);
 * the client never sees a stack trace. Throwing {@link ResourceNotFoundException} answers "Resource
 * not found" instead, for URIs that match the template but name nothing.
 */
@FunctionalInterface
public interface ResourceTemplateHandler {

  /**
   * Reads the resource a URI names.
   *
   * @param uri the URI the client asked for
   * @param variables the template's variables as matched in the URI (e.g. {@code id -> "123"} for
   *     {@code test://template/{id}/data}), in template order, unmodifiable; percent-encoding is
   *     left as sent
   * @param context the request's context
   * @return the contents; usually one entry
   * @throws IllegalArgumentException if the arguments are wrong: the JSON-RPC error {@code -32602}
   *     (Invalid params) with its message (see {@link ToolFailureMessages} for every case)
   * @throws Exception if reading fails: a generic {@code -32603} (Internal error) for the client,
   *     logged at {@code WARN} with its stack trace on the server
   */
  List<ResourceContents> read(String uri, Map<String, String> variables, RequestContext context)
      throws Exception;
}
