package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.codec.JsonRpcCodecs;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One of the list results ({@code tools/list}, {@code resources/list}, {@code
 * resources/templates/list}, {@code prompts/list}), built once from the configuration and rendered
 * per caller: an entry whose item requires scopes is left out for a principal that lacks one of
 * them ({@link ScopeChecks#allows}). When no entry requires any, every caller gets the same copy.
 *
 * <p>Immutable and thread-safe: each render returns a fresh tree (callers decorate results).
 */
public final class ScopedListing {
  private final String member;
  private final List<Entry> entries;
  private final ObjectNode everything;
  private final boolean perCaller;

  /**
   * An entry of the list and the scopes its item requires.
   *
   * @param node the entry's JSON, never handed out itself (renders copy it)
   * @param requiredScopes the item's required scopes; empty for none
   */
  public record Entry(ObjectNode node, Set<String> requiredScopes) {
    /** Validates the fields. */
    public Entry {
      requireNonNull(node, "node");
      requiredScopes = Set.copyOf(requiredScopes);
    }
  }

  /**
   * Builds a listing.
   *
   * @param member the result's array member, e.g. {@code tools}
   * @param entries the entries, in order
   */
  public ScopedListing(String member, List<Entry> entries) {
    this.member = requireNonNull(member, "member");
    this.entries = List.copyOf(entries);
    ObjectNode all = JsonRpcCodecs.nodes().objectNode();
    ArrayNode array = all.putArray(member);
    boolean scoped = false;
    for (Entry entry : this.entries) {
      array.add(entry.node());
      scoped |= !entry.requiredScopes().isEmpty();
    }
    this.everything = all;
    this.perCaller = scoped;
  }

  /**
   * Tells whether the list depends on the caller: some entry requires scopes. Such a list must not
   * be cached for other callers (revision 2026-07-28: {@code cacheScope} {@code private}).
   *
   * @return {@code true} if some entry requires scopes
   */
  public boolean perCaller() {
    return perCaller;
  }

  /**
   * Renders the list for a caller.
   *
   * @param principal who asks, or {@code null} for an anonymous request
   * @return a fresh result object holding the entries the caller may see
   */
  public ObjectNode render(@Nullable Principal principal) {
    if (!perCaller) {
      return everything.deepCopy();
    }
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    ArrayNode array = result.putArray(member);
    for (Entry entry : entries) {
      if (ScopeChecks.allows(entry.requiredScopes(), principal)) {
        array.add(entry.node().deepCopy());
      }
    }
    return result;
  }
}
