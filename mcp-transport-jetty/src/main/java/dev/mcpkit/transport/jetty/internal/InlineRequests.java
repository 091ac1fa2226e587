package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.api.BoundedExecutor;
import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.ParsedBody;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.transport.jetty.Authenticator;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The fast path of the MCP endpoint: serves a POST or DELETE on the thread Jetty called the handler
 * on (an I/O thread: the handler is non-blocking) when nothing about it may block, and hands every
 * other request to a request thread, where the endpoint may block.
 *
 * <p>Served here, when the endpoint's {@link Authenticator} decides the request without blocking
 * ({@link Authenticator#decideWithoutBlocking}: always for none or bearer tokens, for a cached
 * token with an OAuth resource server) and the request passes the {@link RequestGate} (whose
 * refusals, 403 and 401, are answered here too): a well-formed POST (its body read without waiting,
 * {@link NonBlockingBody}) whose messages the engine serves without blocking ({@link
 * TransportEngine#invocationType}); a DELETE without a body of a session-based protocol version
 * when the engine ends sessions without blocking ({@link TransportEngine#deleteInvocationType()}).
 * A POST the engine classifies as blocking may still be answered later without a thread ({@link
 * LaterRequests}: a gateway's forwarded call). Every write here completes through the exchange's
 * callback, never by waiting. Everything else, including every error answer the request thread
 * would give (406, 413, 415, 400 for a malformed body, 503 when saturated), goes to the request
 * thread with what was read so far ({@link Preread}), so that the answers and their checks live in
 * one place.
 *
 * <p>Why it pays: a request thread costs a hand-off from the I/O thread and, after the exchange, a
 * wake-up of the selector to re-register read interest; profiles of the end-to-end benchmark put
 * that at about half of the server's CPU for a trivial tool call. Thread-safe and stateless per
 * request.
 */
final class InlineRequests {
  /** Takes a request the fast path does not serve to a request thread. */
  @FunctionalInterface
  interface HandOff {
    /**
     * Serves the request on a request thread.
     *
     * @param passed the gate's verdict if the request already passed it here (the request thread
     *     then does not check it again: an authenticator sees each request once), or {@code null}
     * @param preread what was read of the body, or {@code null} if nothing was
     */
    void toRequestThread(RequestGate.@Nullable Passed passed, @Nullable Preread preread);
  }

  private static final int BOTH = MediaTypes.JSON | MediaTypes.EVENT_STREAM;

  private final TransportEngine engine;
  private final JsonRpcCodec codec;
  private final TransportSettings settings;
  private final RequestGate gate;
  private final StreamRegistry streams;
  private final Executor requestThreads;
  private final LaterRequests later;

  InlineRequests(EndpointParts parts, LaterRequests later) {
    this.engine = parts.engine();
    this.codec = parts.codec();
    this.settings = parts.settings();
    this.gate = parts.gate();
    this.streams = parts.streams();
    this.requestThreads = parts.requestThreads();
    this.later = later;
  }

  /**
   * Serves the request here, or hands it off.
   *
   * @param request the request to the MCP endpoint
   * @param response its response
   * @param callback completes the exchange
   * @param handOff takes the request when it is not served here
   */
  void serve(Request request, Response response, Callback callback, HandOff handOff) {
    boolean post = HttpMethod.POST.is(request.getMethod());
    if (!post && !HttpMethod.DELETE.is(request.getMethod())) {
      handOff.toRequestThread(null, null);
      return;
    }
    RequestGate.Passed passed;
    try {
      switch (gate.checkWithoutBlocking(request)) {
        case null -> {
          // Deciding may block: the request thread asks the authenticator (once).
          handOff.toRequestThread(null, null);
          return;
        }
        case RequestGate.Refused refused -> {
          gate.refuse(request, response, refused, callback);
          return;
        }
        case RequestGate.Passed pass -> passed = pass;
      }
    } catch (RuntimeException | Error e) {
      HttpAnswers.failure(response, codec, e, callback);
      return;
    }
    Consumer<@Nullable Preread> onward = preread -> handOff.toRequestThread(passed, preread);
    if (post) {
      post(request, response, callback, onward, passed.principal());
    } else {
      delete(request, response, callback, onward, passed.principal());
    }
  }

  private void delete(
      Request request,
      Response response,
      Callback callback,
      Consumer<@Nullable Preread> onward,
      @Nullable Principal principal) {
    String version = request.getHeaders().get(McpHeaders.MCP_PROTOCOL_VERSION);
    boolean sessionBased =
        version == null
            || ProtocolVersion.fromWireName(version)
                .map(known -> !known.sessionless())
                .orElse(false);
    if (!sessionBased
        || request.getLength() > 0
        || !engine.deleteInvocationType().isNonBlocking()) {
      onward.accept(null);
      return;
    }
    String sessionId = request.getHeaders().get(McpHeaders.MCP_SESSION_ID);
    Outcome outcome;
    try {
      outcome = engine.delete(sessionId, principal);
    } catch (RuntimeException | Error e) {
      HttpAnswers.failure(response, codec, e, callback);
      return;
    }
    switch (outcome) {
      case Outcome.Accepted accepted -> {
        streams.closeSession(SessionId.of(sessionId), requestThreads);
        HttpAnswers.empty(response, HttpStatus.OK_200, callback);
      }
      default -> answer(response, callback, outcome, null);
    }
  }

  private void post(
      Request request,
      Response response,
      Callback callback,
      Consumer<@Nullable Preread> onward,
      @Nullable Principal principal) {
    McpRequestHeaders mcpHeaders = McpRequestHeaders.of(request.getHeaders());
    if (!eligible(request, mcpHeaders)) {
      onward.accept(null);
      return;
    }
    NonBlockingBody.read(
        request,
        (int) request.getLength(),
        settings.requestReadTimeout().toNanos(),
        body -> serve(request, response, callback, onward, principal, mcpHeaders, body),
        onward);
  }

  /** Serves a POST whose whole body arrived; on an I/O thread. */
  private void serve(
      Request request,
      Response response,
      Callback callback,
      Consumer<@Nullable Preread> onward,
      @Nullable Principal principal,
      McpRequestHeaders mcpHeaders,
      byte[] body) {
    int filled = body.length;
    ParsedBody parsed = codec.parse(body, 0, filled);
    if (!(parsed instanceof ParsedBody.Messages messages)) {
      onward.accept(new Preread(body, filled, parsed));
      return;
    }
    HttpFields headers = request.getHeaders();
    IncomingMessages incoming =
        new IncomingMessages(
            messages.messages(),
            messages.batch(),
            mcpHeaders.sessionId(),
            mcpHeaders.protocolVersion(),
            principal,
            headers::get,
            HttpAnswers.clientAddress(request));
    if (!engine.invocationType(incoming).isNonBlocking()) {
      if (!later.tryServe(request, response, callback, incoming, principal)) {
        onward.accept(Preread.classified(body, filled, parsed, incoming, mcpHeaders));
      }
      return;
    }
    BoundedExecutor executor = settings.executor();
    BoundedExecutor.Permit permit = null;
    if (executor != null && BlockingRequests.hasRequest(messages.messages())) {
      permit = executor.tryAcquire();
      if (permit == null) {
        // It answers 503 and tells the observer.
        onward.accept(Preread.classified(body, filled, parsed, incoming, mcpHeaders));
        return;
      }
    }
    InlineSink sink =
        new InlineSink(codec, HttpVersions.of(request.getConnectionMetaData().getHttpVersion()));
    Outcome outcome;
    try {
      outcome = engine.post(incoming, sink);
    } catch (RuntimeException | Error e) {
      HttpAnswers.failure(response, codec, e, callback);
      return;
    } finally {
      if (permit != null) {
        permit.close();
      }
    }
    answer(response, callback, outcome, sink.drain());
  }

  /** Only headers are looked at: what the request thread would refuse, it refuses itself. */
  private boolean eligible(Request request, McpRequestHeaders headers) {
    long declared = request.getLength();
    if (declared <= 0 || declared > settings.maxBodyBytes()) {
      return false;
    }
    return (headers.accepted() & BOTH) == BOTH
        && MediaTypes.isJson(headers.contentType())
        && !BlockingRequests.LISTEN.equals(headers.method());
  }

  private void answer(
      Response response, Callback callback, Outcome outcome, @Nullable List<byte[]> sent) {
    switch (outcome) {
      case Outcome.Rejected rejected -> {
        HttpAnswers.retryAfter(response, rejected);
        ScopeChallenges.add(response, rejected, settings.authenticator());
        HttpAnswers.error(
            response,
            codec,
            HttpAnswers.statusOf(rejected.reason()),
            rejected.error(),
            rejected.id(),
            callback);
      }
      case Outcome.Accepted accepted ->
          HttpAnswers.empty(response, HttpStatus.ACCEPTED_202, callback);
      case Outcome.Answered answered when sent == null && !answered.responses().isEmpty() -> {
        if (answered.newSession() != null) {
          response.getHeaders().put(McpHeaders.MCP_SESSION_ID, answered.newSession().value());
        }
        byte[] body =
            answered.batch()
                ? codec.encodeBatch(answered.responses())
                : codec.encode(answered.responses().getFirst());
        HttpAnswers.json(response, HttpStatus.OK_200, body, callback);
      }
      case Outcome.Answered answered -> {
        // Messages came before the responses (or every request was cancelled, which leaves an
        // empty stream): one SSE answer, written whole; without a store behind it, no event ids.
        List<JsonRpcMessage> responses = answered.responses();
        ByteBuffer[] events = new ByteBuffer[(sent == null ? 0 : sent.size()) + responses.size()];
        int size = 0;
        int i = 0;
        if (sent != null) {
          for (byte[] message : sent) {
            events[i] = SseWriter.message(null, message);
            size += events[i++].remaining();
          }
        }
        for (JsonRpcMessage message : responses) {
          events[i] = SseWriter.message(null, codec.encode(message));
          size += events[i++].remaining();
        }
        ByteBuffer stream = ByteBuffer.allocate(size);
        for (ByteBuffer event : events) {
          stream.put(event);
        }
        SseConnection.streamHeaders(response);
        response.write(true, stream.flip(), callback);
      }
    }
  }
}
