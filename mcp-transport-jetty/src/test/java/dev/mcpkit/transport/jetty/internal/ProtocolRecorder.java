package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.transport.jetty.Authenticator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link Authenticator} that accepts every request and records, server-side, the HTTP version of
 * the connection it came over (Jetty's {@code ConnectionMetaData}), so a test can prove the
 * protocol a client really used rather than trust the client. Every request to the MCP endpoint
 * passes the authenticator: POST, the GET stream and DELETE. Thread-safe.
 */
public final class ProtocolRecorder implements Authenticator {
  private final List<String> versions = new CopyOnWriteArrayList<>();

  @Override
  public Decision authenticate(Request request) {
    versions.add(((AuthenticatorRequest) request).httpVersion());
    return Accept.ANONYMOUS;
  }

  /** The versions of the requests so far, in arrival order, e.g. {@code HTTP/2.0}. */
  public List<String> versions() {
    return List.copyOf(versions);
  }
}
