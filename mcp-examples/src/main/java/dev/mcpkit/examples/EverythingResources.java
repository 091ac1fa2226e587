package dev.mcpkit.examples;

import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.ResourceContents;
import dev.mcpkit.api.server.ResourceTemplate;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resources of the everything server ({@code interop/EVERYTHING-SERVER.md}, section 4): two
 * static ones, one that clients subscribe to, and one template. Stateless and thread-safe.
 */
final class EverythingResources {
  /** The URI whose subscribers {@link EverythingServer} notifies every few seconds. */
  static final String WATCHED_URI = "test://watched-resource";

  private EverythingResources() {}

  /** The direct resources, in the order {@code resources/list} shows them. */
  static List<Resource> resources() {
    return List.of(
        Resource.text("test://static-text", "static-text", "A static text resource for testing", "text/plain",
                () -> "This is the content of the static text resource.")
            .withTitle("Static Text Resource"),
        Resource.of("test://static-binary", "static-binary", "A static binary resource (image) for testing",
                "image/png",
                (uri, ctx) -> List.of(ResourceContents.blob(uri, "image/png",
                    Base64.getDecoder().decode(TestMedia.PNG_BASE64))))
            .withTitle("Static Binary Resource"),
        Resource.text(WATCHED_URI, "watched-resource", "A resource that auto-updates every 3 seconds",
                "text/plain", () -> "Watched resource content")
            .withTitle("Watched Resource"));
  }

  /** The templates, in the order {@code resources/templates/list} shows them. */
  static List<ResourceTemplate> templates() {
    return List.of(
        ResourceTemplate.of("test://template/{id}/data", "template",
                "A resource template with parameter substitution", "application/json",
                (uri, variables, ctx) -> {
                  String id = variables.get("id");
                  ObjectNode data = TestMedia.JSON.createObjectNode()
                      .put("id", id)
                      .put("templateTest", true)
                      .put("data", "Data for ID: " + id);
                  return List.of(ResourceContents.text(uri, "application/json", TestMedia.JSON.writeValueAsString(data)));
                })
            .withTitle("Resource Template"));
  }
}
