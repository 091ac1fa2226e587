package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A resource with a fixed URI: what {@code resources/list} shows and what {@code resources/read}
 * reads. Clients may subscribe to it; {@link ServerNotifications#resourceUpdated(String)} tells
 * them it changed.
 *
 * {@snippet :
 * Resource readme = Resource.text("docs://readme", "readme", "The project's README", "text/markdown",
 *     () -> Files.readString(Path.of("README.md")));
 * }
 *
 * <p>A resource may require scopes of the caller ({@link #withRequiredScopes}): a principal that
 * lacks one does not see it in {@code resources/list}, and its {@code resources/read} and {@code
 * resources/subscribe} are refused as a {@linkplain Tool tool call} without the tool's scopes is.
 *
 * @param uri the resource's URI; not blank
 * @param name its programmatic name; not blank
 * @param title a human-readable name, or {@code null}
 * @param description what it holds, for the model, or {@code null}
 * @param mimeType the MIME type of its contents, or {@code null}
 * @param handler the code that reads it
 * @param requiredScopes the scopes a caller must hold, all of them, to see and read the resource
 *     (see {@link dev.mcpkit.api.ScopedPrincipal}); empty (the default) for none
 */
public record Resource(
    String uri,
    String name,
    @Nullable String title,
    @Nullable String description,
    @Nullable String mimeType,
    ResourceHandler handler,
    Set<String> requiredScopes) {

  /** Validates the fields and copies the scopes. */
  public Resource {
    requireNonNull(uri, "uri");
    requireNonNull(name, "name");
    requireNonNull(handler, "handler");
    requiredScopes = RequiredScopes.copyOf(requiredScopes, "resource '" + uri + "'");
    if (uri.isBlank()) {
      throw new IllegalArgumentException("resource uri must not be blank");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("name of resource '" + uri + "' must not be blank");
    }
  }

  /**
   * Creates a resource that requires no scopes.
   *
   * @param uri the resource's URI
   * @param name its programmatic name
   * @param title a human-readable name, or {@code null}
   * @param description what it holds, or {@code null}
   * @param mimeType the MIME type of its contents, or {@code null}
   * @param handler the code that reads it
   */
  public Resource(
      String uri,
      String name,
      @Nullable String title,
      @Nullable String description,
      @Nullable String mimeType,
      ResourceHandler handler) {
    this(uri, name, title, description, mimeType, handler, Set.of());
  }

  /**
   * Creates a resource without a title.
   *
   * @param uri the resource's URI
   * @param name its programmatic name
   * @param description what it holds, or {@code null}
   * @param mimeType the MIME type of its contents, or {@code null}
   * @param handler the code that reads it
   * @return the resource
   */
  public static Resource of(
      String uri,
      String name,
      @Nullable String description,
      @Nullable String mimeType,
      ResourceHandler handler) {
    return new Resource(uri, name, null, description, mimeType, handler);
  }

  /**
   * Creates a text resource whose contents a supplier produces on each read.
   *
   * @param uri the resource's URI
   * @param name its programmatic name
   * @param description what it holds, or {@code null}
   * @param mimeType the MIME type of the text, or {@code null}
   * @param text produces the text on each read; may block or throw
   * @return the resource
   */
  public static Resource text(
      String uri,
      String name,
      @Nullable String description,
      @Nullable String mimeType,
      TextSupplier text) {
    requireNonNull(text, "text");
    return of(
        uri,
        name,
        description,
        mimeType,
        (requested, context) -> List.of(ResourceContents.text(requested, mimeType, text.get())));
  }

  /**
   * Returns a copy with a title.
   *
   * @param title the human-readable name
   * @return the copy
   */
  public Resource withTitle(String title) {
    return new Resource(
        uri, name, requireNonNull(title, "title"), description, mimeType, handler, requiredScopes);
  }

  /**
   * Returns a copy that requires the given scopes of its callers, in place of those it required.
   *
   * @param scopes the scopes a caller must hold, all of them; none for a resource open to every
   *     caller
   * @return the copy
   * @throws IllegalArgumentException if a scope is not an RFC 6749 scope token
   */
  public Resource withRequiredScopes(String... scopes) {
    return new Resource(
        uri,
        name,
        title,
        description,
        mimeType,
        handler,
        RequiredScopes.copyOf(scopes, "resource '" + uri + "'"));
  }

  /** Produces the text of a {@link #text text resource}; may block or throw. */
  @FunctionalInterface
  public interface TextSupplier {
    /**
     * Produces the text.
     *
     * @return the text
     * @throws Exception if it cannot be produced
     */
    String get() throws Exception;
  }
}
