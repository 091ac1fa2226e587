package dev.mcpkit.auth.server.internal;

import java.net.URI;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Writes the {@code WWW-Authenticate: Bearer} challenges of RFC 6750 §3 with the {@code
 * resource_metadata} parameter of RFC 9728 §5.1, which tells an MCP client where the Protected
 * Resource Metadata is. Values are quoted strings; characters a quoted string cannot carry (and
 * control characters, which would split the header) are replaced. Stateless.
 */
final class BearerChallenges {
  private final String resourceMetadata;
  private final String scope;

  /**
   * @param metadataUrl where the Protected Resource Metadata is served
   * @param scopes the scopes a client should ask for (the {@code scope} parameter); none to omit
   */
  BearerChallenges(URI metadataUrl, Collection<String> scopes) {
    this.resourceMetadata = quoted(metadataUrl.toString());
    this.scope = scopes.isEmpty() ? "" : ", scope=" + quoted(String.join(" ", scopes));
  }

  /** No token: just where to find out how to get one (RFC 6750 §3.1: no error code). */
  String missingToken() {
    return "Bearer resource_metadata=" + resourceMetadata + scope;
  }

  /** A token that is not acceptable. */
  String invalidToken(String description) {
    return "Bearer error=\"invalid_token\", error_description="
        + quoted(description)
        + ", resource_metadata="
        + resourceMetadata
        + scope;
  }

  /** A malformed request (several Authorization headers). */
  String invalidRequest(String description) {
    return "Bearer error=\"invalid_request\", error_description="
        + quoted(description)
        + ", resource_metadata="
        + resourceMetadata
        + scope;
  }

  /** A valid token that lacks scopes: names the scopes needed (the client's step-up). */
  String insufficientScope(Collection<String> needed, @Nullable String description) {
    return "Bearer error=\"insufficient_scope\", scope="
        + quoted(String.join(" ", needed))
        + ", resource_metadata="
        + resourceMetadata
        + (description == null ? "" : ", error_description=" + quoted(description));
  }

  private static String quoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // RFC 6750 §3: error_description and scope use %x20-21 / %x23-5B / %x5D-7E.
      out.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '?' : c);
    }
    return out.append('"').toString();
  }
}
