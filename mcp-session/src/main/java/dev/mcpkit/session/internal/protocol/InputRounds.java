package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.InputRequest;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.internal.AutoLock;
import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The input of one multi round-trip request (revision 2026-07-28) as its handler sees it: the
 * answers known so far (from the verified {@code requestState} and the retry's {@code
 * inputResponses}), and the requests the handler made that have no answer yet.
 *
 * <p>A handler asks through its context; an answered key returns the answer at once, an unanswered
 * one is recorded and ends the handler with {@link InputRequired}. The engine then answers {@code
 * input_required} with every recorded request, whatever the handler did with the exception (a
 * handler that catches it cannot complete the call by accident: the records decide, not the
 * handler's return). Asking for a method whose capability the request's {@code _meta} did not
 * declare is recorded likewise and becomes {@code MissingRequiredClientCapability}.
 *
 * <p>Thread-safe: a handler may ask from threads of its own; the records are guarded by a lock.
 */
@SuppressWarnings("try") // try (AutoLock ignored = ...): the resource is the held lock
public final class InputRounds {
  /** Ends a handler that needs input it does not have yet; carries no stack trace. */
  public static final class InputRequired extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    InputRequired() {
      super(
          "the client must provide input first; the request is answered with input_required",
          null,
          false,
          false);
    }
  }

  private final ObjectNode answers;
  private final RequestMeta meta;
  private final AutoLock lock = new AutoLock();
  // Guarded by lock; made at the first unanswered request, since most calls ask for nothing.
  private @Nullable LinkedHashMap<String, InputRequest> missing;
  private @Nullable JsonRpcError capabilityError; // guarded by lock
  private int automaticKeys; // guarded by lock

  /**
   * @param answers the answers known so far by key; owned by this object from now on
   * @param meta the request's metadata (its declared capabilities)
   */
  public InputRounds(ObjectNode answers, RequestMeta meta) {
    this.answers = requireNonNull(answers, "answers");
    this.meta = requireNonNull(meta, "meta");
  }

  /**
   * Merges the retry's {@code inputResponses} into the known answers.
   *
   * @throws ProtocolError {@code -32602} if {@code inputResponses} is not an object of objects
   */
  public static ObjectNode merge(ObjectNode known, @Nullable JsonNode params) {
    JsonNode responses = params == null ? null : params.get("inputResponses");
    if (responses == null) {
      return known;
    }
    if (!responses.isObject()) {
      throw new ProtocolError(
          JsonRpcError.INVALID_PARAMS, "Invalid params: inputResponses must be an object");
    }
    for (Map.Entry<String, JsonNode> entry : responses.properties()) {
      if (!entry.getValue().isObject()) {
        throw new ProtocolError(
            JsonRpcError.INVALID_PARAMS,
            "Invalid params: inputResponses['" + entry.getKey() + "'] must be a result object");
      }
      known.set(entry.getKey(), entry.getValue());
    }
    return known;
  }

  /**
   * The next key for a request made without one: the method and its ordinal, stable across rounds.
   */
  public String automaticKey(String method) {
    try (AutoLock ignored = lock.lock()) {
      return method + "#" + (++automaticKeys);
    }
  }

  /** Returns the answer to {@code key}, or records the request and throws {@link InputRequired}. */
  public JsonNode answer(String key, String method, @Nullable JsonNode params) {
    // answers returns an answer for every key it was asked, or throws.
    return requireNonNull(answers(Map.of(key, new InputRequest(method, params))).get(key));
  }

  /** Returns every answer, or records each unanswered request and throws {@link InputRequired}. */
  public Map<String, JsonNode> answers(Map<String, InputRequest> requests) {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    try (AutoLock ignored = lock.lock()) {
      boolean complete = true;
      for (Map.Entry<String, InputRequest> entry : requests.entrySet()) {
        String method = entry.getValue().method();
        McpMethod known = McpMethod.of(method);
        String capability = known == null ? null : known.clientCapability();
        if (capability == null) {
          throw new IllegalArgumentException(
              "a handler can ask the client only for sampling, elicitation or roots, not "
                  + method);
        }
        if (!meta.declares(capability)) {
          if (capabilityError == null) {
            capabilityError = StatelessErrors.missingCapability(capability, method);
          }
          throw new InputRequired();
        }
        JsonNode answer = answers.get(entry.getKey());
        if (answer == null) {
          if (missing == null) {
            missing = new LinkedHashMap<>();
          }
          missing.putIfAbsent(entry.getKey(), entry.getValue());
          complete = false;
        } else {
          found.put(entry.getKey(), answer);
        }
      }
      if (!complete) {
        throw new InputRequired();
      }
      return found;
    }
  }

  /** The capability error a request ran into, if any; it wins over missing input. */
  public @Nullable JsonRpcError capabilityError() {
    try (AutoLock ignored = lock.lock()) {
      return capabilityError;
    }
  }

  /** The {@code inputRequests} to answer with, or {@code null} if nothing is missing. */
  public @Nullable ObjectNode inputRequests() {
    try (AutoLock ignored = lock.lock()) {
      LinkedHashMap<String, InputRequest> asked = missing;
      if (asked == null || asked.isEmpty()) {
        return null;
      }
      ObjectNode requests = JsonRpcCodecs.nodes().objectNode();
      asked.forEach(
          (key, request) -> {
            ObjectNode node = requests.putObject(key);
            node.put("method", request.method());
            node.set(
                "params",
                request.params() == null
                    ? JsonRpcCodecs.nodes().objectNode()
                    : request.params().deepCopy());
          });
      return requests;
    }
  }

  /** The answers known so far, to carry into the next round's {@code requestState}. */
  public ObjectNode known() {
    try (AutoLock ignored = lock.lock()) {
      return answers.deepCopy();
    }
  }
}
