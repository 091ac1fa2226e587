package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.BoundedExecutor;
import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.server.IncomingMessages;
import dev.mcpkit.api.server.JsonRpcCodec;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.Outcome;
import dev.mcpkit.api.server.ParsedBody;
import dev.mcpkit.transport.jetty.Authenticator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP Streamable HTTP endpoint as a Jetty 12 core handler: POST (JSON or SSE answers, 202 for
 * notifications and responses), DELETE (ends the session), 405 for everything else (no GET stream
 * yet), plus a health check. It checks what is purely HTTP ({@code Host}, {@code Origin}, then the
 * {@link Authenticator}, whose principal travels with the messages) and hands the messages to the
 * engine.
 *
 * <p>A blocking handler: Jetty runs it on a virtual thread when its pool has a virtual-thread
 * executor, and tool handlers run on that same thread. Thread-safe and stateless per request.
 */
public final class McpHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(McpHandler.class);
  private static final String ALLOW = "POST, DELETE";
  private static final int RETRY_AFTER_SECONDS = 1;
  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);

  private final McpEngine engine;
  private final JsonRpcCodec codec;
  private final TransportSettings settings;
  private final OriginPolicy origins;
  private final HostPolicy hosts;
  private final Authentication authentication;

  /**
   * Creates the handler.
   *
   * @param engine the protocol engine
   * @param settings the endpoint's settings
   */
  public McpHandler(McpEngine engine, TransportSettings settings) {
    super(InvocationType.BLOCKING);
    this.engine = requireNonNull(engine, "engine");
    this.codec = engine.codec();
    this.settings = requireNonNull(settings, "settings");
    this.origins = new OriginPolicy(settings.allowedOrigins());
    this.hosts = new HostPolicy(settings.boundHost(), settings.allowedHosts());
    this.authentication = new Authentication(settings.authenticator());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    try {
      if (path.equals(settings.endpointPath())) {
        IOException failure = endpoint(request, response);
        if (failure != null) {
          callback.failed(failure);
          return true;
        }
      } else if (path.equals(settings.healthPath()) && HttpMethod.GET.is(request.getMethod())) {
        HttpAnswers.json(response, HttpStatus.OK_200, HEALTHY);
      } else {
        return false;
      }
      callback.succeeded();
    } catch (Throwable x) {
      LOG.debug("request to {} failed", path, x);
      if (!response.isCommitted()) {
        try {
          HttpAnswers.error(response, codec, HttpStatus.INTERNAL_SERVER_ERROR_500,
              JsonRpcError.INTERNAL_ERROR, "Internal error");
          callback.succeeded();
          return true;
        } catch (IOException | RuntimeException again) {
          x.addSuppressed(again);
        }
      }
      callback.failed(x);
    }
    return true;
  }

  /** Serves the MCP endpoint; returns a write failure that ended an SSE answer early, if any. */
  private @Nullable IOException endpoint(Request request, Response response) throws IOException {
    HttpFields headers = request.getHeaders();
    if (!hosts.allows(request.getHttpURI().getHost())) {
      LOG.debug("refusing host {}", request.getHttpURI().getHost());
      HttpAnswers.error(response, codec, HttpStatus.FORBIDDEN_403, JsonRpcError.INVALID_REQUEST,
          "Forbidden: host not allowed");
      return null;
    }
    if (!origins.allows(headers.get(HttpHeader.ORIGIN))) {
      LOG.debug("refusing origin {}", headers.get(HttpHeader.ORIGIN));
      HttpAnswers.error(response, codec, HttpStatus.FORBIDDEN_403, JsonRpcError.INVALID_REQUEST,
          "Forbidden: origin not allowed");
      return null;
    }
    Principal principal;
    switch (authentication.decide(request)) {
      case Authenticator.Reject reject -> {
        Authentication.reject(response, codec, reject);
        return null;
      }
      case Authenticator.Accept accept -> principal = accept.principal();
    }
    String method = request.getMethod();
    boolean post = HttpMethod.POST.is(method);
    if (!post && !HttpMethod.DELETE.is(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
      HttpAnswers.error(response, codec, HttpStatus.METHOD_NOT_ALLOWED_405, JsonRpcError.INVALID_REQUEST,
          "Method not allowed: " + method);
      return null;
    }
    String version = headers.get(McpHeaders.MCP_PROTOCOL_VERSION);
    if (version != null && ProtocolVersion.fromWireName(version).isEmpty()) {
      HttpAnswers.error(response, codec, HttpStatus.BAD_REQUEST_400, JsonRpcError.INVALID_REQUEST,
          "Bad Request: unsupported MCP-Protocol-Version " + version);
      return null;
    }
    String sessionId = headers.get(McpHeaders.MCP_SESSION_ID);
    if (!post) {
      Outcome outcome = engine.delete(sessionId, principal);
      switch (outcome) {
        case Outcome.Rejected rejected -> reject(response, rejected);
        case Outcome.Accepted accepted -> HttpAnswers.empty(response, HttpStatus.OK_200);
        case Outcome.Answered answered -> throw new IllegalStateException("DELETE answered with messages");
      }
      return null;
    }
    return post(request, response, sessionId, version, principal);
  }

  private @Nullable IOException post(Request request, Response response, @Nullable String sessionId,
      @Nullable String version, @Nullable Principal principal) throws IOException {
    HttpFields headers = request.getHeaders();
    List<String> accept = headers.getCSV(HttpHeader.ACCEPT, false);
    if (!MediaTypes.accepts(accept, MediaTypes.APPLICATION_JSON)
        || !MediaTypes.accepts(accept, MediaTypes.TEXT_EVENT_STREAM)) {
      HttpAnswers.error(response, codec, HttpStatus.NOT_ACCEPTABLE_406, JsonRpcError.INVALID_REQUEST,
          "Not Acceptable: Accept must list application/json and text/event-stream");
      return null;
    }
    if (!MediaTypes.isJson(headers.get(HttpHeader.CONTENT_TYPE))) {
      HttpAnswers.error(response, codec, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, JsonRpcError.INVALID_REQUEST,
          "Unsupported Media Type: Content-Type must be application/json");
      return null;
    }
    byte[] body = readBody(request);
    if (body == null) {
      HttpAnswers.error(response, codec, HttpStatus.PAYLOAD_TOO_LARGE_413, JsonRpcError.INVALID_REQUEST,
          "Payload Too Large: the body exceeds " + settings.maxBodyBytes() + " bytes");
      return null;
    }
    ParsedBody parsed = codec.parse(body, 0, body.length);
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
        if (executor != null && messages.messages().stream().anyMatch(JsonRpcRequest.class::isInstance)) {
          permit = executor.tryAcquire();
          if (permit == null) {
            LOG.debug("saturated: {} requests in flight", executor.activeCount());
            response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
            HttpAnswers.error(response, codec, HttpStatus.SERVICE_UNAVAILABLE_503, JsonRpcError.INTERNAL_ERROR,
                "Service Unavailable: too many requests in flight; retry later");
            return null;
          }
        }
        ResponseChannel channel = new ResponseChannel(response, codec);
        Outcome outcome;
        try {
          outcome = engine.post(
              new IncomingMessages(messages.messages(), messages.batch(), sessionId, version, principal), channel);
        } finally {
          // Released before the answer is written, so a client that has its answer may send the next
          // request without racing this permit.
          if (permit != null) {
            permit.close();
          }
        }
        switch (outcome) {
          case Outcome.Rejected rejected -> reject(response, rejected);
          case Outcome.Accepted accepted -> HttpAnswers.empty(response, HttpStatus.ACCEPTED_202);
          case Outcome.Answered answered -> channel.finish(answered);
        }
        return channel.failure();
      }
    }
  }

  /** Reads the body, or returns {@code null} if it is larger than the limit. */
  private byte @Nullable [] readBody(Request request) throws IOException {
    long declared = request.getLength();
    int limit = settings.maxBodyBytes();
    if (declared > limit) {
      return null;
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes(limit + 1);
      return body.length > limit ? null : body;
    }
  }

  private void reject(Response response, Outcome.Rejected rejected) throws IOException {
    int status = switch (rejected.reason()) {
      case MISSING_SESSION, INVALID_MESSAGE -> HttpStatus.BAD_REQUEST_400;
      case UNKNOWN_SESSION -> HttpStatus.NOT_FOUND_404;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE_503;
    };
    LOG.debug("rejected with {}: {}", status, rejected.error().message());
    HttpAnswers.error(response, codec, status, rejected.error());
  }
}
