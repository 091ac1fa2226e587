/**
 * JMH benchmarks of the mcpkit session engine against {@code ConcurrentHashMap} and Caffeine
 * baselines, compared in the same run; of the JSON-RPC codec of {@code dev.mcpkit.codec} (module
 * {@code mcp-codec}) against Jackson's tree model; and of the MCP client's connection pool
 * (HTTP/1.1 against h2c) through a real server on loopback, with and without mcpkit's OpenTelemetry
 * instrumentation; of the Redis store against the in-memory one; and the end-to-end comparison
 * ({@code dev.mcpkit.benchmarks.e2e}) of mcpkit against the official MCP Java SDK and a bare Jetty
 * floor, each server in its own JVM; and the soak and flood run of the everything server ({@code
 * dev.mcpkit.benchmarks.soak}).
 *
 * <p>Compiled and tested as a module; run from the class path out of the shaded {@code
 * benchmarks.jar} (see the pom for why). Nothing is exported: JMH's generated code lives in this
 * module's own {@code jmh_generated} packages and reaches the benchmarks from inside.
 */
module dev.mcpkit.benchmarks {
  requires dev.mcpkit.session;
  // CodecBenchmark measures the shared codec itself (mcp-codec exports it to this module).
  requires dev.mcpkit.codec;
  requires dev.mcpkit.transport.jetty;
  // The gateway comparison: mcpkit's gateway, and the echo server on stdio behind the proxies.
  requires dev.mcpkit.gateway;
  requires dev.mcpkit.transport.stdio;
  requires dev.mcpkit.store.redis;
  requires dev.mcpkit.metrics;
  // TokenValidationBenchmark: the resource server, keys and tokens made with Nimbus, and a JWKS
  // served by the JDK's HTTP server.
  requires dev.mcpkit.auth;
  requires com.nimbusds.jose.jwt;
  requires jdk.httpserver;
  // The SDK measures what the overhead runs cost; its jars are automatic modules.
  requires io.opentelemetry.sdk;
  requires io.opentelemetry.sdk.common;
  requires io.opentelemetry.sdk.metrics;
  requires io.opentelemetry.sdk.trace;
  requires io.opentelemetry.context;
  requires com.github.benmanes.caffeine;
  requires jmh.core;
  // CpuTimeProfiler and the end-to-end comparison read the process CPU time (com.sun.management).
  requires jdk.management;
  // The soak (dev.mcpkit.benchmarks.soak) drives the everything server with the JDK's HTTP client.
  requires java.net.http;
  requires static org.jspecify;
  // The end-to-end comparison: latency histograms, the raw load client, and the peer server (the
  // official MCP Java SDK, an automatic module, on Jetty ee11).
  requires HdrHistogram;
  requires org.eclipse.jetty.client;
  requires org.eclipse.jetty.http;
  requires org.eclipse.jetty.http2.client;
  requires org.eclipse.jetty.http2.client.transport;
  requires org.eclipse.jetty.http2.server;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.ee11.servlet;
  requires io.modelcontextprotocol.sdk.mcp;
  requires io.modelcontextprotocol.sdk.mcp.core;
  // The typed echo (ServerKind.MCPKIT_TYPED): Tool.typed's provider, and Jackson binds its record.
  requires dev.mcpkit.tools;

  opens dev.mcpkit.benchmarks.e2e to
      tools.jackson.databind;
  // TypedToolBenchmark binds its record with Jackson.
  opens dev.mcpkit.benchmarks to
      tools.jackson.databind;
}
