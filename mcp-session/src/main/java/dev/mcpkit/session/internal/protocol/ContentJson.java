package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.server.Content;
import dev.mcpkit.api.server.ResourceContents;
import dev.mcpkit.codec.JsonRpcCodecs;
import tools.jackson.databind.node.ObjectNode;

/** Writes content blocks and resource contents as MCP JSON. Stateless. */
final class ContentJson {
  private ContentJson() {}

  static ObjectNode content(Content block) {
    ObjectNode node = JsonRpcCodecs.nodes().objectNode();
    switch (block) {
      case Content.Text text -> {
        node.put("type", "text");
        node.put("text", text.text());
      }
      case Content.Image image -> {
        node.put("type", "image");
        node.put("data", image.data());
        node.put("mimeType", image.mimeType());
      }
      case Content.Audio audio -> {
        node.put("type", "audio");
        node.put("data", audio.data());
        node.put("mimeType", audio.mimeType());
      }
      case Content.EmbeddedResource embedded -> {
        node.put("type", "resource");
        node.set("resource", resourceContents(embedded.resource()));
      }
    }
    return node;
  }

  static ObjectNode resourceContents(ResourceContents contents) {
    ObjectNode node = JsonRpcCodecs.nodes().objectNode();
    node.put("uri", contents.uri());
    if (contents.mimeType() != null) {
      node.put("mimeType", contents.mimeType());
    }
    switch (contents) {
      case ResourceContents.Text text -> node.put("text", text.text());
      case ResourceContents.Blob blob -> node.put("blob", blob.blob());
    }
    return node;
  }
}
