package dev.mcpkit.transport.jetty.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  private static final String STREAM =
      ": keep-alive comment\r\n"
          + "id: 1\r\nretry: 2500\r\ndata:\r\n\r\n"
          + "id: 2\nevent: message\ndata: {\"a\":\ndata:  1}\n\n"
          + "data: no id keeps the last one\r\r"
          + "retry: soon\n"
          + "event: other\ndata: x\n\n"
          + "id\ndata: empty id\n\n"
          + "data: unterminated";

  private record Recorded(List<SseParser.Event> events, List<Long> retries) {}

  private static Recorded parse(byte[] bytes, int chunk) {
    List<SseParser.Event> events = new ArrayList<>();
    List<Long> retries = new ArrayList<>();
    SseParser parser =
        new SseParser(
            new SseParser.Sink() {
              @Override
              public void event(SseParser.Event event) {
                events.add(event);
              }

              @Override
              public void retry(long millis) {
                retries.add(millis);
              }
            });
    for (int i = 0; i < bytes.length; i += chunk) {
      parser.feed(bytes, i, Math.min(chunk, bytes.length - i));
    }
    return new Recorded(events, retries);
  }

  @Test
  void parsesEveryFieldWhateverTheChunking() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    Recorded whole = parse(bytes, bytes.length);
    assertThat(whole.events())
        .containsExactly(
            new SseParser.Event("1", "message", ""),
            new SseParser.Event("2", "message", "{\"a\":\n 1}"),
            new SseParser.Event("2", "message", "no id keeps the last one"),
            new SseParser.Event("2", "other", "x"),
            new SseParser.Event("", "message", "empty id"));
    assertThat(whole.retries()).containsExactly(2500L);
    for (int chunk = 1; chunk < bytes.length; chunk++) {
      assertThat(parse(bytes, chunk)).as("chunks of %d bytes", chunk).isEqualTo(whole);
    }
  }

  @Test
  void multiByteCharactersSplitAcrossReads() {
    byte[] bytes = "data: héllo ✓\n\n".getBytes(StandardCharsets.UTF_8);
    assertThat(parse(bytes, 1).events())
        .containsExactly(new SseParser.Event(null, "message", "héllo ✓"));
  }

  @Test
  void aLineOrAnEventLargerThanTheLimitIsRefusedAndWhatFitsIsNot() {
    List<SseParser.Event> events = new ArrayList<>();
    SseParser.Sink sink =
        new SseParser.Sink() {
          @Override
          public void event(SseParser.Event event) {
            events.add(event);
          }

          @Override
          public void retry(long millis) {}
        };
    byte[] fits = ("data: " + "a".repeat(10) + "\n\n").getBytes(StandardCharsets.UTF_8);
    new SseParser(sink, 16).feed(fits, 0, fits.length);
    assertThat(events).containsExactly(new SseParser.Event(null, "message", "a".repeat(10)));

    byte[] longLine = ("data: " + "a".repeat(11) + "\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new SseParser(sink, 16).feed(longLine, 0, longLine.length))
        .isInstanceOf(MessageTooLargeException.class)
        .hasMessageContaining("more than 16 bytes");

    byte[] manyLines =
        "data: aaaaaaaa\ndata: bbbbbbbb\ndata: c\n\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new SseParser(sink, 16).feed(manyLines, 0, manyLines.length))
        .isInstanceOf(MessageTooLargeException.class);
    assertThat(events).hasSize(1);
  }
}
