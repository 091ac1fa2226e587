package dev.mcpkit.benchmarks;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.api.server.ToolResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a typed tool adds per call over the same tool written raw: the handler of the end-to-end
 * harness's {@code echo}, called with the arguments the engine has already parsed and validated
 * (both kinds share everything around the handler). {@code raw} reads {@code message} from the
 * {@link JsonNode}; {@code typed} is {@link Tool#typed} over a record, so its handler binds the
 * arguments to the record with Jackson first. The difference is the typed path's whole extra work
 * per call; measured apart because a single-threaded, I/O-free loop stays steady on a shared
 * machine where an end-to-end call at one user swings by more than the few microseconds at stake.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TypedToolBenchmark {
  /**
   * The typed echo's arguments.
   *
   * @param message the message to echo
   */
  public record Echo(String message) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JsonNode arguments = JSON.readTree("{\"message\":\"hello\"}");
  private final ToolContext context = new IdleContext();
  private final Tool raw =
      Tool.of(
              "echo",
              "Echoes the message.",
              JSON.readTree(
                  "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},"
                      + "\"required\":[\"message\"]}"),
              (args, ctx) -> ToolResult.text(args.path("message").asString("")))
          .withInvocationType(InvocationType.NON_BLOCKING);
  private final Tool typed =
      Tool.typed(
              "echo",
              "Echoes the message.",
              Echo.class,
              (args, ctx) -> ToolResult.text(args.message()))
          .withInvocationType(InvocationType.NON_BLOCKING);

  private final ObjectReader echoReader = JSON.readerFor(Echo.class);

  /** Jackson alone binding the tree to {@link Echo}: the floor of the typed path's extra work. */
  @Benchmark
  public Echo jacksonBinding() {
    return echoReader.readValue(arguments);
  }

  /** The raw handler: the message read from the tree. */
  @Benchmark
  public ToolResult raw() throws Exception {
    return raw.handler().call(arguments, context);
  }

  /** The typed handler: the tree bound to {@link Echo}, then the same answer. */
  @Benchmark
  public ToolResult typed() throws Exception {
    return typed.handler().call(arguments, context);
  }

  /** A context the echo never touches: every method is inert. */
  private static final class IdleContext implements ToolContext {
    @Override
    public @Nullable Session session() {
      return null;
    }

    @Override
    public RequestId requestId() {
      return new RequestId.Number(1);
    }

    @Override
    public void progress(double progress, double total, @Nullable String message) {}

    @Override
    public void progress(double progress, @Nullable String message) {}

    @Override
    public boolean wantsProgress() {
      return false;
    }

    @Override
    public void log(LogLevel level, String message) {}

    @Override
    public JsonNode request(String method, @Nullable JsonNode params, Duration timeout) {
      throw new UnsupportedOperationException("the echo asks the client nothing");
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void closeStream() {}
  }
}
