package dev.mcpkit.auth.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A protected resource's metadata and its authorization server on one loopback HTTP server (the
 * JDK's), recording what the client asked: enough of RFC 9728, RFC 8414, RFC 7591 and OAuth 2.1 to
 * drive {@link OAuthAuthorization} through real HTTP.
 */
final class FakeAuthorizationServer implements AutoCloseable {
  /** Where the authorization server publishes its metadata. */
  enum MetadataAt {
    OAUTH,
    OPENID,
    NOWHERE
  }

  final HttpServer http;
  final String origin;
  final List<Map<String, String>> authorizeRequests = new CopyOnWriteArrayList<>();
  final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
  final List<String> paths = new CopyOnWriteArrayList<>();
  final AtomicInteger issued = new AtomicInteger();
  volatile boolean pathSuffixedResourceMetadata = true;
  volatile boolean rootResourceMetadata = true;
  volatile MetadataAt metadataAt = MetadataAt.OAUTH;
  volatile List<String> scopesSupported = List.of();
  volatile List<String> asScopesSupported = List.of();
  volatile long expiresIn = 3600;

  /** The {@code iss} of authorization responses; {@code null} for none. */
  volatile String issInRedirect;

  /** The issuer the metadata names; the server's origin unless set. */
  volatile String metadataIssuer;

  volatile boolean advertisesIss = true;

  /** The resource the metadata speaks for; this server's {@code /mcp} unless set. */
  volatile String resource;

  /** The scope of the last authorization request: what its code grants. */
  volatile String authorizedScope = "";

  /** When set, the only scope granted, whatever was asked. */
  volatile String grantOnly;

  /** The scopes of each access token issued. */
  final Map<String, List<String>> issuedScopes = new java.util.concurrent.ConcurrentHashMap<>();

  /** Holds token requests until released, so tests can overlap refusals. */
  volatile java.util.concurrent.CountDownLatch tokenGate =
      new java.util.concurrent.CountDownLatch(0);

  FakeAuthorizationServer() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    origin = "http://127.0.0.1:" + http.getAddress().getPort();
    issInRedirect = origin;
    metadataIssuer = origin;
    resource = origin + "/mcp";
    http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    http.createContext("/", this::handle);
    http.start();
  }

  /** The MCP endpoint this resource metadata speaks for. */
  URI mcp() {
    return URI.create(origin + "/mcp");
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    paths.add(path);
    switch (path) {
      case "/.well-known/oauth-protected-resource/mcp" -> {
        if (pathSuffixedResourceMetadata) {
          json(exchange, 200, resourceMetadata());
        } else {
          json(exchange, 404, "{}");
        }
      }
      case "/.well-known/oauth-protected-resource" -> {
        if (rootResourceMetadata) {
          json(exchange, 200, resourceMetadata());
        } else {
          json(exchange, 404, "{}");
        }
      }
      case "/.well-known/oauth-authorization-server" ->
          json(exchange, metadataAt == MetadataAt.OAUTH ? 200 : 404, serverMetadata());
      case "/.well-known/openid-configuration" ->
          json(exchange, metadataAt == MetadataAt.OPENID ? 200 : 404, serverMetadata());
      case "/register" ->
          json(exchange, 201, "{\"client_id\":\"registered-client\",\"client_secret\":\"s3cret\"}");
      case "/authorize" -> {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        authorizeRequests.add(query);
        authorizedScope = query.getOrDefault("scope", "");
        String location =
            query.get("redirect_uri")
                + "?code=the-code&state="
                + query.get("state")
                + (issInRedirect == null
                    ? ""
                    : "&iss=" + java.net.URLEncoder.encode(issInRedirect, StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
      }
      case "/token" -> {
        Map<String, String> body =
            form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenRequests.add(body);
        try {
          tokenGate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        int n = issued.incrementAndGet();
        String granted =
            "authorization_code".equals(body.get("grant_type"))
                ? authorizedScope
                : body.getOrDefault("scope", "");
        issuedScopes.put(
            "token-" + n,
            grantOnly != null
                ? List.of(grantOnly)
                : granted.isEmpty() ? List.of() : List.of(granted.split(" ")));
        json(
            exchange,
            200,
            "{\"access_token\":\"token-"
                + n
                + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + expiresIn
                + ",\"refresh_token\":\"refresh-"
                + n
                + "\""
                + (body.containsKey("scope") ? ",\"scope\":\"" + body.get("scope") + "\"" : "")
                + "}");
      }
      default -> json(exchange, 404, "{}");
    }
  }

  private String resourceMetadata() {
    return "{\"resource\":\""
        + resource
        + "\",\"authorization_servers\":[\""
        + origin
        + "\"]"
        + (scopesSupported.isEmpty() ? "" : ",\"scopes_supported\":" + array(scopesSupported))
        + "}";
  }

  private String serverMetadata() {
    return "{\"issuer\":\""
        + metadataIssuer
        + "\",\"authorization_response_iss_parameter_supported\":"
        + advertisesIss
        + ",\"authorization_endpoint\":\""
        + origin
        + "/authorize\",\"token_endpoint\":\""
        + origin
        + "/token\",\"registration_endpoint\":\""
        + origin
        + "/register\",\"response_types_supported\":[\"code\"],"
        + "\"code_challenge_methods_supported\":[\"S256\"],"
        + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]"
        + (asScopesSupported.isEmpty() ? "" : ",\"scopes_supported\":" + array(asScopesSupported))
        + "}";
  }

  private static String array(List<String> values) {
    return "[\"" + String.join("\",\"", values) + "\"]";
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static Map<String, String> form(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      values.put(name, value);
    }
    return values;
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
