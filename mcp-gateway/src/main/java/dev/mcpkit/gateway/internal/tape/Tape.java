package dev.mcpkit.gateway.internal.tape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tape read back: its message lines, and the upstream calls they hold. Immutable.
 *
 * @param file where it was read from
 * @param lines the message lines, in order (not the header, not the end)
 */
public record Tape(Path file, List<ObjectNode> lines) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Copies the lines. */
  public Tape {
    lines = List.copyOf(lines);
  }

  /**
   * One upstream call: what the gateway sent, what the upstream sent during it, and its answer.
   *
   * @param method the request's method
   * @param params its params, or {@code null}
   * @param during what the upstream sent while it ran (progress, notifications, requests), in order
   * @param result the result, or {@code null}
   * @param error the error, or {@code null}
   */
  public record Call(
      String method,
      @Nullable JsonNode params,
      List<ObjectNode> during,
      @Nullable JsonNode result,
      @Nullable JsonNode error) {}

  /**
   * Reads a tape file.
   *
   * @param file the file
   * @return the tape
   * @throws IllegalArgumentException naming the file and line when it is not a tape
   * @throws UncheckedIOException if it cannot be read
   */
  public static Tape read(Path file) {
    List<String> text;
    try {
      text = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tape " + file, e);
    }
    List<ObjectNode> lines = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      if (text.get(i).isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(text.get(i));
      } catch (JacksonException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": not JSON", e);
      }
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a JSON object");
      }
      if (i == 0) {
        if (!TapeFormat.VERSION.equals(object.path("tape").asString(""))) {
          throw new IllegalArgumentException(
              file
                  + ":1: not a tape (its first line has no \"tape\":\""
                  + TapeFormat.VERSION
                  + "\")");
        }
        continue;
      }
      if (object.has("dir")) {
        lines.add(object);
      }
    }
    return new Tape(file, lines);
  }

  /** The upstreams the tape talked to, in order of appearance. */
  public List<String> upstreams() {
    Set<String> names = new LinkedHashSet<>();
    for (ObjectNode line : lines) {
      JsonNode upstream = line.get("upstream");
      if (upstream != null && upstream.isString()) {
        names.add(upstream.asString());
      }
    }
    return List.copyOf(names);
  }

  /** The requests the gateway sent one upstream, with what came back, in order. */
  public List<Call> calls(String upstream) {
    Map<String, ObjectNode> requests = new LinkedHashMap<>();
    Map<String, List<ObjectNode>> during = new LinkedHashMap<>();
    Map<String, ObjectNode> answers = new LinkedHashMap<>();
    for (ObjectNode line : lines) {
      if (!upstream.equals(line.path("upstream").asString(""))) {
        continue;
      }
      String call = line.path("call").asString("");
      JsonNode message = line.path("message");
      if (!(message instanceof ObjectNode object) || call.isEmpty()) {
        continue;
      }
      Direction direction = Direction.fromWireName(line.path("dir").asString(""));
      boolean isRequest = object.has("method") && object.has("id");
      boolean isAnswer = !object.has("method") && object.has("id");
      if (direction == Direction.GATEWAY_TO_UPSTREAM && isRequest) {
        requests.put(call, object);
        during.put(call, new ArrayList<>());
      } else if (direction == Direction.UPSTREAM_TO_GATEWAY && isAnswer) {
        if (call.equals(object.path("id").asString(""))) {
          answers.put(call, object);
        }
      } else if (direction == Direction.UPSTREAM_TO_GATEWAY && object.has("method")) {
        List<ObjectNode> nested = during.get(call);
        if (nested != null) {
          nested.add(object);
        }
      }
    }
    List<Call> calls = new ArrayList<>();
    requests.forEach(
        (call, request) -> {
          ObjectNode answer = answers.get(call);
          if (answer != null) {
            calls.add(
                new Call(
                    request.path("method").asString(),
                    request.get("params"),
                    List.copyOf(during.getOrDefault(call, List.of())),
                    answer.get("result"),
                    answer.get("error")));
          }
        });
    return calls;
  }
}
