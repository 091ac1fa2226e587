package dev.mcpkit.codec;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.codec.internal.JacksonJsonRpcCodec;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The one JSON-RPC codec of mcpkit, its mapper and its node factory, for the engine and the client.
 *
 * <p>The engine parses what a client sends with {@link #standard()}, which validates each message
 * as JSON-RPC 2.0 and answers a malformed body with the error the specification names. The client
 * reads what a server sends with {@link #readLeniently(String)} (or its bytes with {@link
 * #readLeniently(byte[], int, int)}), which accepts what a client can still make sense of. Both
 * write with {@link #standard()}: a streaming writer whose bytes are those of the mapper writing
 * the message's envelope as a tree.
 *
 * <p>Everything here is immutable and thread-safe.
 */
public final class JsonRpcCodecs {
  private JsonRpcCodecs() {}

  /**
   * The streaming codec: strict parsing (one message or a batch, each validated as JSON-RPC 2.0)
   * and writing. Only {@code params}, {@code result} and {@code error} become trees.
   *
   * @return the shared instance
   */
  public static JsonRpcCodec standard() {
    return JacksonJsonRpcCodec.INSTANCE;
  }

  /**
   * The mapper the codec reads and writes with, for the trees the engine and the client read
   * outside a message (signed request state, for example). Its buffers come from Jackson's hybrid
   * recycler pool.
   *
   * @return the shared mapper
   */
  public static JsonMapper mapper() {
    return JacksonJsonRpcCodec.MAPPER;
  }

  /**
   * The node factory for the params, results and errors the engine and the client build.
   *
   * @return the shared factory
   */
  public static JsonNodeFactory nodes() {
    return JacksonJsonRpcCodec.NODES;
  }

  /**
   * Reads what a server sent a client, an answer body or the data of one SSE event, leniently: the
   * {@code jsonrpc} member is not checked, {@code params} and {@code result} may be any value, an
   * error's {@code code} and {@code message} fall back to {@code -32603} and {@code ""} when they
   * are missing or of another type, and an empty batch is no messages. Not JSON, a non-object
   * message, a bad id, or an object that is no message at all is still malformed.
   *
   * @param text the JSON text
   * @return the messages in order; empty for an empty batch
   * @throws MalformedMessageException if the text is not JSON or holds something that is not a
   *     message (one bad element spoils the whole batch)
   */
  public static List<JsonRpcMessage> readLeniently(String text) throws MalformedMessageException {
    return JacksonJsonRpcCodec.readLeniently(text);
  }

  /**
   * Reads UTF-8 bytes leniently, by the rules of {@link #readLeniently(String)}, without decoding
   * them to a string first: what a client does with an answer body it received as bytes.
   *
   * @param body the buffer holding the JSON text in UTF-8
   * @param offset where the text starts in {@code body}
   * @param length how many bytes it takes
   * @return the messages in order; empty for an empty batch
   * @throws MalformedMessageException if the bytes are not JSON or hold something that is not a
   *     message (one bad element spoils the whole batch)
   * @throws IndexOutOfBoundsException if the range is not within {@code body}
   */
  public static List<JsonRpcMessage> readLeniently(byte[] body, int offset, int length)
      throws MalformedMessageException {
    Objects.checkFromIndexSize(offset, length, body.length);
    return JacksonJsonRpcCodec.readLeniently(body, offset, length);
  }
}
