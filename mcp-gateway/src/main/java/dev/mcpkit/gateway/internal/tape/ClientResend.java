package dev.mcpkit.gateway.internal.tape;

import dev.mcpkit.api.client.InitializeResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.gateway.tape.TapeCheck;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The work of {@link TapeCheck}: the client side of a tape re-sent through {@link McpHttpClient},
 * each answer compared with the recorded one by {@link JsonDiff}. Stateless.
 */
public final class ClientResend {
  private ClientResend() {}

  /** What the client sent and what the gateway answered, paired by id. */
  private record Exchange(ObjectNode request, JsonNode answer) {}

  /** See {@link TapeCheck#run}. */
  public static TapeCheck.Report run(Path file, URI server, List<String> ignore, Duration timeout) {
    Tape tape = Tape.read(file);
    List<ObjectNode> sent = new ArrayList<>();
    Map<String, JsonNode> answers = new HashMap<>();
    Map<String, String> serverRequests = new HashMap<>();
    Map<String, Deque<JsonNode>> clientAnswers = new HashMap<>();
    for (ObjectNode line : tape.lines()) {
      Direction direction = Direction.fromWireName(line.path("dir").asString(""));
      JsonNode message = line.get("message");
      if (!(message instanceof ObjectNode object)) {
        continue;
      }
      String id = object.has("id") ? object.get("id").toString() : null;
      if (direction == Direction.CLIENT_TO_GATEWAY) {
        if (object.has("method")) {
          sent.add(object);
        } else if (id != null && serverRequests.containsKey(id)) {
          // The client's answer to a request of the server.
          clientAnswers
              .computeIfAbsent(serverRequests.get(id), k -> new ArrayDeque<>())
              .add(object);
        }
      } else if (direction == Direction.GATEWAY_TO_CLIENT && id != null) {
        if (object.has("method")) {
          serverRequests.put(id, object.path("method").asString());
        } else {
          answers.putIfAbsent(id, object);
        }
      }
    }
    ObjectNode initialize =
        sent.stream()
            .filter(m -> "initialize".equals(m.path("method").asString("")))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException(file + ": the tape holds no initialize"));
    JsonNode clientInfo = initialize.path("params").path("clientInfo");
    McpHttpClient.Builder builder =
        McpHttpClient.builder(server)
            .clientInfo(
                clientInfo.path("name").asString("mcpkit-tape-check"),
                clientInfo.path("version").asString("0"))
            .requestTimeout(timeout);
    for (Map.Entry<String, JsonNode> capability :
        initialize.path("params").path("capabilities").properties()) {
      if (capability.getValue().isObject()) {
        builder.capability(capability.getKey(), capability.getValue());
      }
    }
    for (String method : List.of("sampling/createMessage", "elicitation/create", "roots/list")) {
      builder.onRequest(method, params -> recordedAnswer(clientAnswers, method));
    }
    JsonDiff diff = new JsonDiff(ignore);
    List<TapeCheck.Difference> differences = new ArrayList<>();
    int index = 0;
    try (McpClient client = builder.build()) {
      InitializeResult initialized = client.initialize();
      index++;
      JsonNode recordedInit = answers.get(initialize.get("id").toString());
      compare(diff, differences, index, "initialize", recordedInit, initialized.raw(), null);
      for (ObjectNode message : sent) {
        String method = message.path("method").asString();
        if (message == initialize || method.equals("notifications/initialized")) {
          continue;
        }
        JsonNode params = withoutMeta(message.get("params"));
        if (!message.has("id")) {
          client.notify(method, params);
          continue;
        }
        index++;
        JsonNode recorded = answers.get(message.get("id").toString());
        try {
          // A request that asked for progress asks again (a tool may answer differently without).
          RequestOptions options =
              message.path("params").path("_meta").has("progressToken")
                  ? RequestOptions.defaults().withProgress(progress -> {})
                  : RequestOptions.defaults();
          JsonNode result = client.request(method, params, options);
          compare(diff, differences, index, method, recorded, result, null);
        } catch (McpClientException e) {
          JsonRpcError error = e.error().orElse(null);
          if (error == null) {
            throw e;
          }
          compare(diff, differences, index, method, recorded, null, error);
        }
      }
    }
    return new TapeCheck.Report(index, differences);
  }

  private static JsonNode recordedAnswer(Map<String, Deque<JsonNode>> answers, String method)
      throws McpClientException {
    Deque<JsonNode> queue = answers.get(method);
    JsonNode answer = queue == null ? null : queue.poll();
    if (answer == null || !answer.has("result")) {
      JsonNode error = answer == null ? null : answer.get("error");
      throw new McpClientException(
          "no recorded answer to " + method,
          error != null
              ? new JsonRpcError(
                  error.path("code").asInt(JsonRpcError.INTERNAL_ERROR),
                  error.path("message").asString(""),
                  error.get("data"))
              : JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "the tape has no answer"),
          0,
          null);
    }
    return answer.get("result");
  }

  private static void compare(
      JsonDiff diff,
      List<TapeCheck.Difference> differences,
      int index,
      String method,
      @Nullable JsonNode recorded,
      @Nullable JsonNode result,
      @Nullable JsonRpcError error) {
    if (recorded == null) {
      differences.add(
          new TapeCheck.Difference(index, method, "/", "the tape holds no answer to compare"));
      return;
    }
    JsonNode recordedResult = recorded.get("result");
    JsonNode recordedError = recorded.get("error");
    if (error != null) {
      ObjectNode live = JsonNodeFactory.instance.objectNode();
      live.put("code", error.code());
      live.put("message", error.message());
      if (recordedError == null) {
        differences.add(
            new TapeCheck.Difference(
                index, method, "/error", "recorded a result, live " + JsonDiff.brief(live)));
        return;
      }
      ObjectNode was = JsonNodeFactory.instance.objectNode();
      was.set("code", recordedError.path("code"));
      was.set("message", recordedError.path("message"));
      diff.compare(
          was,
          live,
          (path, what) ->
              differences.add(new TapeCheck.Difference(index, method, "/error" + path, what)));
      return;
    }
    if (recordedResult == null) {
      differences.add(
          new TapeCheck.Difference(
              index,
              method,
              "/error",
              "recorded "
                  + JsonDiff.brief(recordedError == null ? recorded : recordedError)
                  + ", live a result"));
      return;
    }
    diff.compare(
        recordedResult,
        result == null ? JsonNodeFactory.instance.nullNode() : result,
        (path, what) -> differences.add(new TapeCheck.Difference(index, method, path, what)));
  }

  private static @Nullable JsonNode withoutMeta(@Nullable JsonNode params) {
    return params == null ? null : ReplayClient.normalized(params);
  }
}
