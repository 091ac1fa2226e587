package dev.mcpkit.api.client;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The result of {@code resources/read}.
 *
 * {@snippet :
 * ReadResourceResult motd = client.readResource("docs://motd");
 * System.out.println(motd.text());
 * }
 *
 * @param contents the contents, usually one
 * @param raw the whole result as sent
 */
public record ReadResourceResult(List<ResourceContent> contents, JsonNode raw) {
  /** Validates the fields and copies the list. */
  public ReadResourceResult {
    contents = List.copyOf(requireNonNull(contents, "contents"));
    requireNonNull(raw, "raw");
  }

  /**
   * Reads a {@code resources/read} result.
   *
   * @param raw the result
   * @return the typed result
   */
  public static ReadResourceResult from(JsonNode raw) {
    requireNonNull(raw, "raw");
    List<ResourceContent> contents = new ArrayList<>();
    raw.path("contents").forEach(entry -> contents.add(ResourceContent.from(entry)));
    return new ReadResourceResult(contents, raw);
  }

  /**
   * Joins the text contents, one per line.
   *
   * @return the text, empty if there is none
   */
  public String text() {
    return contents.stream()
        .map(ResourceContent::text)
        .filter(Objects::nonNull)
        .collect(Collectors.joining("\n"));
  }
}
