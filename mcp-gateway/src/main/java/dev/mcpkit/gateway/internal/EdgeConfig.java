package dev.mcpkit.gateway.internal;

import dev.mcpkit.gateway.GatewayAuth;
import dev.mcpkit.gateway.RateLimit;
import dev.mcpkit.gateway.ToolRule;
import dev.mcpkit.gateway.UpstreamOAuth;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The edge sections of a configuration file, read for {@link ConfigReader}: {@code auth}, {@code
 * policy}, {@code rateLimits} and an upstream's {@code oauth}; every error names its key.
 * Stateless.
 */
final class EdgeConfig {
  private static final Set<String> AUTH_KEYS = Set.of("tokens", "issuer", "resource", "scopes");
  private static final Set<String> TOKEN_KEYS = Set.of("token", "principal");
  private static final Set<String> RULE_KEYS = Set.of("principal", "allow", "deny");
  private static final Set<String> LIMIT_KEYS = Set.of("principal", "tool", "requests", "per");
  private static final Set<String> OAUTH_KEYS = Set.of("clientId", "clientSecretEnv");

  private EdgeConfig() {}

  static @Nullable GatewayAuth auth(ConfigReader.Context context, @Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    context.object(node, "auth", AUTH_KEYS);
    JsonNode tokens = node.get("tokens");
    String issuer = context.text(node, "issuer", "auth");
    if ((tokens == null) == (issuer == null)) {
      throw context.error("auth", "give either tokens (static bearer tokens) or issuer (OAuth)");
    }
    if (tokens != null) {
      if (node.has("resource") || node.has("scopes")) {
        throw context.error("auth", "resource and scopes go with issuer, not tokens");
      }
      if (!tokens.isArray() || tokens.isEmpty()) {
        throw context.error("auth.tokens", "must be a list of {token, principal}");
      }
      Map<String, String> table = new LinkedHashMap<>();
      for (int i = 0; i < tokens.size(); i++) {
        String path = "auth.tokens[" + i + "]";
        context.object(tokens.get(i), path, TOKEN_KEYS);
        String token = required(context, tokens.get(i), "token", path);
        String principal = required(context, tokens.get(i), "principal", path);
        String expanded = context.expand(token, path + ".token");
        if (expanded.isBlank()) {
          throw context.error(path + ".token", "is empty once expanded");
        }
        if (table.put(expanded, principal) != null) {
          throw context.error(path + ".token", "the same token is listed twice");
        }
      }
      return GatewayAuth.bearerTokens(table);
    }
    return GatewayAuth.oauth(
        uri(context, issuer, "auth.issuer"),
        node.has("resource")
            ? uri(context, context.text(node, "resource", "auth"), "auth.resource")
            : null,
        strings(context, node.get("scopes"), "auth.scopes"));
  }

  static List<ToolRule> policy(ConfigReader.Context context, @Nullable JsonNode node) {
    List<ToolRule> rules = new ArrayList<>();
    if (node == null || node.isNull()) {
      return rules;
    }
    if (!node.isArray()) {
      throw context.error("policy", "must be a list of {principal, allow, deny}");
    }
    for (int i = 0; i < node.size(); i++) {
      String path = "policy[" + i + "]";
      JsonNode rule = node.get(i);
      context.object(rule, path, RULE_KEYS);
      String principal = required(context, rule, "principal", path);
      List<String> allow = strings(context, rule.get("allow"), path + ".allow");
      List<String> deny = strings(context, rule.get("deny"), path + ".deny");
      if (allow.isEmpty() && deny.isEmpty()) {
        throw context.error(path, "needs allow or deny globs");
      }
      rules.add(new ToolRule(principal, allow, deny));
    }
    return rules;
  }

  static List<RateLimit> rateLimits(ConfigReader.Context context, @Nullable JsonNode node) {
    List<RateLimit> limits = new ArrayList<>();
    if (node == null || node.isNull()) {
      return limits;
    }
    if (!node.isArray()) {
      throw context.error("rateLimits", "must be a list of {principal, tool, requests, per}");
    }
    for (int i = 0; i < node.size(); i++) {
      String path = "rateLimits[" + i + "]";
      JsonNode limit = node.get(i);
      context.object(limit, path, LIMIT_KEYS);
      String principal = context.text(limit, "principal", path);
      JsonNode requests = limit.get("requests");
      if (requests == null || !requests.isIntegralNumber() || requests.asLong() <= 0) {
        throw context.error(path + ".requests", "must be a positive whole number");
      }
      Duration per = context.duration(limit, "per", path);
      if (per == null) {
        throw context.error(path + ".per", "is missing (a duration such as 1s or 1m)");
      }
      limits.add(
          new RateLimit(
              principal == null ? "*" : principal,
              context.text(limit, "tool", path),
              requests.asLong(),
              per));
    }
    return limits;
  }

  static @Nullable UpstreamOAuth upstreamOAuth(
      ConfigReader.Context context, @Nullable JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    context.object(node, path, OAUTH_KEYS);
    String clientId = required(context, node, "clientId", path);
    String variable = required(context, node, "clientSecretEnv", path);
    if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw context.error(
          path + ".clientSecretEnv", "must name an environment variable, not hold the secret");
    }
    String secret = context.environment().get(variable);
    if (secret == null || secret.isEmpty()) {
      throw context.error(
          path + ".clientSecretEnv", "environment variable " + variable + " is not set");
    }
    return new UpstreamOAuth(clientId, secret);
  }

  private static String required(
      ConfigReader.Context context, JsonNode node, String key, String path) {
    String value = context.text(node, key, path);
    if (value == null) {
      throw context.error(path + "." + key, "is missing");
    }
    return value;
  }

  private static List<String> strings(
      ConfigReader.Context context, @Nullable JsonNode node, String path) {
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (node.isString() && !node.asString().isBlank()) {
      values.add(node.asString());
      return values;
    }
    if (!node.isArray()) {
      throw context.error(path, "must be a list of strings");
    }
    for (JsonNode value : node) {
      if (!value.isString() || value.asString().isBlank()) {
        throw context.error(path, "must be a list of non-empty strings, got " + node);
      }
      values.add(value.asString());
    }
    return values;
  }

  private static URI uri(ConfigReader.Context context, @Nullable String value, String key) {
    try {
      URI uri = new URI(String.valueOf(value));
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // below
    }
    throw context.error(key, "must be an http or https URL with a host, got '" + value + "'");
  }
}
