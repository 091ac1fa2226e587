package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A family of resources named by an RFC 6570 URI template: what {@code resources/templates/list}
 * shows, and what {@code resources/read} falls back to when no static {@link Resource} has the URI.
 *
 * <p>Only level-1 templates are supported: literal text and simple {@code {var}} expressions, each
 * of which matches one or more characters other than {@code /}, {@code ?} and {@code #}. Two
 * expressions must not be adjacent.
 *
 * {@snippet :
 * ResourceTemplate user = ResourceTemplate.of("users://{id}/profile", "user-profile",
 *     "A user's profile", "application/json",
 *     (uri, variables, ctx) -> List.of(ResourceContents.text(uri, "application/json", profiles.json(variables.get("id")))));
 * }
 *
 * <p>A template may require scopes of the caller ({@link #withRequiredScopes}): a principal that
 * lacks one does not see it in {@code resources/templates/list}, and a {@code resources/read} (or
 * {@code resources/subscribe}) of a URI it matches, or a {@code completion/complete} of its
 * variables, is refused as a {@linkplain Tool tool call} without the tool's scopes is. A static
 * {@link Resource} with the URI takes precedence, with its own scopes.
 *
 * @param uriTemplate the template, e.g. {@code test://template/{id}/data}
 * @param name its programmatic name; not blank
 * @param title a human-readable name, or {@code null}
 * @param description what the resources hold, for the model, or {@code null}
 * @param mimeType the MIME type of their contents, or {@code null}
 * @param handler the code that reads a matched URI
 * @param completers completion for the template's variables ({@code completion/complete} with a
 *     {@code ref/resource}), by variable name; each name must be a variable of the template
 * @param requiredScopes the scopes a caller must hold, all of them, to see the template and read
 *     what it matches (see {@link dev.mcpkit.api.ScopedPrincipal}); empty (the default) for none
 */
public record ResourceTemplate(
    String uriTemplate,
    String name,
    @Nullable String title,
    @Nullable String description,
    @Nullable String mimeType,
    ResourceTemplateHandler handler,
    Map<String, CompletionHandler> completers,
    Set<String> requiredScopes) {

  /**
   * Validates the fields, the template's syntax and the completers' names; copies the map and the
   * scopes.
   */
  public ResourceTemplate {
    requireNonNull(uriTemplate, "uriTemplate");
    requireNonNull(name, "name");
    requireNonNull(handler, "handler");
    completers = Map.copyOf(requireNonNull(completers, "completers"));
    requiredScopes =
        RequiredScopes.copyOf(requiredScopes, "resource template '" + uriTemplate + "'");
    if (name.isBlank()) {
      throw new IllegalArgumentException(
          "name of resource template '" + uriTemplate + "' must not be blank");
    }
    Set<String> variables = variables(uriTemplate);
    for (String variable : completers.keySet()) {
      if (!variables.contains(variable)) {
        throw new IllegalArgumentException(
            "completer for '" + variable + "' names no variable of template '" + uriTemplate + "'");
      }
    }
  }

  /**
   * Creates a template that requires no scopes.
   *
   * @param uriTemplate the template
   * @param name its programmatic name
   * @param title a human-readable name, or {@code null}
   * @param description what the resources hold, or {@code null}
   * @param mimeType the MIME type of their contents, or {@code null}
   * @param handler the code that reads a matched URI
   * @param completers completion for the template's variables, by variable name
   */
  public ResourceTemplate(
      String uriTemplate,
      String name,
      @Nullable String title,
      @Nullable String description,
      @Nullable String mimeType,
      ResourceTemplateHandler handler,
      Map<String, CompletionHandler> completers) {
    this(uriTemplate, name, title, description, mimeType, handler, completers, Set.of());
  }

  /**
   * Creates a template without a title or completers.
   *
   * @param uriTemplate the template
   * @param name its programmatic name
   * @param description what the resources hold, or {@code null}
   * @param mimeType the MIME type of their contents, or {@code null}
   * @param handler the code that reads a matched URI
   * @return the template
   */
  public static ResourceTemplate of(
      String uriTemplate,
      String name,
      @Nullable String description,
      @Nullable String mimeType,
      ResourceTemplateHandler handler) {
    return new ResourceTemplate(uriTemplate, name, null, description, mimeType, handler, Map.of());
  }

  /**
   * Returns a copy with a title.
   *
   * @param title the human-readable name
   * @return the copy
   */
  public ResourceTemplate withTitle(String title) {
    return new ResourceTemplate(
        uriTemplate,
        name,
        requireNonNull(title, "title"),
        description,
        mimeType,
        handler,
        completers,
        requiredScopes);
  }

  /**
   * Returns a copy that completes one more variable.
   *
   * @param variable a variable of the template
   * @param completer its completion
   * @return the copy
   */
  public ResourceTemplate withCompleter(String variable, CompletionHandler completer) {
    requireNonNull(variable, "variable");
    requireNonNull(completer, "completer");
    Map<String, CompletionHandler> more = new HashMap<>(completers);
    more.put(variable, completer);
    return new ResourceTemplate(
        uriTemplate, name, title, description, mimeType, handler, more, requiredScopes);
  }

  /**
   * Returns a copy that requires the given scopes of its callers, in place of those it required.
   *
   * @param scopes the scopes a caller must hold, all of them; none for a template open to every
   *     caller
   * @return the copy
   * @throws IllegalArgumentException if a scope is not an RFC 6749 scope token
   */
  public ResourceTemplate withRequiredScopes(String... scopes) {
    return new ResourceTemplate(
        uriTemplate,
        name,
        title,
        description,
        mimeType,
        handler,
        completers,
        RequiredScopes.copyOf(scopes, "resource template '" + uriTemplate + "'"));
  }

  /**
   * Returns the names of the template's variables, in order of appearance.
   *
   * @return the variable names
   */
  public Set<String> variables() {
    return variables(uriTemplate);
  }

  /** Parses the level-1 syntax; the matching itself is the engine's business. */
  private static Set<String> variables(String template) {
    if (template.isBlank()) {
      throw new IllegalArgumentException("uriTemplate must not be blank");
    }
    Set<String> names = new LinkedHashSet<>();
    int i = 0;
    boolean previousWasVariable = false;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '}') {
        throw new IllegalArgumentException(
            "unbalanced '}' at index " + i + " of uriTemplate '" + template + "'");
      }
      if (c != '{') {
        previousWasVariable = false;
        i++;
        continue;
      }
      int end = template.indexOf('}', i);
      if (end < 0) {
        throw new IllegalArgumentException(
            "unclosed '{' at index " + i + " of uriTemplate '" + template + "'");
      }
      if (previousWasVariable) {
        throw new IllegalArgumentException(
            "adjacent variables at index " + i + " of uriTemplate '" + template + "'");
      }
      String variable = template.substring(i + 1, end);
      if (variable.isEmpty()
          || !variable.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
        throw new IllegalArgumentException(
            "variable '"
                + variable
                + "' of uriTemplate '"
                + template
                + "' is not a level-1 name (letters, digits, _)");
      }
      if (!names.add(variable)) {
        throw new IllegalArgumentException(
            "variable '" + variable + "' appears twice in uriTemplate '" + template + "'");
      }
      previousWasVariable = true;
      i = end + 1;
    }
    return names;
  }
}
