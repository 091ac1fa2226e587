package dev.mcpkit.codec;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.SkillEntry;
import dev.mcpkit.api.client.SkillFileEntry;
import dev.mcpkit.api.client.SkillPage;
import dev.mcpkit.api.client.SkillVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client side of the Skills extension (SEP-2640) over any {@link McpClient}: listing and
 * describing skills (which fetches no file: hosts must not retrieve a skill's files ahead of need),
 * and reading a skill's files with the verification the extension requires before content is used
 * (the byte length against the entry's {@code size}, the SHA-256 digest against its {@code digest},
 * and for {@code SKILL.md} its front-matter against the entry's, field by field). Shared by the
 * HTTP and the stdio clients, which implement {@link McpClient}'s skill methods with it. Stateless
 * and thread-safe.
 */
public final class SkillFetching {
  private SkillFetching() {}

  /**
   * Lists one page of skills ({@code skills/list}).
   *
   * @param client the connection
   * @param cursor the page's cursor, or {@code null} for the first
   * @return the page
   * @throws McpClientException for an error answer or a malformed entry
   */
  public static SkillPage list(McpClient client, @Nullable String cursor) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    if (cursor != null) {
      params.put("cursor", cursor);
    }
    JsonNode result = client.request("skills/list", params, RequestOptions.defaults());
    List<SkillEntry> entries = new ArrayList<>();
    for (JsonNode entry : result.path("skills")) {
      entries.add(entry(entry));
    }
    JsonNode next = result.get("nextCursor");
    return new SkillPage(entries, next != null && next.isString() ? next.stringValue() : null);
  }

  /**
   * Describes one skill ({@code skills/get}).
   *
   * @param client the connection
   * @param uri the URI of the skill's {@code SKILL.md}
   * @return its entry
   * @throws McpClientException for an error answer or a malformed entry
   */
  public static SkillEntry get(McpClient client, String uri) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("uri", requireNonNull(uri, "uri"));
    JsonNode result = client.request("skills/get", params, RequestOptions.defaults());
    return entry(result.path("skill"));
  }

  /**
   * Reads a skill's {@code SKILL.md} and verifies it against the entry (size, digest, front-matter
   * field by field).
   *
   * @param client the connection
   * @param skill the entry
   * @return the verified text
   * @throws SkillVerificationException if the file does not match the entry
   */
  public static String load(McpClient client, SkillEntry skill) {
    requireNonNull(skill, "skill");
    byte[] content = read(client, skill, skill.uri());
    ObjectNode frontMatter = SkillFiles.frontMatter(content);
    if (frontMatter == null) {
      throw new SkillVerificationException(
          skill.uri() + ": has no YAML front-matter to compare with the entry's");
    }
    ObjectNode entry = skill.frontmatter();
    Set<String> fields = new LinkedHashSet<>(frontMatter.propertyNames());
    fields.addAll(entry.propertyNames());
    for (String field : fields) {
      JsonNode read = frontMatter.get(field);
      JsonNode listed = entry.get(field);
      if (read == null || listed == null || !read.equals(listed)) {
        throw new SkillVerificationException(
            skill.uri() + ": front-matter field '" + field + "' differs from the skill's entry");
      }
    }
    return new String(content, StandardCharsets.UTF_8);
  }

  /**
   * Reads one file of a skill and verifies its size and digest against the entry (a file of a
   * dynamic skill has nothing to be verified against).
   *
   * @param client the connection
   * @param skill the skill's entry
   * @param uri the file's URI
   * @return the verified raw bytes
   * @throws SkillVerificationException if the file is not listed or does not match its entry
   */
  public static byte[] read(McpClient client, SkillEntry skill, String uri) {
    requireNonNull(skill, "skill");
    requireNonNull(uri, "uri");
    SkillFileEntry listed = skill.file(uri).orElse(null);
    if (listed == null && !skill.dynamic()) {
      throw new SkillVerificationException(uri + ": is not a file of skill " + skill.uri());
    }
    byte[] content = bytesOf(client.readResource(uri).raw(), uri);
    if (listed != null) {
      if (content.length != listed.size()) {
        throw new SkillVerificationException(
            uri + ": " + content.length + " bytes read, the entry lists " + listed.size());
      }
      String digest = SkillFiles.digest(content);
      if (!digest.equals(listed.digest())) {
        throw new SkillVerificationException(
            uri + ": digest " + digest + " differs from the entry's " + listed.digest());
      }
    }
    return content;
  }

  private static byte[] bytesOf(JsonNode result, String uri) {
    for (JsonNode contents : result.path("contents")) {
      JsonNode text = contents.get("text");
      if (text != null && text.isString()) {
        return text.stringValue().getBytes(StandardCharsets.UTF_8);
      }
      JsonNode blob = contents.get("blob");
      if (blob != null && blob.isString()) {
        try {
          return Base64.getDecoder().decode(blob.stringValue());
        } catch (IllegalArgumentException e) {
          throw new SkillVerificationException(uri + ": blob is not base64");
        }
      }
    }
    throw new SkillVerificationException(uri + ": resources/read returned no contents");
  }

  private static SkillEntry entry(JsonNode node) {
    JsonNode uri = node.get("uri");
    JsonNode frontMatter = node.get("frontmatter");
    if (uri == null || !uri.isString() || !(frontMatter instanceof ObjectNode object)) {
      throw new McpClientException("malformed skill entry: " + node, null);
    }
    JsonNode resources = node.get("resources");
    if (resources != null && resources.isString() && resources.stringValue().equals("dynamic")) {
      return new SkillEntry(uri.stringValue(), object, List.of(), true);
    }
    if (resources == null || !resources.isArray()) {
      throw new McpClientException(
          "malformed skill entry "
              + uri.stringValue()
              + ": resources is neither a list nor dynamic",
          null);
    }
    List<SkillFileEntry> files = new ArrayList<>();
    for (JsonNode file : resources) {
      JsonNode fileUri = file.get("uri");
      JsonNode digest = file.get("digest");
      JsonNode size = file.get("size");
      if (fileUri == null
          || !fileUri.isString()
          || digest == null
          || !digest.isString()
          || size == null
          || !size.canConvertToLong()) {
        throw new McpClientException(
            "malformed file in skill entry " + uri.stringValue() + ": " + file, null);
      }
      files.add(new SkillFileEntry(fileUri.stringValue(), digest.stringValue(), size.asLong()));
    }
    return new SkillEntry(uri.stringValue(), object, files, false);
  }
}
