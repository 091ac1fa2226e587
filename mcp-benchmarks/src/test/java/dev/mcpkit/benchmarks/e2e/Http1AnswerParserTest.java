package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Parsing answers that arrive in pieces, as the event loop sees them. */
class Http1AnswerParserTest {
  private static final byte[] CHUNKED =
      ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream;charset=utf-8\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n"
              + "b\r\ndata: one\n\n\r\nb\r\ndata: two\n\n\r\n0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  @Test
  void everyProperPrefixOfAChunkedAnswerNeedsMoreAndTheWholeIsParsed() throws IOException {
    for (int cut = 0; cut < CHUNKED.length; cut++) {
      assertThat(Http1AnswerParser.parse(CHUNKED, 0, cut, false))
          .as("prefix of %d bytes", cut)
          .isNull();
    }
    Http1AnswerParser.Parsed parsed = Http1AnswerParser.parse(CHUNKED, 0, CHUNKED.length, false);

    assertThat(parsed.length()).isEqualTo(CHUNKED.length);
    assertThat(parsed.close()).isFalse();
    assertThat(parsed.answer().body()).isEqualTo("data: one\n\ndata: two\n\n");
    assertThat(parsed.answer().mediaType()).isEqualTo("text/event-stream");
  }

  @Test
  void aContentLengthAnswerEndsAtItsLengthAndReadsTheSessionHeader() throws IOException {
    byte[] bytes =
        ("HTTP/1.1 200 OK\r\nmcp-session-id: abc\r\nContent-Length: 2\r\n\r\n{}EXTRA")
            .getBytes(StandardCharsets.US_ASCII);

    Http1AnswerParser.Parsed parsed = Http1AnswerParser.parse(bytes, 0, bytes.length, false);

    assertThat(parsed.answer().sessionId()).isEqualTo("abc");
    assertThat(parsed.answer().body()).isEqualTo("{}");
    assertThat(parsed.length()).isEqualTo(bytes.length - "EXTRA".length());
  }

  @Test
  void aBodyWithoutLengthEndsOnlyWithTheConnection() throws IOException {
    byte[] bytes =
        "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end"
            .getBytes(StandardCharsets.US_ASCII);

    assertThat(Http1AnswerParser.parse(bytes, 0, bytes.length, false)).isNull();
    Http1AnswerParser.Parsed parsed = Http1AnswerParser.parse(bytes, 0, bytes.length, true);
    assertThat(parsed.answer().body()).isEqualTo("until the end");
    assertThat(parsed.close()).isTrue();
  }

  @Test
  void garbageAndTruncatedAnswersAreErrors() {
    byte[] garbage = "SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Http1AnswerParser.parse(garbage, 0, garbage.length, false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("status line");
    assertThatThrownBy(() -> Http1AnswerParser.parse(CHUNKED, 0, CHUNKED.length - 3, true))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ended");
  }
}
