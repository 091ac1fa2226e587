package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.codec.JsonRpcCodecs;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON-RPC errors that revision 2026-07-28 defines (schema: the sub-range -32020..-32099 the
 * specification reserves), each answered with HTTP 400 on Streamable HTTP.
 */
public final class StatelessErrors {
  /** The HTTP headers do not match the body, or a required header is missing or malformed. */
  public static final int HEADER_MISMATCH = -32020;

  /** Processing needs a client capability the request's {@code _meta} did not declare. */
  static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;

  /** The request's protocol version is not one this server implements. */
  static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

  private StatelessErrors() {}

  public static JsonRpcError headerMismatch(String detail) {
    return JsonRpcError.of(HEADER_MISMATCH, "Header mismatch: " + detail);
  }

  /** {@code data} lists the versions served (both eras) and echoes the one requested. */
  public static JsonRpcError unsupportedVersion(String requested) {
    return unsupportedVersion(requested, ProtocolVersion.supportedWireNames());
  }

  /** {@code data} lists the versions given (those served) and echoes the one requested. */
  public static JsonRpcError unsupportedVersion(String requested, java.util.List<String> served) {
    ObjectNode data = JsonRpcCodecs.nodes().objectNode();
    ArrayNode supported = data.putArray("supported");
    served.forEach(supported::add);
    data.put("requested", requested);
    return new JsonRpcError(UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version", data);
  }

  /** {@code data.requiredCapabilities} is a ClientCapabilities object keyed by the capability. */
  static JsonRpcError missingCapability(String capability, String method) {
    ObjectNode data = JsonRpcCodecs.nodes().objectNode();
    data.putObject("requiredCapabilities").putObject(capability);
    return new JsonRpcError(
        MISSING_REQUIRED_CLIENT_CAPABILITY,
        "Missing required client capability: '" + capability + "' (needed for " + method + ")",
        data);
  }
}
