package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.transport.jetty.TlsConfig;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Builds the server's connector: cleartext HTTP/1.1 with h2c (prior knowledge and upgrade) on one
 * port, or TLS with ALPN choosing h2 or http/1.1.
 */
public final class Connectors {
  /** TLS 1.3 and 1.2 only; older versions have known weaknesses and HTTP/2 forbids them. */
  private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private Connectors() {}

  /** The HTTP settings shared by every connector: no server version or X-Powered-By headers. */
  public static HttpConfiguration httpConfiguration() {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    return http;
  }

  /**
   * Sets the idle timeout of the connector's connections and of the HTTP/2 streams on them (Jetty
   * leaves HTTP/2 streams without one unless told).
   */
  public static void idleTimeout(ServerConnector connector, long idleMillis) {
    connector.setIdleTimeout(idleMillis);
    for (ConnectionFactory factory : connector.getConnectionFactories()) {
      if (factory instanceof AbstractHTTP2ServerConnectionFactory h2) {
        h2.setStreamIdleTimeout(idleMillis);
      }
    }
  }

  /**
   * Bounds the time an HTTP/2 connection of the connector may receive bytes without opening a
   * stream (a trickled HEADERS frame, for one): see {@link Http2HeaderDeadline}. HTTP/1.x
   * connections are bounded by {@link HeaderDeadline}; a connector without HTTP/2 gets nothing.
   */
  public static void http2HeaderDeadline(ServerConnector connector, long timeoutNanos) {
    for (ConnectionFactory factory : connector.getConnectionFactories()) {
      if (factory instanceof AbstractHTTP2ServerConnectionFactory) {
        // Managed: started and stopped with the connector; a Connection.Listener of its
        // connections, h2c upgrades included.
        connector.addBean(new Http2HeaderDeadline(connector.getScheduler(), timeoutNanos), true);
        return;
      }
    }
  }

  /**
   * HTTP/1.1, plus h2c when asked, on one cleartext port.
   *
   * @param selectors the selector threads, or 0 for Jetty's choice (half the processors)
   */
  public static ServerConnector cleartext(
      Server server, HttpConfiguration http, boolean h2c, int selectors) {
    return h2c
        ? new ServerConnector(
            server,
            JETTY_DEFAULT,
            jettyCount(selectors),
            new HttpConnectionFactory(http),
            new HTTP2CServerConnectionFactory(http))
        : new ServerConnector(
            server, JETTY_DEFAULT, jettyCount(selectors), new HttpConnectionFactory(http));
  }

  /** Jetty's "choose for me" for acceptor and selector counts. */
  private static final int JETTY_DEFAULT = -1;

  private static int jettyCount(int count) {
    return count == 0 ? JETTY_DEFAULT : count;
  }

  /**
   * TLS with ALPN: {@code h2} preferred, {@code http/1.1} for clients that ask for it or offer no
   * ALPN at all. The JDK's ALPN implementation is found through {@code jetty-alpn-java-server}.
   *
   * @param selectors the selector threads, or 0 for Jetty's choice (half the processors)
   */
  public static ServerConnector tls(
      Server server, HttpConfiguration http, TlsConfig tls, int selectors) {
    HttpConfiguration https = new HttpConfiguration(http);
    // Exposes the TLS session (client certificates) to the request and keeps Jetty's SNI host
    // check.
    https.addCustomizer(new SecureRequestCustomizer());
    HttpConnectionFactory http11 = new HttpConnectionFactory(https);
    HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
    ALPNServerConnectionFactory alpn =
        new ALPNServerConnectionFactory(h2.getProtocol(), http11.getProtocol());
    alpn.setDefaultProtocol(http11.getProtocol());
    SslConnectionFactory ssl = new SslConnectionFactory(sslContextFactory(tls), alpn.getProtocol());
    return new ServerConnector(server, JETTY_DEFAULT, jettyCount(selectors), ssl, alpn, h2, http11);
  }

  private static SslContextFactory.Server sslContextFactory(TlsConfig tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(tls.keyStore().toAbsolutePath().toString());
    ssl.setKeyStoreType(tls.keyStoreType());
    ssl.setKeyStorePassword(new String(tls.keyStorePassword()));
    ssl.setIncludeProtocols(TLS_PROTOCOLS);
    // Jetty's default excluded cipher suites stay; HTTP/2-acceptable suites are ordered first so
    // that a client offering h2 does not end up with a suite HTTP/2 forbids (RFC 9113, 9.2.2).
    ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
    ssl.setUseCipherSuitesOrder(true);
    if (tls.trustStore() != null) {
      ssl.setTrustStorePath(tls.trustStore().toAbsolutePath().toString());
      ssl.setTrustStoreType("PKCS12");
      char[] password = tls.trustStorePassword();
      if (password != null) {
        ssl.setTrustStorePassword(new String(password));
      }
    }
    switch (tls.clientAuth()) {
      case NONE -> {}
      case WANT -> ssl.setWantClientAuth(true);
      case NEED -> ssl.setNeedClientAuth(true);
    }
    return ssl;
  }
}
