package dev.mcpkit.store.redis;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.server.ServerNotifications;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.SessionOutbound;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * An engine that passes everything to the one it wraps and keeps the {@link SessionOutbound} it is
 * given: what the engine's own parts (a gateway's dynamic methods, for one) receive to reach a
 * session's GET stream when it sits under the cluster's engine.
 */
final class OutboundCapture implements TransportEngine {
  private final TransportEngine inner;
  private volatile SessionOutbound outbound = SessionOutbound.DISCARD;

  OutboundCapture(TransportEngine inner) {
    this.inner = inner;
  }

  /** The channel the engine above attached. */
  SessionOutbound outbound() {
    return outbound;
  }

  @Override
  public void attachOutbound(SessionOutbound outbound) {
    this.outbound = outbound;
    inner.attachOutbound(outbound);
  }

  @Override
  public JsonRpcCodec codec() {
    return inner.codec();
  }

  @Override
  public Outcome post(IncomingMessages incoming, MessageSink sink) {
    return inner.post(incoming, sink);
  }

  @Override
  public InvocationType invocationType(IncomingMessages incoming) {
    return inner.invocationType(incoming);
  }

  @Override
  public InvocationType deleteInvocationType() {
    return inner.deleteInvocationType();
  }

  @Override
  public Outcome delete(@Nullable String sessionId, @Nullable Principal principal) {
    return inner.delete(sessionId, principal);
  }

  @Override
  public @Nullable Session session(@Nullable String sessionId, @Nullable Principal principal) {
    return inner.session(sessionId, principal);
  }

  @Override
  public EventStore eventStore() {
    return inner.eventStore();
  }

  @Override
  public ServerNotifications notifications() {
    return inner.notifications();
  }
}
