package dev.mcpkit.gateway;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Which tools the principals whose names match {@link #principal()} may see and call, by the names
 * the gateway exposes (prefixed per upstream when there are several). Globs: {@code *} matches any
 * run of characters, {@code ?} one character; an anonymous client's name is {@value #ANONYMOUS}.
 *
 * <p>Of all the rules whose principal glob matches, a tool is denied when any of their {@code deny}
 * globs matches it, or when any of them has {@code allow} globs and none of those matches it.
 * Denied tools are left out of {@code tools/list} and their calls refused with a JSON-RPC error.
 *
 * @param principal a glob over principal names
 * @param allow globs of the tools allowed; empty for all
 * @param deny globs of the tools denied, which win over {@code allow}
 */
public record ToolRule(String principal, List<String> allow, List<String> deny) {

  /** The principal name of an anonymous client, for rules and rate limits. */
  public static final String ANONYMOUS = "anonymous";

  /** Validates the fields and copies the lists. */
  public ToolRule {
    requireNonNull(principal, "principal");
    allow = List.copyOf(requireNonNull(allow, "allow"));
    deny = List.copyOf(requireNonNull(deny, "deny"));
    if (principal.isBlank()) {
      throw new IllegalArgumentException("policy: principal must not be blank");
    }
    if (allow.isEmpty() && deny.isEmpty()) {
      throw new IllegalArgumentException(
          "policy for '" + principal + "': give allow or deny globs");
    }
  }
}
