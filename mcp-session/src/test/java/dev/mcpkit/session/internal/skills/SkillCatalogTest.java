package dev.mcpkit.session.internal.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.Skill;
import dev.mcpkit.api.server.SkillFile;
import dev.mcpkit.api.server.Skills;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.codec.SkillFiles;
import dev.mcpkit.session.internal.protocol.ProtocolError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What the engine publishes for a set of skills, before any transport. */
class SkillCatalogTest {
  private static final String DEEP_MD = "---\nname: deep\ndescription: Nested files.\n---\nBody\n";

  private static Skill skill(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return Skill.of(
        path,
        List.of(SkillFile.text("SKILL.md", "---\nname: " + name + "\ndescription: d\n---\n")));
  }

  private static ObjectNode params(String json) {
    return (ObjectNode) read(json);
  }

  private static JsonNode read(String json) {
    return JsonRpcCodecs.mapper().readTree(json);
  }

  @Test
  void everySkillIsListedOnceAcrossPagesAndNoCursorFollowsTheLast() {
    List<Skill> skills = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      skills.add(skill("s" + i));
    }
    SkillCatalog catalog = SkillCatalog.of(new Skills(skills, 3));
    List<String> uris = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    JsonNode page = catalog.answer("skills/list", null);
    while (true) {
      sizes.add(page.path("skills").size());
      page.path("skills").forEach(e -> uris.add(e.path("uri").asString()));
      if (!page.has("nextCursor")) {
        break;
      }
      page =
          catalog.answer(
              "skills/list", params("{\"cursor\":\"" + page.path("nextCursor").asString() + "\"}"));
    }
    assertThat(sizes).containsExactly(3, 3, 1);
    assertThat(uris)
        .containsExactly(
            "skill://s0/SKILL.md",
            "skill://s1/SKILL.md",
            "skill://s2/SKILL.md",
            "skill://s3/SKILL.md",
            "skill://s4/SKILL.md",
            "skill://s5/SKILL.md",
            "skill://s6/SKILL.md");
  }

  @Test
  void anEntryListsEveryFileWithItsDigestAndSizeAndTheDirectoriesNest() {
    byte[] binary = {0, (byte) 0xfe, (byte) 0xff};
    SkillCatalog catalog =
        SkillCatalog.of(
            Skills.of(
                Skill.of(
                    "acme/deep",
                    List.of(
                        SkillFile.text("SKILL.md", DEEP_MD),
                        SkillFile.text("a/b/c.txt", "c"),
                        new SkillFile("a/d.bin", binary)))));
    JsonNode entry =
        catalog
            .answer("skills/get", params("{\"uri\":\"skill://acme/deep/SKILL.md\"}"))
            .path("skill");
    assertThat(entry.path("frontmatter").path("description").asString()).isEqualTo("Nested files.");
    assertThat(entry.path("resources").findValuesAsString("uri"))
        .containsExactly(
            "skill://acme/deep/SKILL.md",
            "skill://acme/deep/a/b/c.txt",
            "skill://acme/deep/a/d.bin");
    JsonNode manifest = entry.path("resources").get(0);
    assertThat(manifest.path("digest").asString())
        .isEqualTo(SkillFiles.digest(DEEP_MD.getBytes(StandardCharsets.UTF_8)));
    assertThat(manifest.path("size").asInt()).isEqualTo(DEEP_MD.length());

    JsonNode a =
        catalog.answer("resources/directory/read", params("{\"uri\":\"skill://acme/deep/a\"}"));
    assertThat(a.path("resources").findValuesAsString("uri"))
        .containsExactly("skill://acme/deep/a/b", "skill://acme/deep/a/d.bin");
    assertThat(a.path("resources").findValuesAsString("mimeType"))
        .containsExactly("inode/directory", "application/octet-stream");

    McpServerConfig served =
        catalog.serving(McpServerConfig.builder().serverInfo("s", "1").build());
    assertThat(served.resources())
        .extracting(Resource::uri, Resource::name, Resource::mimeType)
        .first()
        .isEqualTo(
            org.assertj.core.groups.Tuple.tuple(
                "skill://acme/deep/SKILL.md", "deep", "text/markdown"));
    ObjectNode capabilities = JsonRpcCodecs.nodes().objectNode();
    capabilities.putObject("extensions").putObject("other/ext");
    catalog.declare(capabilities);
    assertThat(capabilities.path("extensions").propertyNames())
        .containsExactly("other/ext", SkillCatalog.EXTENSION);
  }

  @Test
  void foreignCursorsAndUnknownUrisAreInvalidParams() {
    SkillCatalog catalog = SkillCatalog.of(new Skills(List.of(skill("a"), skill("b")), 1));
    for (String[] call :
        new String[][] {
          {"skills/list", "{\"cursor\":\"not-ours\"}"},
          {"skills/list", "{\"cursor\":42}"},
          {"skills/get", "{\"uri\":\"skill://c/SKILL.md\"}"},
          {"skills/get", "{}"},
          {"resources/directory/read", "{\"uri\":\"skill://a/SKILL.md\"}"},
        }) {
      assertThatThrownBy(() -> catalog.answer(call[0], params(call[1])))
          .as("%s %s", call[0], call[1])
          .isInstanceOfSatisfying(
              ProtocolError.class,
              e -> assertThat(e.error().code()).isEqualTo(JsonRpcError.INVALID_PARAMS));
    }
  }

  @Test
  void withoutSkillsNothingIsDeclaredOrServed() {
    SkillCatalog none = SkillCatalog.of(Skills.none());
    ObjectNode capabilities = JsonRpcCodecs.nodes().objectNode();
    none.declare(capabilities);
    assertThat(capabilities.isEmpty()).isTrue();
    assertThat(none.serves("skills/list")).isFalse();
    McpServerConfig config = McpServerConfig.builder().serverInfo("s", "1").build();
    assertThat(none.serving(config)).isSameAs(config);
  }

  @Test
  void tooManyFilesAreRefusedNamingTheSkillAndTheLimit() {
    List<SkillFile> files = new ArrayList<>();
    files.add(SkillFile.text("SKILL.md", "---\nname: big\ndescription: d\n---\n"));
    for (int i = 0; i < 512; i++) {
      files.add(SkillFile.text("f" + i + ".txt", "x"));
    }
    assertThatThrownBy(() -> SkillCatalog.of(Skills.of(Skill.of("big", files))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("skill 'big'")
        .hasMessageContaining("513 files exceed the limit of 512");
  }
}
