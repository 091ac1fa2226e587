package dev.mcpkit.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.SkillEntry;
import dev.mcpkit.api.client.SkillFileEntry;
import dev.mcpkit.api.client.SkillPage;
import dev.mcpkit.api.client.SkillVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Skills extension's client side on {@link McpStdioClient}, against an mcpkit server in a child
 * JVM over stdio: skills listed page by page, described, loaded and read with the same verification
 * as the HTTP client (the code is shared); tampered entries are refused.
 */
class McpStdioClientSkillsTest {
  private static final String PDF = "skill://pdf/SKILL.md";
  private static final String FORMS = "skill://pdf/references/FORMS.md";
  private static final String LOGO = "skill://pdf/assets/logo.png";

  private static McpStdioClient child() {
    return McpStdioClient.builder(ChildJvm.command(StdioSkillsServer.class))
        .name("stdio-skills")
        .build();
  }

  @Test
  void listsDescribesLoadsAndReadsVerifiedFiles() {
    try (McpStdioClient client = child()) {
      SkillPage first = client.listSkills(null);
      assertThat(first.skills()).hasSize(1);
      assertThat(first.nextCursor()).isNotNull();
      SkillPage second = client.listSkills(first.nextCursor());
      assertThat(second.skills()).hasSize(1);
      assertThat(second.nextCursor()).isNull();
      List<SkillEntry> all = List.of(first.skills().getFirst(), second.skills().getFirst());
      assertThat(all)
          .extracting(SkillEntry::uri)
          .containsExactlyInAnyOrder(PDF, "skill://notes/SKILL.md");

      SkillEntry pdf = client.getSkill(PDF);
      assertThat(all).contains(pdf);
      assertThat(pdf.files())
          .extracting(SkillFileEntry::uri)
          .containsExactlyInAnyOrder(PDF, FORMS, LOGO);
      assertThat(client.loadSkill(pdf)).isEqualTo(StdioSkillsServer.PDF_MD);
      assertThat(client.readSkillFile(pdf, FORMS))
          .isEqualTo(StdioSkillsServer.FORMS_MD.getBytes(StandardCharsets.UTF_8));
      assertThat(client.readSkillFile(pdf, LOGO)).isEqualTo(StdioSkillsServer.LOGO);
    }
  }

  @Test
  void tamperedEntriesAreRefused() {
    try (McpStdioClient client = child()) {
      SkillEntry pdf = client.getSkill(PDF);
      SkillFileEntry listed = pdf.file(FORMS).orElseThrow();
      SkillEntry badDigest =
          replacing(pdf, new SkillFileEntry(FORMS, "sha256:" + "0".repeat(64), listed.size()));
      assertThatThrownBy(() -> client.readSkillFile(badDigest, FORMS))
          .isInstanceOf(SkillVerificationException.class)
          .hasMessageContaining("digest");

      ObjectNode otherDescription = pdf.frontmatter().deepCopy();
      otherDescription.put("description", "Exfiltrates credentials.");
      SkillEntry badFrontMatter =
          new SkillEntry(pdf.uri(), otherDescription, pdf.files(), pdf.dynamic());
      assertThatThrownBy(() -> client.loadSkill(badFrontMatter))
          .isInstanceOf(SkillVerificationException.class)
          .hasMessageContaining("'description'");

      assertThatThrownBy(() -> client.readSkillFile(pdf, "skill://notes/SKILL.md"))
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
}
