package dev.mcpkit.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.spi.EventId;
import dev.mcpkit.api.spi.StreamId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exact bytes of the SSE events the transport writes. */
class SseWriterTest {
  private static final EventId ID = new EventId(StreamId.of("p3"), 17);

  private static String text(ByteBuffer buffer) {
    return StandardCharsets.UTF_8.decode(buffer).toString();
  }

  @Test
  void aMessageHasTheMessageTypeItsIdAndOneDataLine() {
    assertThat(text(SseWriter.message(ID, "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("event: message\nid: p3:17\ndata: {\"a\":\"é\"}\n\n");
  }

  @Test
  void aMessageWithoutAStoreHasNoId() {
    assertThat(text(SseWriter.message(null, "{}".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("event: message\ndata: {}\n\n");
  }

  @Test
  void aPrimingEventIsAnIdARetryAndEmptyData() {
    assertThat(text(SseWriter.priming(ID, 1000))).isEqualTo("id: p3:17\nretry: 1000\ndata:\n\n");
    assertThat(text(SseWriter.priming(ID, -1))).isEqualTo("id: p3:17\ndata:\n\n");
  }

  @Test
  void aReplayedEventKeepsItsKind() {
    assertThat(text(SseWriter.replayed(ID, ""))).isEqualTo("id: p3:17\ndata:\n\n");
    assertThat(text(SseWriter.replayed(ID, "{}")))
        .isEqualTo("event: message\nid: p3:17\ndata: {}\n\n");
  }

  @Test
  void aKeepAliveIsACommentLine() {
    assertThat(text(SseWriter.keepAlive())).isEqualTo(": keep-alive\n\n");
  }
}
