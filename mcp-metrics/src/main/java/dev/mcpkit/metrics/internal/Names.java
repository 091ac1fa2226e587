package dev.mcpkit.metrics.internal;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/** Attribute keys and bucket boundaries, from the semantic conventions where they name them. */
final class Names {
  private Names() {}

  static final AttributeKey<String> MCP_METHOD_NAME = AttributeKey.stringKey("mcp.method.name");
  static final AttributeKey<String> MCP_PROTOCOL_VERSION =
      AttributeKey.stringKey("mcp.protocol.version");
  static final AttributeKey<String> GEN_AI_TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
  static final AttributeKey<String> GEN_AI_PROMPT_NAME =
      AttributeKey.stringKey("gen_ai.prompt.name");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> NETWORK_TRANSPORT = AttributeKey.stringKey("network.transport");
  static final AttributeKey<String> NETWORK_PROTOCOL_NAME =
      AttributeKey.stringKey("network.protocol.name");
  static final AttributeKey<String> NETWORK_PROTOCOL_VERSION =
      AttributeKey.stringKey("network.protocol.version");
  static final AttributeKey<String> HTTP_REQUEST_METHOD =
      AttributeKey.stringKey("http.request.method");
  static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE =
      AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
  static final AttributeKey<String> GEN_AI_OPERATION_NAME =
      AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> RPC_RESPONSE_STATUS_CODE =
      AttributeKey.stringKey("rpc.response.status_code");
  static final AttributeKey<String> JSONRPC_REQUEST_ID =
      AttributeKey.stringKey("jsonrpc.request.id");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> HTTP_CONNECTION_STATE =
      AttributeKey.stringKey("http.connection.state");
  static final AttributeKey<String> SESSION_STATE = AttributeKey.stringKey("mcpkit.session.state");
  static final AttributeKey<String> TASK_STATUS = AttributeKey.stringKey("mcpkit.task.status");
  static final AttributeKey<String> CLOSE_REASON =
      AttributeKey.stringKey("mcpkit.session.close_reason");
  static final AttributeKey<String> REJECTION_REASON =
      AttributeKey.stringKey("mcpkit.session.rejection_reason");

  /** {@code network.protocol.name} of every mcpkit transport. */
  static final String HTTP = "http";

  /** The only transport mcpkit serves today is HTTP over TCP. */
  static final String TCP = "tcp";

  /** The MCP semantic conventions' advice for operation and session durations, in seconds. */
  static final List<Double> MCP_BUCKETS =
      List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);

  /** The HTTP semantic conventions' advice for {@code http.server.request.duration}, in seconds. */
  static final List<Double> HTTP_BUCKETS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

  /**
   * The HTTP semantic conventions' advice for {@code http.client.connection.duration}, in seconds.
   */
  static final List<Double> CONNECTION_BUCKETS =
      List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);

  /** Task durations, in seconds: from a fraction of a second to an hour. */
  static final List<Double> TASK_BUCKETS =
      List.of(0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 300.0, 600.0, 1800.0, 3600.0);

  static final double NANOS_PER_SECOND = 1e9;
}
