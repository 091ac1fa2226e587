package dev.mcpkit.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What Jetty's HTTP/1.1 parser pays for one MCP {@code tools/call} request head, with and without
 * an {@code Authorization: Bearer} line carrying an RS256 JWT (~700 bytes), for three sizes of the
 * parser's per-connection header cache ({@code HttpConfiguration.setHeaderCacheSize}): Jetty's
 * default 1024, which caches the token's line so every later request walks it byte by byte through
 * the cache's trie; 256, which leaves lines longer than that out of the cache; and 0, no cache. 64
 * parsers are used in turn, like 64 keep-alive connections, so the caches compete for the CPU
 * caches as they do under load. Issue 15: the protected server's extra CPU per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HeaderCacheBenchmark {
  private static final int CONNECTIONS = 64;

  /** The parser's header cache size: Jetty's default, a bound below a JWT's length, none. */
  @Param({"1024", "256", "0"})
  public int cacheSize;

  /** {@code plain}: no credentials; {@code bearer}: a JWT-sized bearer token. */
  @Param({"plain", "bearer"})
  public String request;

  private HttpParser[] parsers = new HttpParser[0];
  private ByteBuffer[] heads = new ByteBuffer[0];
  private int next;

  /** Builds the parsers and one request per connection; parses each once to fill its cache. */
  @Setup
  public void setUp() {
    parsers = new HttpParser[CONNECTIONS];
    heads = new ByteBuffer[CONNECTIONS];
    for (int i = 0; i < CONNECTIONS; i++) {
      parsers[i] = new HttpParser(new Sink());
      parsers[i].setHeaderCacheSize(cacheSize);
      heads[i] = ByteBuffer.wrap(head(i).getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
      parse(i);
    }
  }

  private String head(int connection) {
    String authorization =
        "bearer".equals(request) ? "Authorization: Bearer " + token() + "\r\n" : "";
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
            + "\"arguments\":{\"message\":\"hello\"}}}";
    return "POST /mcp HTTP/1.1\r\n"
        + "Host: 127.0.0.1:8080\r\n"
        + authorization
        + "Accept: application/json, text/event-stream\r\n"
        + "Content-Type: application/json\r\n"
        + "Mcp-Session-Id: "
        + "0123456789abcdef0123456789abcdef".substring(0, 22)
        + connection
        + "\r\n"
        + "Mcp-Protocol-Version: 2025-11-25\r\n"
        + "Content-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  /** A base64url string of an RS256 access token's length (header, claims, 342-char signature). */
  private static String token() {
    char[] chars = new char[700];
    Arrays.fill(chars, 'A');
    String seed =
        "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1c2VyIiwic2NvcGUiOiJtY3A6dG9vbHMifQ";
    seed.getChars(0, seed.length(), chars, 0);
    chars[seed.length()] = '.';
    for (int i = seed.length() + 1; i < chars.length; i++) {
      chars[i] = (char) ('a' + (i * 31 + 7) % 26);
    }
    return new String(chars);
  }

  private boolean parse(int connection) {
    HttpParser parser = parsers[connection];
    ByteBuffer buffer = heads[connection].duplicate();
    boolean complete = false;
    while (buffer.hasRemaining() && !complete) {
      complete = parser.parseNext(buffer);
    }
    parser.reset();
    return complete;
  }

  /** Parses the next connection's request head and body, as a keep-alive connection does. */
  @Benchmark
  public boolean parseRequest() {
    int connection = next;
    next = connection + 1 == CONNECTIONS ? 0 : connection + 1;
    return parse(connection);
  }

  /** Takes the parser's events and keeps nothing, like a handler that reads only a few headers. */
  private static final class Sink implements HttpParser.RequestHandler {
    @Override
    public void startRequest(String method, String uri, HttpVersion version) {}

    @Override
    public void parsedHeader(HttpField field) {}

    @Override
    public boolean headerComplete() {
      return false;
    }

    @Override
    public boolean content(ByteBuffer content) {
      return false;
    }

    @Override
    public boolean contentComplete() {
      return false;
    }

    @Override
    public boolean messageComplete() {
      return true;
    }

    @Override
    public void earlyEOF() {}
  }
}
