package dev.mcpkit.session.internal.skills;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.ResourceContents;
import dev.mcpkit.api.server.Skill;
import dev.mcpkit.api.server.SkillFile;
import dev.mcpkit.api.server.Skills;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.codec.SkillFiles;
import dev.mcpkit.session.internal.protocol.ProtocolError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The skills a server offers, validated and rendered once when the engine is created (the Skills
 * extension, SEP-2640): the capability it declares, the resources that serve the files, and the
 * answers to {@code skills/list} (paginated, no entry split across pages), {@code skills/get} and
 * {@code resources/directory/read} (the direct children of a skill directory, subdirectories with
 * MIME type {@code inode/directory}). A URI that names no skill or no directory, and a cursor not
 * issued here, are answered {@code -32602}.
 *
 * <p>Immutable and thread-safe: every answer is a fresh copy.
 */
public final class SkillCatalog {
  /** The extension's identifier under {@code capabilities.extensions}. */
  public static final String EXTENSION = "io.modelcontextprotocol/skills";

  static final String SKILLS_LIST = "skills/list";
  static final String SKILLS_GET = "skills/get";
  static final String DIRECTORY_READ = "resources/directory/read";
  static final String DIRECTORY_MIME_TYPE = "inode/directory";
  private static final String CURSOR_PREFIX = "skills:";

  private final List<ServedSkill> skills;
  private final Map<String, ServedSkill> byUri;

  /** Each directory's URI to its direct children ({@code uri, name, mimeType}), in order. */
  private final Map<String, List<ObjectNode>> directories;

  private final List<Resource> resources;
  private final int pageSize;

  private SkillCatalog(Skills configured) {
    this.pageSize = configured.pageSize();
    List<ServedSkill> served = new ArrayList<>();
    Map<String, ServedSkill> uris = new LinkedHashMap<>();
    Map<String, List<ObjectNode>> dirs = new LinkedHashMap<>();
    List<Resource> files = new ArrayList<>();
    for (Skill skill : configured.skills()) {
      SkillFile manifest =
          skill.files().stream()
              .filter(f -> f.path().equals(Skill.MANIFEST))
              .findFirst()
              .orElseThrow();
      ObjectNode frontMatter = SkillRules.check(skill, SkillFiles.frontMatter(manifest.content()));
      ObjectNode entry = JsonRpcCodecs.nodes().objectNode();
      entry.put("uri", skill.uri());
      entry.set("frontmatter", frontMatter);
      ArrayNode listed = entry.putArray("resources");
      ServedSkill one = new ServedSkill(skill, entry);
      for (SkillFile file : skill.files()) {
        String uri = one.directoryUri() + "/" + file.path();
        byte[] content = file.content();
        listed
            .addObject()
            .put("uri", uri)
            .put("digest", SkillFiles.digest(content))
            .put("size", content.length);
        Resource resource = resource(uri, file, frontMatter);
        files.add(resource);
        addToDirectories(
            dirs, one.directoryUri(), file.path(), requireNonNull(resource.mimeType()));
      }
      served.add(one);
      uris.put(skill.uri(), one);
    }
    this.skills = List.copyOf(served);
    this.byUri = Map.copyOf(uris);
    this.directories = Map.copyOf(dirs);
    this.resources = List.copyOf(files);
  }

  /**
   * Validates and renders the configured skills.
   *
   * @param skills the configuration's skills
   * @return the catalog; empty without skills
   * @throws IllegalArgumentException naming the skill and the rule it breaks
   */
  public static SkillCatalog of(Skills skills) {
    return new SkillCatalog(requireNonNull(skills, "skills"));
  }

  /**
   * The configuration with every skill file added as a resource, so that {@code resources/list} and
   * {@code resources/read} serve them; the configuration itself when there are no skills.
   *
   * @param config the server's definition
   * @return the definition the engine serves
   * @throws IllegalArgumentException if a skill file's URI is already a configured resource
   */
  public McpServerConfig serving(McpServerConfig config) {
    if (skills.isEmpty()) {
      return config;
    }
    Set<String> taken = new HashSet<>();
    config.resources().forEach(r -> taken.add(r.uri()));
    List<Resource> all = new ArrayList<>(config.resources());
    for (Resource resource : resources) {
      if (!taken.add(resource.uri())) {
        throw new IllegalArgumentException(
            "skill file '" + resource.uri() + "' has the URI of a configured resource");
      }
      all.add(resource);
    }
    return new McpServerConfig(
        config.serverInfo(),
        config.instructions(),
        config.tools(),
        all,
        config.resourceTemplates(),
        config.prompts(),
        config.skills());
  }

  /**
   * Declares the extension under {@code capabilities.extensions} when there are skills, beside any
   * other extension already declared there.
   *
   * @param capabilities the capabilities object of {@code initialize} or {@code server/discover}
   */
  public void declare(ObjectNode capabilities) {
    if (!skills.isEmpty()) {
      capabilities.withObjectProperty("extensions").putObject(EXTENSION).put("directoryRead", true);
    }
  }

  /**
   * Tells whether a request method is one this catalog answers.
   *
   * @param method the request's method
   * @return {@code true} for the extension's methods when there are skills
   */
  public boolean serves(String method) {
    return !skills.isEmpty()
        && (method.equals(SKILLS_LIST)
            || method.equals(SKILLS_GET)
            || method.equals(DIRECTORY_READ));
  }

  /**
   * Answers one of the methods {@link #serves} names.
   *
   * @param method the method
   * @param params its params, or {@code null}
   * @return the result (a fresh object)
   * @throws ProtocolError {@code -32602} for an unknown skill, directory or cursor
   */
  public ObjectNode answer(String method, @Nullable JsonNode params) {
    return switch (method) {
      case SKILLS_LIST -> list(params);
      case SKILLS_GET -> get(params);
      case DIRECTORY_READ -> readDirectory(params);
      default -> throw new IllegalArgumentException("not a skills method: " + method);
    };
  }

  private ObjectNode list(@Nullable JsonNode params) {
    int start = offset(params);
    int end = Math.min(skills.size(), start + pageSize);
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    ArrayNode page = result.putArray("skills");
    for (ServedSkill skill : skills.subList(start, end)) {
      page.add(skill.entry().deepCopy());
    }
    if (end < skills.size()) {
      result.put("nextCursor", cursor(end));
    }
    return result;
  }

  private ObjectNode get(@Nullable JsonNode params) {
    String uri = uriOf(params, SKILLS_GET);
    ServedSkill skill = byUri.get(uri);
    if (skill == null) {
      throw invalid("Unknown skill: " + uri);
    }
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    result.set("skill", skill.entry().deepCopy());
    return result;
  }

  private ObjectNode readDirectory(@Nullable JsonNode params) {
    String uri = uriOf(params, DIRECTORY_READ);
    String key = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    List<ObjectNode> children = directories.get(key);
    if (children == null) {
      throw invalid("Not a directory: " + uri);
    }
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    ArrayNode listed = result.putArray("resources");
    children.forEach(child -> listed.add(child.deepCopy()));
    return result;
  }

  private int offset(@Nullable JsonNode params) {
    JsonNode cursor = params == null ? null : params.get("cursor");
    if (cursor == null || cursor.isNull()) {
      return 0;
    }
    if (cursor.isString()) {
      try {
        String decoded =
            new String(
                java.util.Base64.getUrlDecoder().decode(cursor.stringValue()),
                StandardCharsets.UTF_8);
        if (decoded.startsWith(CURSOR_PREFIX)) {
          int offset = Integer.parseInt(decoded.substring(CURSOR_PREFIX.length()));
          if (offset > 0 && offset < skills.size()) {
            return offset;
          }
        }
      } catch (IllegalArgumentException e) {
        // falls through to the refusal (NumberFormatException is one)
      }
    }
    throw invalid("Invalid cursor");
  }

  private static String cursor(int offset) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static String uriOf(@Nullable JsonNode params, String method) {
    JsonNode uri = params == null ? null : params.get("uri");
    if (uri == null || !uri.isString()) {
      throw invalid(method + " requires a string 'uri'");
    }
    return uri.stringValue();
  }

  private static ProtocolError invalid(String message) {
    return new ProtocolError(JsonRpcError.INVALID_PARAMS, message);
  }

  /** Lists a file in its directory and each of its parent directories in theirs. */
  private static void addToDirectories(
      Map<String, List<ObjectNode>> dirs, String root, String path, String mimeType) {
    String[] segments = path.split("/", -1);
    String dir = root;
    for (int i = 0; i < segments.length; i++) {
      String child = dir + "/" + segments[i];
      List<ObjectNode> children = dirs.computeIfAbsent(dir, d -> new ArrayList<>());
      boolean last = i == segments.length - 1;
      boolean known = children.stream().anyMatch(c -> c.path("uri").asString("").equals(child));
      if (!known) {
        ObjectNode node = JsonRpcCodecs.nodes().objectNode();
        node.put("uri", child).put("name", segments[i]);
        if (!last) {
          node.put("mimeType", DIRECTORY_MIME_TYPE);
        }
        children.add(node);
      }
      if (last) {
        children.stream()
            .filter(c -> c.path("uri").asString("").equals(child))
            .forEach(c -> c.put("mimeType", mimeType));
      }
      dir = child;
    }
  }

  /** A skill file as a resource: {@code SKILL.md} named and described by its front-matter. */
  private static Resource resource(String uri, SkillFile file, ObjectNode frontMatter) {
    byte[] content = file.content();
    String text = utf8(content);
    String mimeType = SkillMimeTypes.of(file.path(), text != null);
    boolean manifest = file.path().equals(Skill.MANIFEST);
    String name = manifest ? frontMatter.path("name").asString() : file.path();
    String description = manifest ? frontMatter.path("description").asString() : null;
    return Resource.of(
        uri,
        name,
        description,
        mimeType,
        (requested, context) ->
            List.of(
                text != null
                    ? ResourceContents.text(requested, mimeType, text)
                    : ResourceContents.blob(requested, mimeType, content)));
  }

  private static @Nullable String utf8(byte[] content) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
