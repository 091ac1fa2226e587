package dev.mcpkit.codec.internal;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.ParsedBody;
import dev.mcpkit.codec.MalformedMessageException;
import java.util.List;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads and writes JSON-RPC 2.0 messages with one shared Jackson 3 mapper, streaming: a body is
 * read by {@link JsonRpcReader} and a message written by {@link JsonRpcWriter}, and only the {@code
 * params}, {@code result} and {@code error.data} members exist as trees. Immutable and thread-safe:
 * Jackson 3 mappers are immutable once built.
 */
public final class JacksonJsonRpcCodec implements JsonRpcCodec {
  /**
   * The mapper of the engine and the client; shared, since building one is expensive and it is
   * immutable. Its buffers come from Jackson's hybrid recycler pool: a slot per thread for platform
   * threads (Jetty's I/O threads, which parse and encode on the fast path) and a striped pool for
   * virtual threads, instead of the default lock-free deque every thread contends on (~4% of the
   * server's samples in a JFR profile of the end-to-end churn). It reads under {@link JsonLimits}.
   */
  public static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .recyclerPool(JsonRecyclerPools.sharedHybridPool())
                  .streamReadConstraints(JsonLimits.CONSTRAINTS)
                  .build())
          .build();

  /** The node factory for the trees the engine and the client build. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The single instance. */
  public static final JacksonJsonRpcCodec INSTANCE = new JacksonJsonRpcCodec();

  private JacksonJsonRpcCodec() {}

  /** See {@code JsonRpcCodecs.readLeniently}. */
  public static List<JsonRpcMessage> readLeniently(String text) throws MalformedMessageException {
    return LenientReader.read(text);
  }

  /** See {@code JsonRpcCodecs.readLeniently(byte[], int, int)}. */
  public static List<JsonRpcMessage> readLeniently(byte[] body, int offset, int length)
      throws MalformedMessageException {
    return LenientReader.read(body, offset, length);
  }

  @Override
  public ParsedBody parse(byte[] body, int offset, int length) {
    return JsonRpcReader.read(body, offset, length);
  }

  @Override
  public byte[] encode(JsonRpcMessage message) {
    return JsonRpcWriter.write(message);
  }

  @Override
  public byte[] encodeBatch(List<JsonRpcMessage> messages) {
    return JsonRpcWriter.writeBatch(messages);
  }
}
