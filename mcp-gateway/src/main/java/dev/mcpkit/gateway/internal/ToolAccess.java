package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.gateway.ToolRule;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's tool rules per principal ({@link ToolRule}), applied to exposed tool names: denied
 * tools are left out of {@code tools/list} and their calls refused. Immutable and thread-safe.
 */
final class ToolAccess {
  private final List<Rule> rules;

  private record Rule(Glob principal, List<Glob> allow, List<Glob> deny) {}

  ToolAccess(List<ToolRule> rules) {
    List<Rule> compiled = new ArrayList<>();
    for (ToolRule rule : rules) {
      compiled.add(
          new Rule(Glob.of(rule.principal()), Glob.all(rule.allow()), Glob.all(rule.deny())));
    }
    this.rules = List.copyOf(compiled);
  }

  /** The name rules and limits match a principal by; {@value ToolRule#ANONYMOUS} for none. */
  static String nameOf(@Nullable Principal principal) {
    return principal == null ? ToolRule.ANONYMOUS : principal.getName();
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Whether the principal may see and call the tool of this exposed name. */
  boolean allows(@Nullable Principal principal, String tool) {
    String name = nameOf(principal);
    for (Rule rule : rules) {
      if (!rule.principal().matches(name)) {
        continue;
      }
      if (Glob.any(rule.deny(), tool)
          || (!rule.allow().isEmpty() && !Glob.any(rule.allow(), tool))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Refuses a call of a denied tool, with {@code -32600} as the transport's 403 bodies have; the
   * message does not tell a denied tool from one that does not exist beyond what it names.
   */
  void requireAllowed(@Nullable Principal principal, @Nullable String tool) {
    if (tool != null && !allows(principal, tool)) {
      throw new RequestErrorException(
          JsonRpcError.of(
              JsonRpcError.INVALID_REQUEST,
              "Forbidden: tool " + tool + " is not allowed for " + nameOf(principal)));
    }
  }

  /** Refuses a {@code tools/call} of a denied tool; any other request passes. */
  void checkRequest(@Nullable Principal principal, String method, @Nullable JsonNode params) {
    if (!rules.isEmpty() && "tools/call".equals(method)) {
      JsonNode name = params == null ? null : params.get("name");
      requireAllowed(principal, name != null && name.isString() ? name.asString() : null);
    }
  }

  /** A result as the principal may see it: {@link #filter} for {@code tools/list}. */
  ObjectNode filterResult(@Nullable Principal principal, String method, ObjectNode result) {
    return "tools/list".equals(method) ? filter(principal, result) : result;
  }

  /** A {@code tools/list} result without the tools the principal may not use (a copy if any). */
  ObjectNode filter(@Nullable Principal principal, ObjectNode result) {
    if (rules.isEmpty() || !(result.get("tools") instanceof ArrayNode tools)) {
      return result;
    }
    ObjectNode copy = result.deepCopy();
    ArrayNode kept = copy.putArray("tools");
    for (JsonNode tool : tools) {
      JsonNode name = tool.get("name");
      if (name == null || !name.isString() || allows(principal, name.asString())) {
        kept.add(tool);
      }
    }
    return copy;
  }
}
