package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.SkillEntry;
import dev.mcpkit.api.client.SkillFileEntry;
import dev.mcpkit.api.client.SkillPage;
import dev.mcpkit.api.client.SkillVerificationException;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.Skill;
import dev.mcpkit.api.server.SkillFile;
import dev.mcpkit.api.server.Skills;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Skills extension end to end over HTTP: an mcpkit server with skills read from a directory and
 * built in code, two a page, and {@link McpHttpClient} listing, describing, loading and reading
 * them with verification, in both protocol eras; a tampered entry is refused by the client, and an
 * invalid skill stops the engine at start with an error that names the skill and the rule.
 */
class SkillsHttpTest {
  static final String PDF_MD =
      "---\nname: pdf-processing\ndescription: Fills PDF forms.\nmetadata:\n  author: mcpkit\n---\n\nBody.\n";
  static final String FORMS_MD = "# Forms\n";
  static final byte[] LOGO = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};

  @TempDir static Path dir;
  static SessionManager sessions;
  static McpHttpServer server;
  static URI endpoint;

  @BeforeAll
  static void start() throws Exception {
    Path pdf = dir.resolve("acme/pdf-processing");
    Files.createDirectories(pdf.resolve("references"));
    Files.createDirectories(pdf.resolve("assets"));
    Files.writeString(pdf.resolve("SKILL.md"), PDF_MD);
    Files.writeString(pdf.resolve("references/FORMS.md"), FORMS_MD);
    Files.write(pdf.resolve("assets/logo.png"), LOGO);
    Files.writeString(pdf.resolve(".hidden"), "not served");
    Path notes = dir.resolve("release-notes");
    Files.createDirectories(notes);
    Files.writeString(
        notes.resolve("SKILL.md"), "---\nname: release-notes\ndescription: Writes notes.\n---\n");
    List<Skill> skills = new ArrayList<>(Skills.fromDirectory(dir).skills());
    skills.add(skill("summaries", "---\nname: summaries\ndescription: Summarises.\n---\n"));
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("skills-server", "1.0.0")
            .skills(new Skills(skills, 2))
            .build();
    sessions = SessionManagers.builder().build();
    server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .engine(McpEngines.create(config, sessions))
            .build();
    endpoint = URI.create("http://127.0.0.1:" + server.start() + "/mcp");
  }

  @AfterAll
  static void stop() {
    server.close();
    sessions.shutdown(Duration.ofSeconds(1));
  }

  private static Skill skill(String path, String skillMd) {
    return Skill.of(path, List.of(SkillFile.text("SKILL.md", skillMd)));
  }

  private static McpClient client(ProtocolVersion version) {
    return McpHttpClient.builder(endpoint).protocolVersion(version).build();
  }

  private static List<SkillPage> pages(McpClient client) {
    List<SkillPage> pages = new ArrayList<>();
    @Nullable String cursor = null;
    do {
      SkillPage page = client.listSkills(cursor);
      pages.add(page);
      cursor = page.nextCursor();
    } while (cursor != null);
    return pages;
  }

  @ParameterizedTest
  @EnumSource(
      value = ProtocolVersion.class,
      names = {"V2026_07_28", "V2025_11_25"})
  void listsTwoAPageAndLoadsVerifiedFiles(ProtocolVersion version) {
    try (McpClient client = client(version)) {
      assertThat(
              client
                  .initialize()
                  .capabilities()
                  .path("extensions")
                  .path("io.modelcontextprotocol/skills")
                  .path("directoryRead")
                  .asBoolean())
          .isTrue();
      List<SkillPage> pages = pages(client);
      assertThat(pages).extracting(p -> p.skills().size()).containsExactly(2, 1);
      List<SkillEntry> all = pages.stream().flatMap(p -> p.skills().stream()).toList();
      assertThat(all)
          .extracting(SkillEntry::uri)
          .containsExactly(
              "skill://acme/pdf-processing/SKILL.md",
              "skill://release-notes/SKILL.md",
              "skill://summaries/SKILL.md");
      SkillEntry pdf = client.getSkill("skill://acme/pdf-processing/SKILL.md");
      assertThat(pdf).isEqualTo(all.getFirst());
      assertThat(pdf.frontmatter().path("metadata").path("author").asString()).isEqualTo("mcpkit");
      assertThat(pdf.files())
          .extracting(SkillFileEntry::uri)
          .containsExactlyInAnyOrder(
              "skill://acme/pdf-processing/SKILL.md",
              "skill://acme/pdf-processing/references/FORMS.md",
              "skill://acme/pdf-processing/assets/logo.png");

      assertThat(client.loadSkill(pdf)).isEqualTo(PDF_MD);
      assertThat(client.readSkillFile(pdf, "skill://acme/pdf-processing/references/FORMS.md"))
          .isEqualTo(FORMS_MD.getBytes(StandardCharsets.UTF_8));
      // Not UTF-8: served as a blob, verified over the decoded bytes.
      assertThat(client.readSkillFile(pdf, "skill://acme/pdf-processing/assets/logo.png"))
          .isEqualTo(LOGO);
    }
  }

  @Test
  void aTamperedEntryIsRefusedByTheClient() {
    try (McpClient client = client(ProtocolVersion.V2026_07_28)) {
      SkillEntry pdf = client.getSkill("skill://acme/pdf-processing/SKILL.md");
      String forms = "skill://acme/pdf-processing/references/FORMS.md";
      SkillFileEntry listed = pdf.file(forms).orElseThrow();

      SkillEntry badDigest =
          replacing(pdf, new SkillFileEntry(forms, "sha256:" + "0".repeat(64), listed.size()));
      assertThatThrownBy(() -> client.readSkillFile(badDigest, forms))
          .isInstanceOf(SkillVerificationException.class)
          .hasMessageContaining("digest");

      SkillEntry badSize =
          replacing(pdf, new SkillFileEntry(forms, listed.digest(), listed.size() + 1));
      assertThatThrownBy(() -> client.readSkillFile(badSize, forms))
          .isInstanceOf(SkillVerificationException.class)
          .hasMessageContaining("bytes read");

      ObjectNode otherDescription = pdf.frontmatter().deepCopy();
      otherDescription.put("description", "Exfiltrates credentials.");
      SkillEntry badFrontMatter =
          new SkillEntry(pdf.uri(), otherDescription, pdf.files(), pdf.dynamic());
      assertThatThrownBy(() -> client.loadSkill(badFrontMatter))
          .isInstanceOf(SkillVerificationException.class)
          .hasMessageContaining("'description'");

      assertThatThrownBy(() -> client.readSkillFile(pdf, "skill://release-notes/SKILL.md"))
          .isInstanceOf(SkillVerificationException.class)
          .hasMessageContaining("not a file of skill");
    }
  }

  private static SkillEntry replacing(SkillEntry skill, SkillFileEntry file) {
    List<SkillFileEntry> files = new ArrayList<>();
    for (SkillFileEntry listed : skill.files()) {
      files.add(listed.uri().equals(file.uri()) ? file : listed);
    }
    return new SkillEntry(skill.uri(), skill.frontmatter(), files, skill.dynamic());
  }

  @Test
  void unknownSkillsDirectoriesAndCursorsAreInvalidParams() {
    try (McpClient client = client(ProtocolVersion.V2026_07_28)) {
      assertThatThrownBy(() -> client.getSkill("skill://nope/SKILL.md"))
          .isInstanceOfSatisfying(
              McpClientException.class,
              e ->
                  assertThat(e.error().orElseThrow().code())
                      .isEqualTo(JsonRpcError.INVALID_PARAMS));
      assertThatThrownBy(() -> client.listSkills("bogus"))
          .isInstanceOfSatisfying(
              McpClientException.class,
              e ->
                  assertThat(e.error().orElseThrow().code())
                      .isEqualTo(JsonRpcError.INVALID_PARAMS));
      JsonNode children =
          client.request(
              "resources/directory/read",
              TestServer.JSON.readTree("{\"uri\":\"skill://acme/pdf-processing\"}"),
              dev.mcpkit.api.client.RequestOptions.defaults());
      assertThat(children.path("resources").findValuesAsString("uri"))
          .containsExactlyInAnyOrder(
              "skill://acme/pdf-processing/SKILL.md",
              "skill://acme/pdf-processing/references",
              "skill://acme/pdf-processing/assets");
      assertThat(children.path("resources").findValuesAsString("mimeType"))
          .containsExactlyInAnyOrder("text/markdown", "inode/directory", "inode/directory");
      assertThatThrownBy(
              () ->
                  client.request(
                      "resources/directory/read",
                      TestServer.JSON.readTree(
                          "{\"uri\":\"skill://acme/pdf-processing/SKILL.md\"}"),
                      dev.mcpkit.api.client.RequestOptions.defaults()))
          .isInstanceOfSatisfying(
              McpClientException.class,
              e ->
                  assertThat(e.error().orElseThrow().code())
                      .isEqualTo(JsonRpcError.INVALID_PARAMS));
    }
  }

  @Test
  void anInvalidSkillStopsTheEngineWithANamedError() {
    assertRefused(
        skill("Bad_Name", "---\nname: Bad_Name\ndescription: d\n---\n"),
        "skill 'Bad_Name'",
        "naming rules");
    assertRefused(
        skill("pdf", "---\nname: pdf-tools\ndescription: d\n---\n"),
        "skill 'pdf'",
        "must equal the last segment");
    assertRefused(skill("plain", "no front-matter\n"), "skill 'plain'", "front-matter");
    assertRefused(
        skill("nodesc", "---\nname: nodesc\n---\n"), "skill 'nodesc'", "'description' is required");
    assertRefused(
        skill(
            "reserved",
            "---\nname: reserved\ndescription: d\nmetadata:\n  io.modelcontextprotocol/x: y\n---\n"),
        "skill 'reserved'",
        "reserved");
    McpServerConfig clash =
        McpServerConfig.builder()
            .serverInfo("s", "1")
            .resource(
                Resource.text("skill://ok/SKILL.md", "ok", null, "text/markdown", () -> "other"))
            .skills(Skills.of(skill("ok", "---\nname: ok\ndescription: d\n---\n")))
            .build();
    assertThatThrownBy(() -> McpEngines.create(clash, sessions))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("skill://ok/SKILL.md");
  }

  private static void assertRefused(Skill skill, String names, String rule) {
    McpServerConfig config =
        McpServerConfig.builder().serverInfo("s", "1").skills(Skills.of(skill)).build();
    assertThatThrownBy(() -> McpEngines.create(config, sessions))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(names)
        .hasMessageContaining(rule);
  }
}
