package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.spi.transport.HttpServerObserver;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.util.concurrent.Executor;

/**
 * What both paths of the MCP endpoint ({@link InlineRequests} on I/O threads, {@link
 * BlockingRequests} on request threads) serve requests with, built once by {@link McpHandler}, so
 * the two take the same collaborators the same way.
 *
 * @param engine the protocol engine
 * @param codec the engine's JSON-RPC codec
 * @param settings the endpoint's settings
 * @param gate the host, origin and authentication checks every request passes first
 * @param streams the SSE streams of the sessions
 * @param observer told when the executor is saturated
 * @param requestThreads runs the work that may block (virtual threads)
 */
record EndpointParts(
    TransportEngine engine,
    JsonRpcCodec codec,
    TransportSettings settings,
    RequestGate gate,
    StreamRegistry streams,
    HttpServerObserver observer,
    Executor requestThreads) {
  /** Validates the fields. */
  EndpointParts {
    requireNonNull(engine, "engine");
    requireNonNull(codec, "codec");
    requireNonNull(settings, "settings");
    requireNonNull(gate, "gate");
    requireNonNull(streams, "streams");
    requireNonNull(observer, "observer");
    requireNonNull(requestThreads, "requestThreads");
  }

  /**
   * Assembles the parts of an endpoint: its gate from the settings, its codec from the engine.
   *
   * @param engine the protocol engine
   * @param settings the endpoint's settings
   * @param streams the SSE streams of the sessions
   * @param observer told when the executor is saturated
   * @param requestThreads runs the work that may block (virtual threads)
   * @return the parts
   */
  static EndpointParts of(
      TransportEngine engine,
      TransportSettings settings,
      StreamRegistry streams,
      HttpServerObserver observer,
      Executor requestThreads) {
    JsonRpcCodec codec = engine.codec();
    return new EndpointParts(
        engine,
        codec,
        settings,
        new RequestGate(settings, codec),
        streams,
        observer,
        requestThreads);
  }
}
