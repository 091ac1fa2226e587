package dev.mcpkit.session.internal.tasks;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.server.InputRequest;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.session.internal.protocol.CallCancellation;
import dev.mcpkit.session.internal.protocol.ClientExchange;
import dev.mcpkit.session.internal.protocol.InputRounds;
import dev.mcpkit.session.internal.protocol.RequestMeta;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A task's part of its handler's context: input the call already carries (the answers of its multi
 * round-trip) is answered at once; input asked for before the task exists becomes the call's own
 * {@code input_required} answer ({@link InputRounds}); input asked for afterwards parks the task in
 * {@code input_required} until {@code tasks/update} answers it ({@link TaskRun#awaitInputs}). No
 * log messages reach the client: the call's response was sent when the task was handed out.
 *
 * <p>Thread-safe: its fields are final, {@link InputRounds} and {@link TaskRun} are thread-safe.
 */
final class TaskExchange implements ClientExchange {
  private final RequestMeta meta;
  private final InputRounds rounds;
  private final TaskRun run;

  TaskExchange(RequestMeta meta, InputRounds rounds, TaskRun run) {
    this.meta = requireNonNull(meta, "meta");
    this.rounds = requireNonNull(rounds, "rounds");
    this.run = requireNonNull(run, "run");
  }

  @Override
  public @Nullable Session session() {
    return null;
  }

  @Override
  public boolean logs(LogLevel level) {
    return false;
  }

  @Override
  public JsonNode clientCapabilities() {
    return meta.clientCapabilities();
  }

  @Override
  public boolean resumableStreams() {
    return false;
  }

  @Override
  public void continueAsTask() {
    run.publish(null);
  }

  @Override
  public JsonNode request(
      String method, @Nullable JsonNode params, Duration timeout, CallCancellation call)
      throws InterruptedException, TimeoutException {
    return input(rounds.automaticKey(method), method, params, timeout, call);
  }

  @Override
  public JsonNode input(
      String key, String method, @Nullable JsonNode params, Duration timeout, CallCancellation call)
      throws InterruptedException, TimeoutException {
    return requireNonNull(
        inputs(Map.of(key, new InputRequest(method, params)), timeout, call).get(key));
  }

  @Override
  public Map<String, JsonNode> inputs(
      Map<String, InputRequest> requests, Duration timeout, CallCancellation call)
      throws InterruptedException, TimeoutException {
    JsonNode known = rounds.known();
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    Map<String, InputRequest> missing = new LinkedHashMap<>();
    requests.forEach(
        (key, request) -> {
          JsonNode answer = known.get(key);
          if (answer != null) {
            answers.put(key, answer);
          } else {
            missing.put(key, request);
          }
        });
    if (missing.isEmpty()) {
      return answers;
    }
    if (run.claimBeforeTask()) {
      try {
        // Records what is missing (or the capability the request lacks) and throws InputRequired.
        return rounds.answers(requests);
      } finally {
        run.recorded();
      }
    }
    answers.putAll(run.awaitInputs(missing, timeout));
    return answers;
  }

  @Override
  public JsonNode input(String key, String method, @Nullable JsonNode params) {
    throw new IllegalStateException("a task's input is asked for through its tool context");
  }
}
