package dev.mcpkit.examples;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The constants of the everything server's tools: the tiny media payloads the conformance suite's
 * reference server uses, and one JSON mapper.
 */
final class TestMedia {
  /** A 1x1 PNG, base64. */
  static final String PNG_BASE64 = EverythingCatalog.PNG;

  /** A minimal WAV file, base64. */
  static final String WAV_BASE64 = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

  /** Immutable after construction, so one instance serves every thread. */
  static final JsonMapper JSON = JsonMapper.builder().build();

  private TestMedia() {}

  /** Parses a JSON literal of this package (schemas, request parameters). */
  static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
