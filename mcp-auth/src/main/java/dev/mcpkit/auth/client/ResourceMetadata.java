package dev.mcpkit.auth.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of a protected resource's metadata (RFC 9728) the client uses. Immutable.
 *
 * @param resource the resource identifier, exactly as published
 * @param authorizationServers the issuers of its authorization servers, in the server's order
 * @param scopesSupported the scopes it names
 * @param location where it was found
 */
record ResourceMetadata(
    String resource,
    List<String> authorizationServers,
    List<String> scopesSupported,
    URI location) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  ResourceMetadata {
    authorizationServers = List.copyOf(authorizationServers);
    scopesSupported = List.copyOf(scopesSupported);
  }

  /**
   * Finds the metadata of {@code server}: at the URL a challenge named (or, when it named none,
   * where the metadata was found before), then at the path-suffixed and the root well-known
   * locations (RFC 9728 section 3.1). {@code null} when none answers: a server of revision
   * 2025-03-26.
   */
  static @Nullable ResourceMetadata discover(URI server, @Nullable String fromChallenge) {
    for (URI candidate : candidates(server, fromChallenge)) {
      String body = OAuthHttp.getJson(candidate);
      ResourceMetadata metadata = body == null ? null : parse(body, candidate);
      if (metadata != null) {
        return metadata;
      }
    }
    return null;
  }

  static List<URI> candidates(URI server, @Nullable String fromChallenge) {
    List<URI> candidates = new ArrayList<>();
    if (fromChallenge != null) {
      try {
        candidates.add(server.resolve(fromChallenge));
      } catch (IllegalArgumentException e) {
        // a malformed URL in the challenge: the well-known locations remain
      }
    }
    String path = trimmedPath(server);
    String origin = origin(server);
    if (!path.isEmpty()) {
      candidates.add(URI.create(origin + "/.well-known/oauth-protected-resource" + path));
    }
    candidates.add(URI.create(origin + "/.well-known/oauth-protected-resource"));
    return candidates;
  }

  private static @Nullable ResourceMetadata parse(String body, URI location) {
    try {
      JsonNode json = JSON.readTree(body);
      JsonNode resource = json.get("resource");
      if (resource == null || !resource.isString()) {
        return null;
      }
      return new ResourceMetadata(
          resource.stringValue(),
          strings(json.get("authorization_servers")),
          strings(json.get("scopes_supported")),
          location);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static List<String> strings(@Nullable JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode value : array) {
        if (value.isString()) {
          values.add(value.stringValue());
        }
      }
    }
    return values;
  }

  /**
   * Whether this metadata may speak for {@code server}: its resource has the server's scheme, host
   * and port and its path is the server's or a parent of it (MCP's canonical server URI). Another
   * resource's metadata would get this client tokens meant for someone else.
   */
  boolean covers(URI server) {
    URI published;
    try {
      published = URI.create(resource);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (published.getScheme() == null
        || !published.getScheme().equalsIgnoreCase(server.getScheme())
        || published.getHost() == null
        || !published.getHost().equalsIgnoreCase(server.getHost())
        || port(published) != port(server)
        || published.getRawFragment() != null) {
      return false;
    }
    String parent = trimmedPath(published);
    String path = trimmedPath(server);
    return path.equals(parent) || parent.isEmpty() || path.startsWith(parent + "/");
  }

  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /** The URI's path without a trailing slash; empty for the root. */
  static String trimmedPath(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0
        ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
