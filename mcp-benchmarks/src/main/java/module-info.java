/**
 * JMH benchmarks of the mcpkit session engine against {@code ConcurrentHashMap} and Caffeine
 * baselines, compared in the same run, and of the MCP client's connection pool (HTTP/1.1 against h2c)
 * through a real server on loopback; and the end-to-end comparison ({@code dev.mcpkit.benchmarks.e2e})
 * of mcpkit against the official MCP Java SDK and a bare Jetty floor, each server in its own JVM.
 *
 * <p>Compiled and tested as a module; run from the class path out of the shaded
 * {@code benchmarks.jar} (see the pom for why). Nothing is exported: JMH's generated code lives in
 * this module's own {@code jmh_generated} packages and reaches the benchmarks from inside.
 */
module dev.mcpkit.benchmarks {
  requires dev.mcpkit.session;
  requires dev.mcpkit.transport.jetty;
  requires com.github.benmanes.caffeine;
  requires jmh.core;
  requires static org.jspecify;
  // The end-to-end comparison: process CPU time (com.sun.management), latency histograms, the raw
  // load client, and the peer server (the official SDK, an automatic module, on Jetty ee11).
  requires jdk.management;
  requires HdrHistogram;
  requires org.eclipse.jetty.client;
  requires org.eclipse.jetty.http2.client;
  requires org.eclipse.jetty.http2.client.transport;
  requires org.eclipse.jetty.http2.server;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.ee11.servlet;
  requires io.modelcontextprotocol.sdk.mcp;
  requires io.modelcontextprotocol.sdk.mcp.core;
}
