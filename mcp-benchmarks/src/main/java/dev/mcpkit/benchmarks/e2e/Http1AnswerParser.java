package dev.mcpkit.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Parses one HTTP/1.1 answer out of the bytes received so far, without blocking: the status line,
 * the headers the load generator reads ({@code Content-Length}, {@code Transfer-Encoding}, {@code
 * Connection}, {@code Content-Type}, {@code Mcp-Session-Id}) and a body delimited by its length, by
 * chunked encoding, or by the end of the connection. Called again from the start each time more
 * bytes arrived (answers here are a few hundred bytes), so it keeps no state.
 *
 * <p>Not supported, because no server here sends them: 1xx interim answers, trailers with content,
 * compressed bodies.
 */
final class Http1AnswerParser {
  static final int MAX_HEAD_BYTES = 64 * 1024;
  static final int MAX_BODY_BYTES = 1 << 20;

  private Http1AnswerParser() {}

  /**
   * A complete answer and how many bytes it took.
   *
   * @param answer the answer
   * @param length bytes consumed from the start of the input
   * @param close whether the connection must be closed after it
   */
  record Parsed(Answer answer, int length, boolean close) {}

  /**
   * Parses the answer at the start of {@code bytes[from, to)}.
   *
   * @param ended whether the connection ended after {@code to} (completes a body delimited by it)
   * @return the answer, or {@code null} if more bytes are needed
   * @throws IOException if the bytes are not an HTTP/1.1 answer, or exceed the limits
   */
  static @Nullable Parsed parse(byte[] bytes, int from, int to, boolean ended) throws IOException {
    int headEnd = indexOfCrlfCrlf(bytes, from, to);
    if (headEnd < 0) {
      if (to - from > MAX_HEAD_BYTES) {
        throw new IOException("answer head longer than " + MAX_HEAD_BYTES + " bytes");
      }
      if (ended) {
        throw new IOException("connection ended before the answer's head was complete");
      }
      return null;
    }
    Head head = Head.parse(new String(bytes, from, headEnd - from, StandardCharsets.ISO_8859_1));
    int bodyStart = headEnd + 4;
    if (head.status == 204 || head.status == 304) {
      return new Parsed(head.answer(new byte[0]), bodyStart - from, head.close);
    }
    if (head.chunked) {
      return chunked(bytes, from, bodyStart, to, head, ended);
    }
    if (head.contentLength >= 0) {
      if (head.contentLength > MAX_BODY_BYTES) {
        throw new IOException("answer body of " + head.contentLength + " bytes is over the limit");
      }
      int bodyEnd = bodyStart + (int) head.contentLength;
      if (bodyEnd > to) {
        if (ended) {
          throw new IOException("connection ended inside the answer's body");
        }
        return null;
      }
      return new Parsed(
          head.answer(Arrays.copyOfRange(bytes, bodyStart, bodyEnd)), bodyEnd - from, head.close);
    }
    if (to - bodyStart > MAX_BODY_BYTES) {
      throw new IOException("answer body over the limit");
    }
    return ended
        ? new Parsed(head.answer(Arrays.copyOfRange(bytes, bodyStart, to)), to - from, true)
        : null;
  }

  private static @Nullable Parsed chunked(
      byte[] bytes, int from, int at, int to, Head head, boolean ended) throws IOException {
    byte[] body = new byte[0];
    while (true) {
      int lineEnd = indexOfCrlf(bytes, at, to);
      if (lineEnd < 0) {
        return incomplete(ended);
      }
      String line = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int semicolon = line.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semicolon < 0 ? line : line.substring(0, semicolon)).strip(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size line: " + line, e);
      }
      at = lineEnd + 2;
      if (size == 0) {
        // Trailer fields (none expected) end with an empty line.
        while (true) {
          int end = indexOfCrlf(bytes, at, to);
          if (end < 0) {
            return incomplete(ended);
          }
          boolean empty = end == at;
          at = end + 2;
          if (empty) {
            return new Parsed(head.answer(body), at - from, head.close);
          }
        }
      }
      if (body.length + (long) size > MAX_BODY_BYTES) {
        throw new IOException("chunked answer body over the limit");
      }
      if (at + size + 2 > to) {
        return incomplete(ended);
      }
      if (bytes[at + size] != '\r' || bytes[at + size + 1] != '\n') {
        throw new IOException("chunk not followed by CRLF");
      }
      int old = body.length;
      body = Arrays.copyOf(body, old + size);
      System.arraycopy(bytes, at, body, old, size);
      at += size + 2;
    }
  }

  private static @Nullable Parsed incomplete(boolean ended) throws IOException {
    if (ended) {
      throw new IOException("connection ended inside a chunked answer");
    }
    return null;
  }

  private static int indexOfCrlfCrlf(byte[] b, int from, int to) {
    for (int i = from; i + 3 < to; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfCrlf(byte[] b, int from, int to) {
    for (int i = from; i + 1 < to; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The parts of an answer's head the generator uses. */
  private record Head(
      int status,
      long contentLength,
      boolean chunked,
      boolean close,
      @Nullable String sessionId,
      @Nullable String mediaType) {

    Answer answer(byte[] body) {
      return new Answer(status, sessionId, mediaType, new String(body, StandardCharsets.UTF_8));
    }

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
          try {
            contentLength = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + value, e);
          }
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
        } else if (name.equalsIgnoreCase("Connection")) {
          close = value.equalsIgnoreCase("close");
        } else if (name.equalsIgnoreCase(LoadClient.SESSION_HEADER)) {
          sessionId = value;
        } else if (name.equalsIgnoreCase("Content-Type")) {
          mediaType = Answer.mediaTypeOf(value);
        }
      }
      return new Head(status, contentLength, chunked, close, sessionId, mediaType);
    }
  }
}
