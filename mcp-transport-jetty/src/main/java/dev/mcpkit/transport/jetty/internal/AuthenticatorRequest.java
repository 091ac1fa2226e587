package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.transport.jetty.Authenticator;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/** The {@link Authenticator.Request} view of a Jetty request. Not thread-safe; one per request. */
final class AuthenticatorRequest implements Authenticator.Request {
  private final Request request;

  AuthenticatorRequest(Request request) {
    this.request = request;
  }

  @Override
  public @Nullable String header(String name) {
    return request.getHeaders().get(name);
  }

  @Override
  public List<String> headers(String name) {
    return request.getHeaders().getValuesList(name);
  }

  @Override
  public @Nullable SocketAddress remoteAddress() {
    return request.getConnectionMetaData().getRemoteSocketAddress();
  }

  @Override
  public boolean secure() {
    return request.isSecure();
  }

  @Override
  public List<X509Certificate> clientCertificates() {
    // Set by the SecureRequestCustomizer of the TLS connector.
    if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE)
        instanceof EndPoint.SslSessionData tls) {
      X509Certificate[] chain = tls.peerCertificates();
      if (chain != null) {
        return List.of(chain);
      }
    }
    return List.of();
  }

  /**
   * The protocol of the connection the request came over, as Jetty's server parsed it (e.g. {@code
   * HTTP/1.1}, {@code HTTP/2.0}). Not part of {@link Authenticator.Request}: tests read it to prove
   * which protocol a client really speaks.
   */
  String httpVersion() {
    return request.getConnectionMetaData().getHttpVersion().asString();
  }
}
