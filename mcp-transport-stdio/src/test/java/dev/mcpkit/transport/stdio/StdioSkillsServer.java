package dev.mcpkit.transport.stdio;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Skill;
import dev.mcpkit.api.server.SkillFile;
import dev.mcpkit.api.server.Skills;
import dev.mcpkit.session.McpEngines;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * A child JVM ({@link #main}) serving two skills over stdio, one a page: {@code pdf} with a text
 * and a binary file beside its {@code SKILL.md}, and {@code notes} with only its {@code SKILL.md}.
 */
final class StdioSkillsServer {
  static final String PDF_MD =
      "---\nname: pdf\ndescription: Fills PDF forms.\nmetadata:\n  author: mcpkit\n---\n\nBody.\n";
  static final String FORMS_MD = "# Forms\n";
  static final byte[] LOGO = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};

  private StdioSkillsServer() {}

  static McpServerConfig config() {
    Skill pdf =
        Skill.of(
            "pdf",
            List.of(
                SkillFile.text("SKILL.md", PDF_MD),
                SkillFile.text("references/FORMS.md", FORMS_MD),
                new SkillFile("assets/logo.png", LOGO)));
    Skill notes =
        Skill.of(
            "notes",
            List.of(SkillFile.text("SKILL.md", "---\nname: notes\ndescription: Notes.\n---\n")));
    return McpServerConfig.builder()
        .serverInfo("stdio-skills", "1.0.0")
        .skills(new Skills(List.of(pdf, notes), 1))
        .build();
  }

  /**
   * Serves on this process's stdin and stdout until stdin ends.
   *
   * @param args none
   */
  public static void main(String[] args) {
    PrintStream protocol = System.out;
    System.setOut(System.err); // stdout is the protocol
    SessionManager sessions = StdioTestServer.sessions();
    McpStdioServer.builder(McpEngines.create(config(), sessions))
        .output(protocol)
        .drainTimeout(Duration.ofMillis(500))
        .build()
        .serve();
    sessions.close();
  }
}
