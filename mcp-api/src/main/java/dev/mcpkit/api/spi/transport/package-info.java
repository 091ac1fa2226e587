/**
 * The service-provider interface for transport authors: how a transport (Streamable HTTP, stdio, a
 * gateway's client side) drives a protocol engine and reports what it does. Server and client
 * authors do not need this package.
 *
 * <p>{@link dev.mcpkit.api.spi.transport.TransportEngine} is the engine as a transport sees it
 * (every {@link dev.mcpkit.api.server.McpEngine} implements it): the transport parses a body with
 * its {@link dev.mcpkit.api.spi.transport.JsonRpcCodec}, hands the messages over as {@link
 * dev.mcpkit.api.spi.transport.IncomingMessages} with a {@link
 * dev.mcpkit.api.spi.transport.MessageSink} for what the engine sends before its answer, and writes
 * the {@link dev.mcpkit.api.spi.transport.Outcome}; a {@link
 * dev.mcpkit.api.spi.transport.Rejection} names the status a refusal maps to. {@link
 * dev.mcpkit.api.spi.transport.SessionOutbound} carries messages that belong to no request (the GET
 * stream). The HTTP observers ({@link dev.mcpkit.api.spi.transport.HttpServerObserver}, {@link
 * dev.mcpkit.api.spi.transport.HttpClientObserver}) are what a transport reports to metrics.
 */
@NullMarked
package dev.mcpkit.api.spi.transport;

import org.jspecify.annotations.NullMarked;
