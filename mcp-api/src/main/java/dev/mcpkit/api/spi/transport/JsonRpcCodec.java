package dev.mcpkit.api.spi.transport;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import java.util.List;

/**
 * Reads and writes JSON-RPC messages as UTF-8 JSON. A transport obtains the engine's codec from
 * {@link TransportEngine#codec()}, so that one shared, immutable mapper serves the whole server.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface JsonRpcCodec {

  /**
   * Parses an HTTP body: one message or, as a JSON array, a batch of them.
   *
   * @param body the bytes
   * @param offset where the body starts
   * @param length how many bytes it has
   * @return the messages, or the JSON-RPC error to answer with
   */
  ParsedBody parse(byte[] body, int offset, int length);

  /**
   * Writes one message.
   *
   * @param message the message
   * @return its UTF-8 JSON
   */
  byte[] encode(JsonRpcMessage message);

  /**
   * Writes messages as a JSON array (the answer to a batch).
   *
   * @param messages the messages
   * @return their UTF-8 JSON array
   */
  byte[] encodeBatch(List<JsonRpcMessage> messages);
}
