package dev.mcpkit.gateway.internal.tape;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.server.ServerNotifications;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.SessionOutbound;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's engine as its transport sees it, recording the client side of each session: what
 * the client posts, what the gateway streams or answers, what goes to the session's GET stream, and
 * the client's DELETE. A session is recorded from its {@code initialize} answer on; a request
 * naming no recorded session (sessionless, unknown, or from before recording) passes after one map
 * lookup.
 *
 * <p>Thread-safe: stateless around the engine and the recorder, which are.
 */
public final class TapingEngine implements TransportEngine {
  private final TransportEngine engine;
  private final TapeRecorder recorder;

  /**
   * @param engine the gateway's engine
   * @param recorder where the messages go
   */
  public TapingEngine(TransportEngine engine, TapeRecorder recorder) {
    this.engine = requireNonNull(engine, "engine");
    this.recorder = requireNonNull(recorder, "recorder");
  }

  @Override
  public Outcome post(IncomingMessages incoming, MessageSink sink) {
    Instant at = recorder.now();
    TapeHandle tape = recorder.live(incoming.sessionId());
    if (tape == null) {
      Outcome outcome = engine.post(incoming, sink);
      if (outcome instanceof Outcome.Answered answered && answered.newSession() != null) {
        TapeHandle started = recorder.start(answered.newSession().value());
        received(started, at, incoming);
        answered(started, outcome);
      }
      return outcome;
    }
    received(tape, at, incoming);
    Outcome outcome = engine.post(incoming, new TapingSink(sink, recorder, tape));
    answered(tape, outcome);
    return outcome;
  }

  /**
   * A request of a session being taped is left to {@link #post}, which records it, its messages and
   * its answer in order; any other goes the engine's way (a request answered later never starts a
   * session, so it never starts a tape).
   */
  @Override
  public @Nullable CompletionStage<Outcome> postLater(IncomingMessages incoming, MessageSink sink) {
    return recorder.live(incoming.sessionId()) == null ? engine.postLater(incoming, sink) : null;
  }

  @Override
  public boolean mayAnswerLater() {
    return engine.mayAnswerLater();
  }

  private void received(TapeHandle tape, Instant at, IncomingMessages incoming) {
    // Only the lookups here: the headers are redacted and written by the writer thread.
    List<String> names = recorder.redactor().recordedHeaders();
    @Nullable String[] values = null;
    for (int i = 0; i < names.size(); i++) {
      String value = incoming.headers().get(names.get(i));
      if (value != null) {
        if (values == null) {
          values = new String[names.size()];
        }
        values[i] = value;
      }
    }
    List<@Nullable String> headers = values == null ? null : Arrays.asList(values);
    for (JsonRpcMessage message : incoming.messages()) {
      recorder.record(tape, at, Direction.CLIENT_TO_GATEWAY, null, null, message, headers);
      headers = null;
    }
  }

  private void answered(TapeHandle tape, Outcome outcome) {
    Instant at = recorder.now();
    switch (outcome) {
      case Outcome.Answered answered -> {
        for (JsonRpcMessage response : answered.responses()) {
          recorder.record(tape, at, Direction.GATEWAY_TO_CLIENT, null, null, response, null);
        }
      }
      case Outcome.Rejected rejected ->
          recorder.record(
              tape,
              at,
              Direction.GATEWAY_TO_CLIENT,
              null,
              null,
              new JsonRpcErrorResponse(rejected.id(), rejected.error()),
              null);
      case Outcome.Accepted ignored -> {}
    }
  }

  @Override
  public Outcome delete(@Nullable String sessionId, @Nullable Principal principal) {
    TapeHandle tape = recorder.live(sessionId);
    if (tape != null) {
      recorder.record(tape, recorder.now(), Direction.CLIENT_TO_GATEWAY, null, null, null, null);
    }
    return engine.delete(sessionId, principal);
  }

  @Override
  public void attachOutbound(SessionOutbound outbound) {
    requireNonNull(outbound, "outbound");
    engine.attachOutbound(
        (session, message) -> {
          TapeHandle tape = recorder.live(session.id().value());
          if (tape != null) {
            recorder.record(
                tape, recorder.now(), Direction.GATEWAY_TO_CLIENT, null, null, message, null);
          }
          return outbound.send(session, message);
        });
  }

  /** The sink of a recorded session's POST: what it streams is recorded, then sent. */
  private record TapingSink(MessageSink sink, TapeRecorder recorder, TapeHandle tape)
      implements MessageSink {
    @Override
    public void send(JsonRpcMessage message) {
      recorder.record(tape, recorder.now(), Direction.GATEWAY_TO_CLIENT, null, null, message, null);
      sink.send(message);
    }

    @Override
    public void closeStream() {
      sink.closeStream();
    }

    @Override
    public @Nullable String networkProtocolVersion() {
      return sink.networkProtocolVersion();
    }

    @Override
    public boolean isOpen() {
      return sink.isOpen();
    }

    @Override
    public void onClientClose(Runnable onClose) {
      sink.onClientClose(onClose);
    }
  }

  // Everything else is the engine's (TapingEngineTest checks that every method is delegated).

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
