package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.InitializeResult;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.spi.McpClientObserver;
import dev.mcpkit.codec.JsonRpcCodecs;
import org.eclipse.jetty.util.thread.AutoLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Establishes the session: {@code initialize} and {@code notifications/initialized}, then the
 * session's GET stream; for revision 2026-07-28 {@code server/discover} first, falling back to
 * {@code initialize} when the server is a legacy one.
 *
 * <p>Thread-safety: thread-safe. (Re)initialization is serialized by an {@link AutoLock} (never
 * {@code synchronized}, since it blocks on the network), and a 404 re-initializes only when the
 * session that got it is still the current one, so concurrent failures cause one new session.
 */
@SuppressWarnings("try") // try (AutoLock ignored = lock.lock()): the lock is the resource
final class SessionInitializer {
  private static final Logger LOG = LoggerFactory.getLogger(SessionInitializer.class);

  private final ClientSettings settings;
  private final ClientHttp http;
  private final McpClientObserver observer;
  private final CurrentSession session;
  private final RequestExchange exchange;
  private final EventStream eventStream;
  private final AutoLock initLock = new AutoLock();

  SessionInitializer(
      ClientSettings settings,
      ClientHttp http,
      CurrentSession session,
      RequestExchange exchange,
      EventStream eventStream) {
    this.settings = settings;
    this.http = http;
    this.observer = settings.observer();
    this.session = session;
    this.exchange = exchange;
    this.eventStream = eventStream;
  }

  /** Initializes unless another thread already replaced {@code stale}. */
  ClientSession initialize(@Nullable ClientSession stale) {
    try (AutoLock ignored = initLock.lock()) {
      session.ensureOpen();
      ClientSession current = session.get();
      if (current != null && current != stale) {
        return current;
      }
      if (current != null && session.clear(current)) {
        current
            .observed()
            .ended("404"); // the server no longer knew it (the only reason to replace one)
      }
      if (settings.version().sessionless()) {
        ClientSession discovered = discover();
        if (discovered != null) {
          session.set(discovered);
          return discovered;
        }
        LOG.debug("the server does not speak {}; falling back to initialize", settings.version());
      }
      ObjectNode params = JsonRpcCodecs.nodes().objectNode();
      params.put(
          "protocolVersion",
          settings.version().sessionless()
              ? ProtocolVersion.latest().wireName()
              : settings.version().wireName());
      params.set("capabilities", settings.declaredCapabilities());
      ObjectNode info = params.putObject("clientInfo");
      info.put("name", settings.clientName());
      info.put("version", settings.clientVersion());
      RequestExchange.Answer exchange =
          this.exchange.call(
              null, McpMethod.INITIALIZE.wireName(), params, RequestOptions.defaults());
      JsonNode result = exchange.result();
      String wire = result.path("protocolVersion").asString("");
      ProtocolVersion version =
          ProtocolVersion.fromWireName(wire)
              .orElseThrow(
                  () ->
                      new McpClientException(
                          "the server chose protocol version '"
                              + wire
                              + "', which this client does not speak",
                          null));
      JsonNode serverInfo = result.path("serverInfo");
      JsonNode instructions = result.get("instructions");
      InitializeResult answer =
          new InitializeResult(
              version,
              serverInfo.path("name").asString(""),
              serverInfo.path("version").asString(""),
              result.path("capabilities"),
              instructions == null || !instructions.isString() ? null : instructions.asString(),
              result);
      ClientSession established =
          new ClientSession(
              exchange.sessionId(),
              version,
              answer,
              observer.sessionStarted(version, exchange.httpVersion(), http.host(), http.port()));
      session.set(established);
      http.post(
          established,
          JsonRpcCodecs.standard()
              .encode(
                  new JsonRpcNotification(McpMethod.NOTIFICATIONS_INITIALIZED.wireName(), null)));
      if (settings.openEventStream() && established.id() != null) {
        eventStream.open(established);
      }
      return established;
    }
  }

  /**
   * Revision 2026-07-28: asks {@code server/discover}. Returns {@code null} when the server is a
   * legacy one (any failure that is not a recognized modern error), so the caller falls back to
   * {@code initialize}; a modern server's refusal is thrown.
   */
  private @Nullable ClientSession discover() {
    InitializeResult probeResult =
        new InitializeResult(
            ProtocolVersion.V2026_07_28,
            "",
            "",
            JsonRpcCodecs.nodes().objectNode(),
            null,
            JsonRpcCodecs.nodes().objectNode());
    ClientSession probe =
        new ClientSession(
            null, ProtocolVersion.V2026_07_28, probeResult, McpClientObserver.SessionHandle.NONE);
    JsonNode result;
    for (int attempt = 1; ; attempt++) {
      try {
        result =
            exchange
                .call(
                    probe,
                    McpMethod.SERVER_DISCOVER.wireName(),
                    JsonRpcCodecs.nodes().objectNode(),
                    RequestOptions.defaults())
                .result();
        break;
      } catch (McpClientException e) {
        if (attempt == 1 && ModernRequests.lists2026(e)) {
          // UnsupportedProtocolVersion that lists this revision among the supported ones: retry
          // with it, once (SEP-2575: a client retries with a version from the list).
          LOG.debug(
              "server/discover was refused, but the server lists {}: retrying",
              ProtocolVersion.V2026_07_28);
          continue;
        }
        if (ModernRequests.isModernError(e) && !ModernRequests.offersLegacy(e)) {
          throw e; // a modern server that serves neither this revision nor one with sessions
        }
        return null;
      }
    }
    if (!ModernRequests.offers2026(result)) {
      return null;
    }
    // No protocol session in this revision: nothing for mcp.client.session.duration to time.
    return new ClientSession(
        null,
        ProtocolVersion.V2026_07_28,
        ModernRequests.initializeResult(result),
        McpClientObserver.SessionHandle.NONE);
  }

  /** The current session, initialized first if there is none. */
  ClientSession established() {
    ClientSession current = session.get();
    return current != null ? current : initialize(null);
  }
}
