package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.server.ServerNotifications;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.SessionOutbound;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's engine as its transport sees it: the engine itself, except that the W3C trace
 * context of a POST's HTTP headers ({@code traceparent}, {@code tracestate}) is copied into the
 * {@code params._meta} of each request in it that carries none of its own, so that a client whose
 * HTTP library propagates the context (and not MCP's {@code _meta}) is traced through the gateway
 * too. A request's own {@code _meta} context wins. Without the header, a POST passes as it is after
 * one header lookup.
 *
 * <p>Thread-safe: stateless around the engine, which is.
 */
public final class TraceHeaderEngine implements TransportEngine {
  private final TransportEngine engine;

  /**
   * @param engine the gateway's engine
   */
  public TraceHeaderEngine(TransportEngine engine) {
    this.engine = requireNonNull(engine, "engine");
  }

  @Override
  public Outcome post(IncomingMessages incoming, MessageSink sink) {
    return engine.post(withHeaderContext(incoming), sink);
  }

  @Override
  public @Nullable CompletionStage<Outcome> postLater(IncomingMessages incoming, MessageSink sink) {
    return engine.postLater(withHeaderContext(incoming), sink);
  }

  @Override
  public boolean mayAnswerLater() {
    return engine.mayAnswerLater();
  }

  /** The messages with the header's trace context in each request's {@code _meta} lacking one. */
  static IncomingMessages withHeaderContext(IncomingMessages incoming) {
    String traceparent = incoming.headers().get("traceparent");
    if (traceparent == null) {
      return incoming;
    }
    String tracestate = incoming.headers().get("tracestate");
    List<JsonRpcMessage> messages = new ArrayList<>(incoming.messages().size());
    boolean changed = false;
    for (JsonRpcMessage message : incoming.messages()) {
      if (message instanceof JsonRpcRequest request && lacksContext(request.params())) {
        ObjectNode params =
            request.params() instanceof ObjectNode object
                ? object.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        JsonNode existing = params.get("_meta");
        ObjectNode meta =
            existing instanceof ObjectNode object ? object : params.putObject("_meta");
        meta.put("traceparent", traceparent);
        if (tracestate != null) {
          meta.put("tracestate", tracestate);
        }
        messages.add(new JsonRpcRequest(request.id(), request.method(), params));
        changed = true;
      } else {
        messages.add(message);
      }
    }
    return changed
        ? new IncomingMessages(
            messages,
            incoming.batch(),
            incoming.sessionId(),
            incoming.protocolVersion(),
            incoming.principal(),
            incoming.headers(),
            incoming.clientAddress())
        : incoming;
  }

  /** Object params (or none) whose {@code _meta} has no {@code traceparent}. */
  private static boolean lacksContext(@Nullable JsonNode params) {
    return params == null || (params.isObject() && !params.path("_meta").has("traceparent"));
  }

  // Everything else is the engine's, including the defaults it overrides (TraceHeaderEngineTest
  // checks that every method of TransportEngine is delegated here).

  @Override
  public JsonRpcCodec codec() {
    return engine.codec();
  }

  @Override
  public InvocationType invocationType(IncomingMessages incoming) {
    return engine.invocationType(incoming);
  }

  @Override
  public InvocationType deleteInvocationType() {
    return engine.deleteInvocationType();
  }

  @Override
  public Outcome delete(@Nullable String sessionId, @Nullable Principal principal) {
    return engine.delete(sessionId, principal);
  }

  @Override
  public void attachOutbound(SessionOutbound outbound) {
    engine.attachOutbound(outbound);
  }

  @Override
  public @Nullable Session session(@Nullable String sessionId, @Nullable Principal principal) {
    return engine.session(sessionId, principal);
  }

  @Override
  public EventStore eventStore() {
    return engine.eventStore();
  }

  @Override
  public ServerNotifications notifications() {
    return engine.notifications();
  }
}
