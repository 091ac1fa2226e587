package dev.mcpkit.store.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-sticky HTTP/1.1 load balancer for tests: every request goes to the next backend in turn
 * (skipping one that refuses connections), with {@code Connection: close}, so a client that reuses
 * connections still lands on alternating nodes request by request. Responses are piped back byte by
 * byte as they come, so SSE streams stream. It records which backend served which request.
 */
final class RoundRobinProxy implements AutoCloseable {
  /** One forwarded request: the backend's index and the request's first line and body. */
  record Forwarded(int backend, String requestLine, String body) {}

  private final ServerSocket listener;
  private final List<Integer> backendPorts;
  private final AtomicInteger next = new AtomicInteger();
  final List<Forwarded> log = new CopyOnWriteArrayList<>();

  RoundRobinProxy(List<Integer> backendPorts) throws IOException {
    this.backendPorts = new CopyOnWriteArrayList<>(backendPorts);
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("proxy-accept").start(this::acceptLoop);
  }

  String endpoint() {
    return "http://127.0.0.1:" + listener.getLocalPort() + "/mcp";
  }

  /** Replaces a backend (a restarted node on a new port). */
  void replaceBackend(int index, int port) {
    backendPorts.set(index, port);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Thread.ofVirtual().name("proxy-conn").start(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      int length = 0;
      StringBuilder rewritten = new StringBuilder();
      String[] lines = head.split("\r\n");
      rewritten.append(lines[0]).append("\r\n");
      for (int i = 1; i < lines.length; i++) {
        String lower = lines[i].toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(lines[i].substring(15).trim());
        }
        if (lower.startsWith("connection:") || lower.startsWith("keep-alive:")) {
          continue;
        }
        rewritten.append(lines[i]).append("\r\n");
      }
      rewritten.append("Connection: close\r\n\r\n");
      byte[] body = in.readNBytes(length);
      Socket backend = null;
      int index = -1;
      for (int attempt = 0; attempt < backendPorts.size() && backend == null; attempt++) {
        index = Math.floorMod(next.getAndIncrement(), backendPorts.size());
        try {
          backend = new Socket(InetAddress.getLoopbackAddress(), backendPorts.get(index));
        } catch (IOException refused) {
          backend = null; // a node that is down: the balancer's health check would skip it too
        }
      }
      if (backend == null) {
        client
            .getOutputStream()
            .write(
                "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      log.add(new Forwarded(index, lines[0], new String(body, StandardCharsets.UTF_8)));
      try (Socket connected = backend) {
        OutputStream toBackend = connected.getOutputStream();
        toBackend.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
        toBackend.write(body);
        toBackend.flush();
        InputStream fromBackend = connected.getInputStream();
        OutputStream toClient = client.getOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = fromBackend.read(buffer)) >= 0) {
          toClient.write(buffer, 0, n);
          toClient.flush();
        }
      }
    } catch (IOException ignored) {
      // either side went away: the exchange is over
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched =
          (b == '\r' && (matched == 0 || matched == 2))
                  || (b == '\n' && (matched == 1 || matched == 3))
              ? matched + 1
              : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
