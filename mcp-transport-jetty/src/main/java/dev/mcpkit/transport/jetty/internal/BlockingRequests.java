package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.api.BoundedExecutor;
import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.spi.transport.HttpServerObserver;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.ParsedBody;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP endpoint on a request thread (a virtual thread), where serving may block: every request
 * the fast path ({@link InlineRequests}) does not serve. POST (JSON or SSE answers, 202 for
 * notifications and responses), GET (the session's standalone SSE stream, or the resumption of a
 * stream with {@code Last-Event-ID}; see {@link StreamRegistry}), DELETE (ends the session and its
 * streams), 405 for everything else. It checks what is purely HTTP (the {@link RequestGate} first,
 * unless the fast path already did; then method, headers and body) and hands the messages to the
 * engine; tool handlers run on this same thread. Thread-safe and stateless per request.
 */
final class BlockingRequests {
  /** How much of an oversized body is read and dropped so its 413 arrives intact; see discard. */
  private static final long DISCARD_LIMIT = 4L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(BlockingRequests.class);
  private static final String ALLOW = "GET, POST, DELETE";

  /** The method whose POST holds its request open (revision 2026-07-28); it takes no permit. */
  static final String LISTEN = McpMethod.SUBSCRIPTIONS_LISTEN.wireName();

  /** The 429 answer's message to a client that holds every SSE stream it may. */
  static final String TOO_MANY_STREAMS =
      "Too Many Requests: too many SSE streams open for this client";

  private final TransportEngine engine;
  private final JsonRpcCodec codec;
  private final TransportSettings settings;
  private final RequestGate gate;
  private final StreamRegistry streams;
  private final HttpServerObserver observer;

  BlockingRequests(EndpointParts parts) {
    this.engine = parts.engine();
    this.codec = parts.codec();
    this.settings = parts.settings();
    this.gate = parts.gate();
    this.streams = parts.streams();
    this.observer = parts.observer();
  }

  /**
   * Serves a request of the endpoint; completes {@code callback} when done.
   *
   * @param passed the gate's verdict if the fast path already checked the request, or {@code null}
   * @param preread what the fast path read of the body, or {@code null}
   */
  void serve(
      Request request,
      Response response,
      Callback callback,
      RequestGate.@Nullable Passed passed,
      @Nullable Preread preread) {
    try {
      IOException failure = endpoint(request, response, callback, passed, preread);
      if (failure != null) {
        callback.failed(failure);
        return;
      }
      callback.succeeded();
    } catch (Throwable x) {
      LOG.debug("request to {} failed", settings.endpointPath(), x);
      HttpAnswers.failure(response, codec, x, callback);
    }
  }

  /**
   * Before an early answer to a request whose body was not (fully) read: on HTTP/1.x, announces
   * that the connection closes. Jetty closes it anyway rather than read an unknown amount of
   * content, and without the header a client may reuse the connection and see it closed under its
   * next request. HTTP/2 streams are independent and need nothing.
   */
  static void closeIfBodyUnread(Request request, Response response) {
    HttpVersion version = request.getConnectionMetaData().getHttpVersion();
    if (version != HttpVersion.HTTP_2
        && version != HttpVersion.HTTP_3
        && request.getLength() != 0) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
  }

  /**
   * Reads and drops what an HTTP/1.x request's body still holds, at most {@value #DISCARD_LIMIT}
   * bytes, before an answer that does not read it (a 405, a 400, a refusal by the gate): that
   * answer closes the connection, and closing a socket with unread bytes in its receive buffer
   * makes TCP send a reset, which can destroy the answer before the client reads it. HTTP/2 streams
   * need nothing. Blocks; call it on a request thread.
   */
  static void drainUnread(Request request) throws IOException {
    HttpVersion version = request.getConnectionMetaData().getHttpVersion();
    if (version == HttpVersion.HTTP_2
        || version == HttpVersion.HTTP_3
        || request.getLength() == 0) {
      return;
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      discard(in);
    }
  }

  /**
   * Before an answer that does not read the body: the connection closes after it ({@link
   * #closeIfBodyUnread}) and the body is dropped first ({@link #drainUnread}). Blocks.
   */
  private static void closeAndDrainUnread(Request request, Response response) throws IOException {
    closeIfBodyUnread(request, response);
    drainUnread(request);
  }

  /** Serves the MCP endpoint; returns a write failure that ended an SSE answer early, if any. */
  private @Nullable IOException endpoint(
      Request request,
      Response response,
      Callback callback,
      RequestGate.@Nullable Passed passed,
      @Nullable Preread preread)
      throws IOException {
    HttpFields headers = request.getHeaders();
    Principal principal;
    switch (passed != null ? passed : gate.check(request)) {
      case RequestGate.Refused refused -> {
        gate.refuse(request, response, refused);
        return null;
      }
      case RequestGate.Passed pass -> principal = pass.principal();
    }
    String method = request.getMethod();
    boolean post = HttpMethod.POST.is(method);
    boolean get = HttpMethod.GET.is(method);
    if (!post && !get && !HttpMethod.DELETE.is(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
      closeAndDrainUnread(request, response);
      HttpAnswers.error(
          response,
          codec,
          HttpStatus.METHOD_NOT_ALLOWED_405,
          JsonRpcError.INVALID_REQUEST,
          "Method not allowed: " + method);
      return null;
    }
    McpRequestHeaders mcpHeaders = mcpHeaders(request, preread);
    String version = mcpHeaders.protocolVersion();
    // A POST with an unknown version goes to the engine, which answers UnsupportedProtocolVersion
    // with the request's id and the versions served (revision 2026-07-28 requires that body).
    if (!post && version != null && ProtocolVersion.fromWireName(version).isEmpty()) {
      closeAndDrainUnread(request, response);
      HttpAnswers.error(
          response,
          codec,
          HttpStatus.BAD_REQUEST_400,
          JsonRpcError.INVALID_REQUEST,
          "Bad Request: unsupported MCP-Protocol-Version " + version);
      return null;
    }
    if (!post
        && version != null
        && ProtocolVersion.fromWireName(version).map(ProtocolVersion::sessionless).orElse(false)) {
      // Revision 2026-07-28 has neither the GET stream nor DELETE (subscriptions/listen and no
      // sessions).
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      closeAndDrainUnread(request, response);
      HttpAnswers.error(
          response,
          codec,
          HttpStatus.METHOD_NOT_ALLOWED_405,
          JsonRpcError.INVALID_REQUEST,
          "Method not allowed: protocol version " + version + " uses POST only");
      return null;
    }
    String sessionId = mcpHeaders.sessionId();
    if (get) {
      get(request, response, callback, sessionId, principal);
      return null;
    }
    if (!post) {
      Outcome outcome = engine.delete(sessionId, principal);
      switch (outcome) {
        case Outcome.Rejected rejected -> reject(response, rejected);
        case Outcome.Accepted accepted -> {
          // The engine accepts only a DELETE that names a session it ended.
          streams.closeSession(
              SessionId.of(Objects.requireNonNull(sessionId, "sessionId")), Runnable::run);
          HttpAnswers.empty(response, HttpStatus.OK_200);
        }
        case Outcome.Answered answered ->
            throw new IllegalStateException("DELETE answered with messages");
      }
      return null;
    }
    return post(request, response, callback, mcpHeaders, principal, preread);
  }

  /**
   * The request's MCP headers: as the inline path read them if it got as far as classifying the
   * messages, else read now, in one pass over the fields ({@link McpRequestHeaders}).
   */
  private static McpRequestHeaders mcpHeaders(Request request, @Nullable Preread preread) {
    McpRequestHeaders known = preread == null ? null : preread.headers();
    return known != null ? known : McpRequestHeaders.of(request.getHeaders());
  }

  private @Nullable IOException post(
      Request request,
      Response response,
      Callback callback,
      McpRequestHeaders mcpHeaders,
      @Nullable Principal principal,
      @Nullable Preread preread)
      throws IOException {
    HttpFields headers = request.getHeaders();
    String sessionId = mcpHeaders.sessionId();
    String version = mcpHeaders.protocolVersion();
    int both = MediaTypes.JSON | MediaTypes.EVENT_STREAM;
    if ((mcpHeaders.accepted() & both) != both) {
      closeAndDrainUnread(request, response);
      HttpAnswers.error(
          response,
          codec,
          HttpStatus.NOT_ACCEPTABLE_406,
          JsonRpcError.INVALID_REQUEST,
          "Not Acceptable: Accept must list application/json and text/event-stream");
      return null;
    }
    if (!MediaTypes.isJson(mcpHeaders.contentType())) {
      closeAndDrainUnread(request, response);
      HttpAnswers.error(
          response,
          codec,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
          JsonRpcError.INVALID_REQUEST,
          "Unsupported Media Type: Content-Type must be application/json");
      return null;
    }
    ParsedBody parsed = preread == null ? null : preread.parsed();
    if (parsed == null) {
      byte[] body;
      ReadDeadline deadline =
          preread != null && preread.deadline() != null
              ? preread.deadline()
              : ReadDeadline.arm(request, settings.requestReadTimeout().toNanos());
      try {
        body = readBody(request, preread);
        if (!deadline.finish()) {
          throw new IOException("read after the deadline");
        }
      } catch (IOException e) {
        if (deadline.expired()) {
          // Trickled: the client took longer than the deadline to send its request.
          LOG.debug("request not read within its deadline", e);
          response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
          HttpAnswers.error(
              response,
              codec,
              HttpStatus.REQUEST_TIMEOUT_408,
              JsonRpcError.INVALID_REQUEST,
              "Request Timeout: the request was not received within "
                  + settings.requestReadTimeout().toMillis()
                  + " ms");
          return null;
        }
        deadline.finish();
        if (!endedEarly(e)) {
          throw e;
        }
        // The client ended its side before the declared length: its request, not the server,
        // failed.
        LOG.debug("body ended early", e);
        HttpAnswers.error(
            response,
            codec,
            HttpStatus.BAD_REQUEST_400,
            JsonRpcError.PARSE_ERROR,
            "Parse error: the body ended before its Content-Length");
        return null;
      }
      if (body == null) {
        closeIfBodyUnread(request, response);
        HttpAnswers.error(
            response,
            codec,
            HttpStatus.PAYLOAD_TOO_LARGE_413,
            JsonRpcError.INVALID_REQUEST,
            "Payload Too Large: the body exceeds " + settings.maxBodyBytes() + " bytes");
        return null;
      }
      parsed = codec.parse(body, 0, body.length);
    }
    switch (parsed) {
      case ParsedBody.Malformed malformed -> {
        LOG.debug("malformed body: {}", malformed.error().message());
        HttpAnswers.error(response, codec, HttpStatus.BAD_REQUEST_400, malformed.error());
        return null;
      }
      case ParsedBody.Messages messages -> {
        // Only requests do work worth bounding; notifications (a cancellation above all) and
        // responses must get through even when the server is saturated.
        BoundedExecutor.Permit permit = null;
        BoundedExecutor executor = settings.executor();
        // A subscriptions/listen stream (2026-07-28) holds its request for as long as the client
        // listens: it takes no permit (the engine bounds listen streams itself), or a few listeners
        // would starve the server. The header cannot disguise other work: the engine refuses a
        // request whose Mcp-Method differs from its body.
        boolean listen = LISTEN.equals(mcpHeaders.method());
        boolean hasRequest = hasRequest(messages.messages());
        if (hasRequest && streams.clientAtLimit(request, principal)) {
          // Its answer could become one more SSE stream of a client that holds all it may.
          response.getHeaders().put(HttpHeader.RETRY_AFTER, HttpAnswers.RETRY_AFTER_SECONDS);
          HttpAnswers.error(
              response,
              codec,
              HttpStatus.TOO_MANY_REQUESTS_429,
              JsonRpcError.INVALID_REQUEST,
              TOO_MANY_STREAMS);
          return null;
        }
        if (executor != null && !listen && hasRequest) {
          permit = executor.tryAcquire();
          if (permit == null) {
            LOG.debug("saturated: {} requests in flight", executor.activeCount());
            observer.executorSaturated();
            response.getHeaders().put(HttpHeader.RETRY_AFTER, HttpAnswers.RETRY_AFTER_SECONDS);
            HttpAnswers.error(
                response,
                codec,
                HttpStatus.SERVICE_UNAVAILABLE_503,
                JsonRpcError.INTERNAL_ERROR,
                "Service Unavailable: too many requests in flight; retry later");
            return null;
          }
        }
        // A sessionless request (revision 2026-07-28) never joins a session's streams: its answer
        // is a plain stream without event ids, not resumable.
        boolean sessionless =
            version != null
                && ProtocolVersion.fromWireName(version)
                    .map(ProtocolVersion::sessionless)
                    .orElse(true);
        ResponseChannel channel =
            channel(request, response, callback, sessionless ? null : sessionId, principal);
        if (sessionless) {
          // Closing the response stream cancels a sessionless request: noticed when a write (a
          // keep-alive comment of the sweep, at the latest) fails, or when Jetty reports the
          // failure.
          request.addFailureListener(channel::clientClosed);
          streams.track(channel);
        }
        // The inline path made them already when it classified the request (same parse, same
        // headers, same principal): the client's address is not formatted twice.
        IncomingMessages classified = preread == null ? null : preread.incoming();
        IncomingMessages incoming =
            classified != null
                ? classified
                : new IncomingMessages(
                    messages.messages(),
                    messages.batch(),
                    sessionId,
                    version,
                    principal,
                    headers::get,
                    HttpAnswers.clientAddress(request));
        Outcome outcome;
        try {
          outcome = engine.post(incoming, channel);
        } finally {
          // Released before the answer is written, so a client that has its answer may send the
          // next
          // request without racing this permit.
          if (permit != null) {
            permit.close();
          }
          if (sessionless) {
            streams.untrack(channel);
          }
        }
        return finish(response, outcome, channel);
      }
    }
  }

  /**
   * The answer channel of a POST carrying requests.
   *
   * @param sessionId the session whose streams an SSE answer joins, or {@code null} for a
   *     sessionless request (a plain stream without event ids)
   */
  ResponseChannel channel(
      Request request,
      Response response,
      Callback callback,
      @Nullable String sessionId,
      @Nullable Principal principal) {
    // The client's key (its address as text) is made only if the answer becomes a stream.
    ClientKey client = new ClientKey(request, principal);
    return new ResponseChannel(
        response,
        codec,
        sessionId == null ? () -> null : () -> streams.streams(sessionId, principal),
        callback::succeeded,
        callback::failed,
        streams.limits(),
        () -> streams.openClientStream(client.get(), false),
        () -> streams.closeClientStream(client.get()),
        request.getConnectionMetaData().getHttpVersion().getVersion()
            < HttpVersion.HTTP_2.getVersion());
  }

  /**
   * Writes a POST's outcome through its channel and waits until its own answer ended. Blocks.
   *
   * @return a write failure that ended an SSE answer early, or {@code null}
   */
  @Nullable IOException finish(Response response, Outcome outcome, ResponseChannel channel)
      throws IOException {
    switch (outcome) {
      case Outcome.Rejected rejected when channel.streaming() ->
          // Too late for a status of its own: the error ends the stream like any response.
          channel.finish(
              new Outcome.Answered(
                  List.of(new JsonRpcErrorResponse(rejected.id(), rejected.error())), false, null));
      case Outcome.Rejected rejected -> reject(response, rejected);
      case Outcome.Accepted accepted -> HttpAnswers.empty(response, HttpStatus.ACCEPTED_202);
      case Outcome.Answered answered -> channel.finish(answered);
    }
    try {
      channel.awaitOwnEnd();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping; the exchange fails below
      return new java.io.InterruptedIOException("interrupted while the answer was written");
    }
    return channel.failure();
  }

  /**
   * Serves the end of a POST on a request thread: {@link #finish}, then completes the exchange. For
   * an answer that came later ({@link LaterRequests}) and could not be written without blocking.
   */
  void finishAndComplete(
      Response response, Callback callback, Outcome outcome, ResponseChannel channel) {
    try {
      IOException failure = finish(response, outcome, channel);
      if (failure != null) {
        callback.failed(failure);
        return;
      }
      callback.succeeded();
    } catch (Throwable x) {
      LOG.debug("request to {} failed", settings.endpointPath(), x);
      HttpAnswers.failure(response, codec, x, callback);
    }
  }

  /**
   * Tells whether reading failed because the body ended early (Jetty wraps its EofException once or
   * more).
   */
  private static boolean endedEarly(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof EOFException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tells whether any message is a request (a loop: this runs on every POST, a stream allocated).
   */
  static boolean hasRequest(List<JsonRpcMessage> messages) {
    for (int i = 0, n = messages.size(); i < n; i++) {
      if (messages.get(i) instanceof JsonRpcRequest) {
        return true;
      }
    }
    return false;
  }

  /** Serves a GET: the standalone SSE stream or a resumption; blocks while the stream is open. */
  private void get(
      Request request,
      Response response,
      Callback callback,
      @Nullable String sessionId,
      @Nullable Principal principal)
      throws IOException {
    HttpFields headers = request.getHeaders();
    if ((MediaTypes.accepted(headers) & MediaTypes.EVENT_STREAM) == 0) {
      HttpAnswers.error(
          response,
          codec,
          HttpStatus.NOT_ACCEPTABLE_406,
          JsonRpcError.INVALID_REQUEST,
          "Not Acceptable: Accept must list text/event-stream");
      return;
    }
    if (sessionId == null) {
      HttpAnswers.error(
          response,
          codec,
          HttpStatus.BAD_REQUEST_400,
          JsonRpcError.INVALID_REQUEST,
          "Bad Request: Mcp-Session-Id header is required");
      return;
    }
    Session session = engine.session(sessionId, principal);
    if (session == null) {
      HttpAnswers.error(
          response,
          codec,
          HttpStatus.NOT_FOUND_404,
          JsonRpcError.INVALID_REQUEST,
          "Session not found");
      return;
    }
    StreamRegistry.Refusal refusal =
        streams.serveGet(
            session,
            headers.get(McpHeaders.LAST_EVENT_ID),
            response,
            StreamRegistry.clientKey(request, principal),
            callback::failed);
    if (refusal != null) {
      LOG.debug("GET refused: {}", refusal);
      switch (refusal) {
        case CONFLICT ->
            HttpAnswers.error(
                response,
                codec,
                HttpStatus.CONFLICT_409,
                JsonRpcError.INVALID_REQUEST,
                "Conflict: this session's SSE stream is already open");
        case TOO_MANY_STREAMS -> {
          response.getHeaders().put(HttpHeader.RETRY_AFTER, HttpAnswers.RETRY_AFTER_SECONDS);
          HttpAnswers.error(
              response,
              codec,
              HttpStatus.TOO_MANY_REQUESTS_429,
              JsonRpcError.INVALID_REQUEST,
              "Too Many Requests: too many SSE streams open for this session or client");
        }
        case NOT_RESUMABLE ->
            HttpAnswers.error(
                response,
                codec,
                HttpStatus.BAD_REQUEST_400,
                JsonRpcError.INVALID_REQUEST,
                "Bad Request: Last-Event-ID names no stream that can be resumed");
      }
    }
  }

  /**
   * Reads the body, or returns {@code null} if it is larger than the limit. With a declared length
   * the body goes straight into an array of that length: {@code readNBytes(limit + 1)} starts with
   * an 8 KiB buffer and copies out of it, which for the usual 100-byte POST made 8 KiB of garbage
   * per request (84% of the bytes the server allocated under load, and four times the young
   * collections of a bare Jetty handler, in a JFR profile of the end-to-end benchmark). The end of
   * the content is still read, as before, so the exchange completes the same way. A body the inline
   * path began to read ({@code preread}) is continued where it stopped.
   */
  private byte @Nullable [] readBody(Request request, @Nullable Preread preread)
      throws IOException {
    long declared = request.getLength();
    int limit = settings.maxBodyBytes();
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared > limit) {
        discard(in);
        return null;
      }
      if (declared >= 0) {
        byte[] body = preread == null ? new byte[(int) declared] : preread.body();
        int filled = preread == null ? 0 : preread.filled();
        filled += in.readNBytes(body, filled, body.length - filled);
        if (filled < body.length) {
          // Shorter than declared: the client went away mid-body; what arrived fails to parse.
          return Arrays.copyOf(body, filled);
        }
        // HTTP framing stops the content at the declared length; this reads its end.
        return in.read() == -1 ? body : null;
      }
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        discard(in);
        return null;
      }
      return body;
    }
  }

  /**
   * Reads and drops the rest of an oversized body, at most {@value #DISCARD_LIMIT} bytes, before
   * the 413 is written. The 413 closes an HTTP/1.1 connection; closing a socket with unread bytes
   * in its receive buffer makes TCP send a reset, which can destroy the 413 before the client reads
   * it (the client then sees a broken connection instead of the answer). A body larger still is cut
   * off.
   */
  private static void discard(InputStream in) throws IOException {
    byte[] sink = new byte[8192];
    long dropped = 0;
    int n;
    while (dropped < DISCARD_LIMIT && (n = in.read(sink)) != -1) {
      dropped += n;
    }
  }

  private void reject(Response response, Outcome.Rejected rejected) throws IOException {
    int status = HttpAnswers.statusOf(rejected.reason());
    LOG.debug("rejected with {}: {}", status, rejected.error().message());
    HttpAnswers.retryAfter(response, rejected);
    ScopeChallenges.add(response, rejected, settings.authenticator());
    HttpAnswers.error(response, codec, status, rejected.error(), rejected.id());
  }
}
