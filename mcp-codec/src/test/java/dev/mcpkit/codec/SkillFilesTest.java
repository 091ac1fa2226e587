package dev.mcpkit.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The digest and front-matter rules that the engine publishes and the client verifies with. */
class SkillFilesTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theDigestIsSha256InLowercaseHexOverTheRawBytes() {
    // sha256("abc"), FIPS 180-2 test vector.
    assertThat(SkillFiles.digest(utf8("abc")))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void frontMatterIsTheLeadingYamlMappingWithItsTypes() {
    ObjectNode frontMatter =
        SkillFiles.frontMatter(
            utf8(
                "\uFEFF---\r\nname: pdf\r\ndescription: \"Fills: forms\"\r\nmetadata:\r\n"
                    + "  version: 2\r\n  beta: true\r\n---\r\nBody\n"));
    assertThat(frontMatter).isNotNull();
    assertThat(frontMatter.path("name").asString()).isEqualTo("pdf");
    assertThat(frontMatter.path("description").asString()).isEqualTo("Fills: forms");
    assertThat(frontMatter.path("metadata").path("version").isNumber()).isTrue();
    assertThat(frontMatter.path("metadata").path("beta").isBoolean()).isTrue();
  }

  @Test
  void aFileWithoutALeadingBlockOrWithAScalarBlockHasNoFrontMatter() {
    assertThat(SkillFiles.frontMatter(utf8("# Title\n---\nname: x\n---\n"))).isNull();
    assertThat(SkillFiles.frontMatter(utf8("---\njust a scalar\n---\n"))).isNull();
    assertThat(SkillFiles.frontMatter(utf8("---\nname: [unclosed\n---\n"))).isNull();
  }
}
