package dev.mcpkit.transport.jetty;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * TLS for {@link McpHttpServer}: the key store holding the server's private key and certificate
 * chain and, optionally, a trust store against which clients' certificates are checked.
 *
 * <p>With TLS configured the server speaks only TLS on its port: ALPN negotiates {@code h2}
 * (HTTP/2) or {@code http/1.1}; a client that offers no ALPN gets HTTP/1.1. Protocols are TLS 1.3
 * and 1.2 only, with Jetty's default exclusions of weak cipher suites, ordered so that HTTP/2's
 * cipher requirements are met first.
 *
 * {@snippet :
 * McpHttpServer server = McpHttpServer.builder()
 *     .host("0.0.0.0").port(8443).allowHost("mcp.example.com")
 *     .tls(TlsConfig.keyStore(Path.of("/etc/mcp/server.p12"), password))
 *     .engine(engine)
 *     .build();
 * }
 *
 * <p>Immutable apart from the passwords, which are copied in and out; {@link #toString()} does not
 * show them.
 *
 * @param keyStore the key store file; must be readable
 * @param keyStoreType the key store type, e.g. {@code PKCS12} (the default) or {@code JKS}
 * @param keyStorePassword the password of the key store and of the key in it
 * @param clientAuth whether clients must present a certificate
 * @param trustStore the trust store for client certificates, or {@code null} to use the JDK's
 * @param trustStorePassword the trust store's password, or {@code null}
 */
public record TlsConfig(
    Path keyStore,
    String keyStoreType,
    char[] keyStorePassword,
    ClientAuth clientAuth,
    @Nullable Path trustStore,
    char @Nullable [] trustStorePassword) {

  /** Whether the server asks clients for a certificate during the TLS handshake. */
  public enum ClientAuth {
    /** Clients are not asked; the default. */
    NONE,
    /** Clients are asked but may decline; an {@link Authenticator} sees the certificate if sent. */
    WANT,
    /** Clients without a certificate the trust store accepts fail the handshake. */
    NEED
  }

  /** Validates the fields and copies the passwords. */
  public TlsConfig {
    requireNonNull(keyStore, "keyStore");
    requireNonNull(keyStoreType, "keyStoreType");
    requireNonNull(keyStorePassword, "keyStorePassword");
    requireNonNull(clientAuth, "clientAuth");
    if (!Files.isReadable(keyStore)) {
      throw new IllegalArgumentException("keyStore is not a readable file: " + keyStore);
    }
    if (keyStoreType.isBlank()) {
      throw new IllegalArgumentException("keyStoreType must not be blank");
    }
    if (trustStore != null && !Files.isReadable(trustStore)) {
      throw new IllegalArgumentException("trustStore is not a readable file: " + trustStore);
    }
    keyStorePassword = keyStorePassword.clone();
    trustStorePassword = trustStorePassword == null ? null : trustStorePassword.clone();
  }

  /**
   * A PKCS#12 key store, no client certificates.
   *
   * @param keyStore the key store file
   * @param password the password of the key store and of its key
   * @return the configuration
   */
  public static TlsConfig keyStore(Path keyStore, char[] password) {
    return new TlsConfig(keyStore, "PKCS12", password, ClientAuth.NONE, null, null);
  }

  /**
   * Returns a copy that asks clients for certificates checked against a PKCS#12 trust store.
   *
   * @param clientAuth {@link ClientAuth#WANT} or {@link ClientAuth#NEED}
   * @param trustStore the trust store file
   * @param password its password
   * @return the new configuration
   */
  public TlsConfig withClientAuth(ClientAuth clientAuth, Path trustStore, char[] password) {
    return new TlsConfig(
        keyStore, keyStoreType, keyStorePassword, clientAuth, trustStore, password);
  }

  /**
   * Returns a copy of the key store password.
   *
   * @return the password
   */
  @Override
  public char[] keyStorePassword() {
    return keyStorePassword.clone();
  }

  /**
   * Returns a copy of the trust store password.
   *
   * @return the password, or {@code null}
   */
  @Override
  public char @Nullable [] trustStorePassword() {
    return trustStorePassword == null ? null : trustStorePassword.clone();
  }

  @Override
  public String toString() {
    return "TlsConfig[keyStore="
        + keyStore
        + ", keyStoreType="
        + keyStoreType
        + ", clientAuth="
        + clientAuth
        + ", trustStore="
        + trustStore
        + "]";
  }
}
