package dev.mcpkit.benchmarks.e2e;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One user's HTTP/1.1 connection for the lean load generator: a blocking socket, requests written
 * in one {@code write} from pre-encoded bytes, answers parsed in place (status line, the headers the
 * generator needs, a body delimited by {@code Content-Length}, chunked encoding, or the end of the
 * connection). It exists because a general-purpose client costs as much CPU per request as the
 * servers under test, on the same cores, which squeezes every ratio towards 1 (BENCHMARKS.md).
 *
 * <p>What it does not do, because none of the servers needs it: TLS, redirects, 100-continue,
 * pipelining, compressed bodies. It answers each request or fails it; after a failure, or an answer
 * with {@code Connection: close} or delimited by the end of the connection, the next request opens a
 * new connection.
 *
 * <p>Not thread-safe: one user, one thread at a time (its calls block that thread and return
 * completed futures).
 */
final class RawHttp1Connection implements UserConnection, AutoCloseable {
  private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 1 << 20;
  private static final int READ_TIMEOUT_MILLIS = 30_000;

  private final InetSocketAddress address;
  private final byte[] postHead;
  private final byte[] deleteHead;
  private @Nullable Socket socket;
  private @Nullable InputStream in;
  private @Nullable OutputStream out;
  /** Read buffer: unread bytes are {@code buffer[start, end)}. */
  private byte[] buffer = new byte[16 * 1024];
  private int start;
  private int end;

  RawHttp1Connection(URI endpoint) {
    this.address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
    String target = endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    String host = "Host: " + endpoint.getHost() + ":" + endpoint.getPort() + "\r\n";
    this.postHead = ("POST " + target + " HTTP/1.1\r\n" + host
        + "Accept: application/json, text/event-stream\r\nContent-Type: application/json\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    this.deleteHead = ("DELETE " + target + " HTTP/1.1\r\n" + host).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public CompletableFuture<Answer> post(@Nullable String sessionId, @Nullable String version, byte[] body) {
    return exchange(request(postHead, sessionId, version, body));
  }

  @Override
  public CompletableFuture<Answer> delete(String sessionId, String version) {
    return exchange(request(deleteHead, sessionId, version, null));
  }

  private CompletableFuture<Answer> exchange(byte[] request) {
    try {
      return CompletableFuture.completedFuture(send(request));
    } catch (IOException | RuntimeException e) {
      close();
      return CompletableFuture.failedFuture(e);
    }
  }

  private static byte[] request(byte[] head, @Nullable String sessionId, @Nullable String version, byte @Nullable [] body) {
    StringBuilder headers = new StringBuilder(128);
    if (sessionId != null) {
      headers.append(LoadClient.SESSION_HEADER).append(": ").append(sessionId).append("\r\n");
    }
    if (version != null) {
      headers.append(LoadClient.VERSION_HEADER).append(": ").append(version).append("\r\n");
    }
    if (body != null) {
      headers.append("Content-Length: ").append(body.length).append("\r\n");
    }
    headers.append("\r\n");
    byte[] extra = headers.toString().getBytes(StandardCharsets.US_ASCII);
    int bodyLength = body == null ? 0 : body.length;
    byte[] request = Arrays.copyOf(head, head.length + extra.length + bodyLength);
    System.arraycopy(extra, 0, request, head.length, extra.length);
    if (body != null) {
      System.arraycopy(body, 0, request, head.length + extra.length, bodyLength);
    }
    return request;
  }

  private Answer send(byte[] request) throws IOException {
    if (socket == null) {
      connect();
    }
    out.write(request);
    out.flush();
    return readAnswer();
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout(READ_TIMEOUT_MILLIS);
    s.connect(address, READ_TIMEOUT_MILLIS);
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
    start = 0;
    end = 0;
  }

  private Answer readAnswer() throws IOException {
    int headEnd;
    while ((headEnd = indexOf(CRLF_CRLF, start, end)) < 0) {
      if (end - start > MAX_HEADER_BYTES) {
        throw new IOException("answer head longer than " + MAX_HEADER_BYTES + " bytes");
      }
      fill();
    }
    String head = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1);
    start = headEnd + CRLF_CRLF.length;
    Head parsed = Head.parse(head);
    byte[] body;
    boolean close = parsed.close;
    if (parsed.status == 204 || parsed.status == 304 || parsed.status / 100 == 1) {
      body = new byte[0];
    } else if (parsed.chunked) {
      body = readChunked();
    } else if (parsed.contentLength >= 0) {
      body = readExactly(parsed.contentLength);
    } else {
      body = readToEnd();
      close = true;
    }
    Answer answer = new Answer(parsed.status, parsed.sessionId, parsed.mediaType, new String(body, StandardCharsets.UTF_8));
    if (close) {
      close();
    }
    return answer;
  }

  private byte[] readExactly(long length) throws IOException {
    if (length > MAX_BODY_BYTES) {
      throw new IOException("answer body of " + length + " bytes is over the limit");
    }
    int n = (int) length;
    while (end - start < n) {
      fill();
    }
    byte[] body = Arrays.copyOfRange(buffer, start, start + n);
    start += n;
    return body;
  }

  private byte[] readChunked() throws IOException {
    byte[] body = new byte[0];
    while (true) {
      String sizeLine = readLine();
      int semicolon = sizeLine.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size line: " + sizeLine, e);
      }
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailer fields: none expected, skipped
        }
        return body;
      }
      if (body.length + (long) size > MAX_BODY_BYTES) {
        throw new IOException("chunked answer body over the limit");
      }
      byte[] chunk = readExactly(size);
      body = Arrays.copyOf(body, body.length + size);
      System.arraycopy(chunk, 0, body, body.length - size, size);
      if (!readLine().isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
    }
  }

  private byte[] readToEnd() throws IOException {
    while (true) {
      if (end - start > MAX_BODY_BYTES) {
        throw new IOException("answer body over the limit");
      }
      if (!fillOrEof()) {
        byte[] body = Arrays.copyOfRange(buffer, start, end);
        start = end;
        return body;
      }
    }
  }

  private String readLine() throws IOException {
    int lineEnd;
    while ((lineEnd = indexOf(CRLF_CRLF, start, end, 2)) < 0) {
      if (end - start > MAX_HEADER_BYTES) {
        throw new IOException("line longer than " + MAX_HEADER_BYTES + " bytes");
      }
      fill();
    }
    String line = new String(buffer, start, lineEnd - start, StandardCharsets.ISO_8859_1);
    start = lineEnd + 2;
    return line;
  }

  private void fill() throws IOException {
    if (!fillOrEof()) {
      throw new EOFException("connection closed by the server mid-answer");
    }
  }

  /** Reads more bytes into the buffer (compacting or growing it first); false at end of stream. */
  private boolean fillOrEof() throws IOException {
    if (start > 0 && start == end) {
      start = 0;
      end = 0;
    }
    if (end == buffer.length) {
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      } else {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
    }
    int read = in.read(buffer, end, buffer.length - end);
    if (read < 0) {
      return false;
    }
    end += read;
    return true;
  }

  private int indexOf(byte[] pattern, int from, int to) {
    return indexOf(pattern, from, to, pattern.length);
  }

  /** Index of the first {@code length} bytes of {@code pattern} in {@code buffer[from, to)}, or -1. */
  private int indexOf(byte[] pattern, int from, int to, int length) {
    outer:
    for (int i = from; i <= to - length; i++) {
      for (int j = 0; j < length; j++) {
        if (buffer[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    Socket s = socket;
    socket = null;
    in = null;
    out = null;
    start = 0;
    end = 0;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** The parts of an answer's head the generator uses. */
  private record Head(int status, long contentLength, boolean chunked, boolean close,
      @Nullable String sessionId, @Nullable String mediaType) {

    static Head parse(String head) throws IOException {
      String[] lines = head.split("\r\n");
      String[] statusLine = lines[0].split(" ", 3);
      if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP/1.x status line: " + lines[0]);
      }
      int status;
      try {
        status = Integer.parseInt(statusLine[1]);
      } catch (NumberFormatException e) {
        throw new IOException("bad status line: " + lines[0], e);
      }
      long contentLength = -1;
      boolean chunked = false;
      boolean close = statusLine[0].equals("HTTP/1.0");
      String sessionId = null;
      String mediaType = null;
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i];
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new IOException("bad header line: " + line);
        }
        String name = line.substring(0, colon).strip();
        String value = line.substring(colon + 1).strip();
        if (name.equalsIgnoreCase("Content-Length")) {
          contentLength = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          chunked = value.toLowerCase(java.util.Locale.ROOT).endsWith("chunked");
        } else if (name.equalsIgnoreCase("Connection")) {
          close = value.equalsIgnoreCase("close");
        } else if (name.equalsIgnoreCase(LoadClient.SESSION_HEADER)) {
          sessionId = value;
        } else if (name.equalsIgnoreCase("Content-Type")) {
          int semicolon = value.indexOf(';');
          mediaType = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
        }
      }
      return new Head(status, contentLength, chunked, close, sessionId, mediaType);
    }
  }
}
