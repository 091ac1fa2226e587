package dev.mcpkit.benchmarks;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.ParsedBody;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.codec.MalformedMessageException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON-RPC codec on the {@code tools/call} hot path: parsing the request body the end-to-end
 * load client sends, and encoding the {@code echo} tool's result as a response. {@code codec} is
 * the shared codec of {@code mcp-codec} (the engine's, which the transport uses; streaming); {@code
 * lenient} parses the same message as text with the client's lenient reader of the same module (it
 * encodes as {@code codec}); {@code tree} is the plain Jackson tree approach on the same input in
 * the same run: {@code readTree} of the same bytes (without even the walk from the tree to a
 * message that a tree codec adds), and {@code writeValueAsBytes} of an envelope {@code ObjectNode}
 * built per answer around the same result node.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String REQUEST_TEXT =
      "{\"jsonrpc\":\"2.0\",\"id\":4711,\"method\":\"tools/call\","
          + "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hello\"}}}";
  private static final byte[] REQUEST = REQUEST_TEXT.getBytes(StandardCharsets.UTF_8);
  private static final long RESPONSE_ID = 4711;

  /**
   * {@code codec}: the shared codec; {@code lenient}: its lenient reading of text (the client's);
   * {@code tree}: Jackson's tree model on the same input.
   */
  @Param({"codec", "lenient", "tree"})
  public String impl = "codec";

  private boolean tree;
  private boolean lenient;
  private JsonRpcCodec codec;
  private JsonNode result;
  private JsonRpcMessage response;

  @Setup(Level.Trial)
  public void setUp() throws MalformedMessageException {
    switch (impl) {
      case "codec" -> {}
      case "lenient" -> lenient = true;
      case "tree" -> tree = true;
      default -> throw new IllegalArgumentException("unknown impl: " + impl);
    }
    codec = JsonRpcCodecs.standard();
    if (!JsonRpcCodecs.readLeniently(REQUEST_TEXT)
        .equals(((ParsedBody.Messages) codec.parse(REQUEST, 0, REQUEST.length)).messages())) {
      throw new IllegalStateException("the two readers differ");
    }
    result =
        MAPPER.readTree("{\"content\":[{\"type\":\"text\",\"text\":\"hello\"}],\"isError\":false}");
    response = new JsonRpcResponse(RequestId.of(RESPONSE_ID), result);
    byte[] encoded = encode();
    if (!MAPPER.readTree(encoded).equals(MAPPER.readTree(codec.encode(response)))) {
      throw new IllegalStateException(
          "the two encodings differ: " + new String(encoded, StandardCharsets.UTF_8));
    }
  }

  /**
   * Parses a {@code tools/call} request body.
   *
   * @return the parsed body or tree, for the blackhole
   */
  @Benchmark
  public Object parse() throws MalformedMessageException {
    if (tree) {
      return MAPPER.readTree(REQUEST);
    }
    return lenient
        ? JsonRpcCodecs.readLeniently(REQUEST_TEXT)
        : codec.parse(REQUEST, 0, REQUEST.length);
  }

  /**
   * Encodes the {@code echo} result as a response.
   *
   * @return the bytes, for the blackhole
   */
  @Benchmark
  public byte[] encode() {
    if (tree) {
      ObjectNode envelope = NODES.objectNode();
      envelope.put("jsonrpc", "2.0");
      envelope.put("id", RESPONSE_ID);
      envelope.set("result", result);
      return MAPPER.writeValueAsBytes(envelope);
    }
    return codec.encode(response);
  }
}
