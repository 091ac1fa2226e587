package dev.mcpkit.transport.jetty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key material for the TLS tests, made once per test JVM with the JDK's {@code keytool} in a
 * temporary directory that is deleted on exit; no private key is ever committed. A server key for
 * {@code localhost}/{@code 127.0.0.1}, a client key for {@code CN=alice}, and a trust store for
 * each side holding the other side's certificate.
 */
final class TestTls {
  static final char[] PASSWORD = "test-only-password".toCharArray();

  private TestTls() {}

  /**
   * keytool costs seconds per run on a small machine: the client's key is made only when needed.
   */
  private static final class Dir {
    static final Path PATH = createDir();
  }

  private static final class ServerKeys {
    static final Path DIR = generateServerKeys(Dir.PATH);
  }

  private static final class ClientKeys {
    static final Path DIR = generateClientKeys(Dir.PATH);
  }

  /** The server's key store. */
  static Path serverKeyStore() {
    return ServerKeys.DIR.resolve("server.p12");
  }

  /** The trust store with the server's certificate, for clients. */
  static Path clientTrustStore() {
    return ServerKeys.DIR.resolve("client-trust.p12");
  }

  /** The client's key store ({@code CN=alice}). */
  static Path clientKeyStore() {
    return ClientKeys.DIR.resolve("client.p12");
  }

  /** The trust store with the client's certificate, for the server. */
  static Path serverTrustStore() {
    return ClientKeys.DIR.resolve("server-trust.p12");
  }

  static TlsConfig serverConfig() {
    return TlsConfig.keyStore(serverKeyStore(), PASSWORD);
  }

  /** A client context trusting the test server, presenting the client key if asked to. */
  static SSLContext clientContext(boolean withClientKey) {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load(clientTrustStore()));
      KeyManagerFactory keys = null;
      if (withClientKey) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(clientKeyStore()), PASSWORD);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(Path path) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  private static Path createDir() {
    try {
      Path dir = Files.createTempDirectory("mcpkit-tls");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a temporary directory", e);
    }
  }

  private static Path generateServerKeys(Path dir) {
    try {
      String password = new String(PASSWORD);
      keytool(
          dir,
          "-genkeypair",
          "-alias",
          "server",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=localhost",
          "-ext",
          "SAN=dns:localhost,ip:127.0.0.1",
          "-validity",
          "2",
          "-storetype",
          "PKCS12",
          "-keystore",
          "server.p12",
          "-storepass",
          password,
          "-keypass",
          password);
      keytool(
          dir,
          "-exportcert",
          "-alias",
          "server",
          "-keystore",
          "server.p12",
          "-storepass",
          password,
          "-file",
          "server.cer");
      keytool(
          dir,
          "-importcert",
          "-noprompt",
          "-alias",
          "server",
          "-file",
          "server.cer",
          "-storetype",
          "PKCS12",
          "-keystore",
          "client-trust.p12",
          "-storepass",
          password);
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException("cannot generate the test key stores", e);
    }
  }

  private static Path generateClientKeys(Path dir) {
    try {
      String password = new String(PASSWORD);
      keytool(
          dir,
          "-genkeypair",
          "-alias",
          "alice",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=alice",
          "-validity",
          "2",
          "-storetype",
          "PKCS12",
          "-keystore",
          "client.p12",
          "-storepass",
          password,
          "-keypass",
          password);
      keytool(
          dir,
          "-exportcert",
          "-alias",
          "alice",
          "-keystore",
          "client.p12",
          "-storepass",
          password,
          "-file",
          "client.cer");
      keytool(
          dir,
          "-importcert",
          "-noprompt",
          "-alias",
          "alice",
          "-file",
          "client.cer",
          "-storetype",
          "PKCS12",
          "-keystore",
          "server-trust.p12",
          "-storepass",
          password);
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException("cannot generate the test key stores", e);
    }
  }

  private static void keytool(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    // A short-lived tool: the quick compiler tier saves about half of its time.
    command.add("-J-XX:TieredStopAtLevel=1");
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Best effort: the directory is temporary anyway.
    }
  }
}
