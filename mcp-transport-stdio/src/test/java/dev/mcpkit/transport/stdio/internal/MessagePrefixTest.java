package dev.mcpkit.transport.stdio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.jsonrpc.RequestId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A message too long to read is known by its first bytes: {@link LineReader} keeps them (up to its
 * bound) and {@link MessagePrefix} reads its id and kind from them, or says it cannot.
 */
class MessagePrefixTest {
  private static final String LONG = "x".repeat(50_000);

  /**
   * What the reader, with a bound of 1024 bytes, keeps of an oversize message, read by {@link
   * MessagePrefix} before the next line replaces the buffer.
   */
  private static MessagePrefix prefix(String message) throws Exception {
    LineReader reader =
        new LineReader(
            new ByteArrayInputStream((message + "\n{}\n").getBytes(StandardCharsets.UTF_8)), 1024);
    LineReader.Line line = reader.next();
    assertThat(line).isNotNull();
    assertThat(line.oversize()).isTrue();
    assertThat(new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8))
        .as("the first bytes, up to the bound")
        .isEqualTo(message.substring(0, 1024));
    MessagePrefix prefix = MessagePrefix.of(line.bytes(), line.length());
    LineReader.Line next = reader.next();
    assertThat(next).isNotNull();
    assertThat(next.oversize()).as("the next line is read whole").isFalse();
    return prefix;
  }

  @Test
  void anAnswerWhoseIdComesFirstIsKnown() throws Exception {
    assertThat(prefix("{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":{\"text\":\"" + LONG + "\"}}"))
        .isEqualTo(new MessagePrefix(RequestId.of(42), MessagePrefix.Kind.RESPONSE));
    assertThat(prefix("{\"id\":\"a-1\",\"jsonrpc\":\"2.0\",\"error\":{\"data\":\"" + LONG + "\"}}"))
        .isEqualTo(new MessagePrefix(RequestId.of("a-1"), MessagePrefix.Kind.RESPONSE));
  }

  @Test
  void aRequestIsKnownByItsMethod() throws Exception {
    assertThat(
            prefix(
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"a\":\""
                    + LONG
                    + "\"}}"))
        .isEqualTo(new MessagePrefix(RequestId.of(7), MessagePrefix.Kind.REQUEST));
    // A notification has no id: nobody to tell.
    assertThat(prefix("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"a\":\"" + LONG + "\"}}"))
        .isEqualTo(new MessagePrefix(null, MessagePrefix.Kind.REQUEST));
  }

  @Test
  void anIdAfterTheLongMemberIsNotKnown() throws Exception {
    assertThat(prefix("{\"jsonrpc\":\"2.0\",\"result\":{\"t\":\"" + LONG + "\"},\"id\":3}"))
        .isEqualTo(new MessagePrefix(null, MessagePrefix.Kind.RESPONSE));
    // Members skipped whole before the id (nested objects, arrays) do not hide it.
    assertThat(
            prefix(
                "{\"jsonrpc\":\"2.0\",\"x\":{\"y\":[1,{\"z\":2}]},\"id\":5,\"result\":\""
                    + LONG
                    + "\"}"))
        .isEqualTo(new MessagePrefix(RequestId.of(5), MessagePrefix.Kind.RESPONSE));
  }

  @Test
  void bytesThatAreNoMessageSayNothing() throws Exception {
    assertThat(prefix("[" + LONG + "]").kind()).isEqualTo(MessagePrefix.Kind.UNKNOWN);
    assertThat(prefix("\"" + LONG + "\""))
        .isEqualTo(new MessagePrefix(null, MessagePrefix.Kind.UNKNOWN));
    byte[] cut = "{\"jsonrpc\":\"2.0\",\"i".getBytes(StandardCharsets.UTF_8);
    assertThat(MessagePrefix.of(cut, cut.length))
        .isEqualTo(new MessagePrefix(null, MessagePrefix.Kind.UNKNOWN));
    // An id too large for a long is no id.
    byte[] big = ("{\"id\":123456789012345678901234567890,\"result\":\"" + LONG).getBytes();
    assertThat(MessagePrefix.of(big, 1024).id()).isNull();
  }
}
