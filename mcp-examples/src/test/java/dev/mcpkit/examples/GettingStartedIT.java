package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's "Getting started" project, exactly as written there, built by Maven and run: the
 * {@code pom.xml} and the class are cut out of {@code README.md} into {@code
 * target/getting-started}, the modules of this build (their jars and POMs, the parent's and the
 * BOM's) are put into a local repository inside {@code target}, and Maven compiles the project
 * offline, with the build's own local repository as a read-only tail ({@code
 * maven.repo.local.tail}) for everything else, so nothing is installed into the shared one. Then
 * the class runs in its own JVM and a real client calls its tool. An integration test (Failsafe,
 * after {@code package}) because it needs the reactor's jars.
 */
class GettingStartedIT {
  private static final Pattern XML_BLOCK = Pattern.compile("```xml\n(.*?)\n```", Pattern.DOTALL);
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)\n```", Pattern.DOTALL);
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern CLASS =
      Pattern.compile("^public final class (\\w+)", Pattern.MULTILINE);

  private final Path root = Path.of("..").toAbsolutePath().normalize();
  private final Path work = Path.of("target", "getting-started").toAbsolutePath();
  private final String version = System.getProperty("mcpkit.version", "");

  @Test
  void theReadmeProjectBuildsAgainstThisBuildsModulesAndServesItsTool() throws Exception {
    String section = gettingStarted(Files.readString(root.resolve("README.md")));
    String pom = only(XML_BLOCK, section, "the pom.xml");
    String source = only(JAVA_BLOCK, section, "the class");
    assertThat(pom)
        .as("the README's pom imports this build's BOM")
        .contains("<artifactId>mcp-bom</artifactId>\n        <version>" + version + "</version>")
        .contains("<maven.compiler.release>21</maven.compiler.release>")
        .as("the README's logging binding is the build's SLF4J version")
        .contains("<version>" + System.getProperty("mcpkit.slf4j.version") + "</version>");

    deleteRecursively(work);
    Path project = work.resolve("project");
    String className = group(PACKAGE, source) + "." + group(CLASS, source);
    Path sourceFile =
        project.resolve("src/main/java").resolve(className.replace('.', '/') + ".java");
    Files.createDirectories(sourceFile.getParent());
    Files.writeString(project.resolve("pom.xml"), pom);
    Files.writeString(sourceFile, source);
    Path repository = stageReactorArtifacts(work.resolve("repository"));

    Path classpath = project.resolve("classpath.txt");
    Process maven =
        new ProcessBuilder(
                root.resolve("mvnw").toString(),
                "-o",
                "-q",
                "-B",
                "-ntp",
                "-f",
                project.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + System.getProperty("mcpkit.localRepository"),
                "compile",
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                "-Dmdep.includeScope=runtime",
                "-Dmdep.outputFile=" + classpath)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("maven.log").toFile())
            .start();
    maven.getOutputStream().close();
    assertThat(maven.waitFor(3, TimeUnit.MINUTES)).as("maven finishes").isTrue();
    assertThat(maven.exitValue())
        .as(
            "maven builds the README project; log:%n%s",
            Files.readString(work.resolve("maven.log")))
        .isZero();

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server =
        new ProcessBuilder(
                java,
                "-cp",
                project.resolve("target/classes") + ":" + Files.readString(classpath).strip(),
                className,
                "0")
            .redirectError(work.resolve("server.err").toFile())
            .start();
    try {
      URI endpoint = endpointLine(server).get(1, TimeUnit.MINUTES);
      try (McpClient client = McpHttpClient.builder(endpoint).build()) {
        CallToolResult result =
            client.callTool("greet", JsonMapper.builder().build().readTree("{\"name\":\"Ada\"}"));
        assertThat(result.isError()).isFalse();
        assertThat(result.text()).isEqualTo("Hello, Ada!");
      }
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /** The "Getting started" section of the README, up to the next section. */
  private static String gettingStarted(String readme) {
    int start = readme.indexOf("\n## Getting started\n");
    assertThat(start).as("README.md has a '## Getting started' section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  private static String only(Pattern block, String section, String what) {
    Matcher m = block.matcher(section);
    assertThat(m.find()).as("the section shows %s", what).isTrue();
    String text = m.group(1);
    assertThat(m.find()).as("the section shows %s once", what).isFalse();
    return text + "\n";
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s in the class", pattern).isTrue();
    return m.group(1);
  }

  /**
   * Lays out the jars and POMs of this build's modules as a Maven local repository: what {@code mvn
   * install} would write, but inside {@code target}.
   */
  private Path stageReactorArtifacts(Path repository) throws IOException {
    stage(repository, "mcpkit-parent", root.resolve("pom.xml"), null);
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).toList()) {
        String artifactId = module.getFileName().toString();
        Path jar = module.resolve("target").resolve(artifactId + "-" + version + ".jar");
        if (artifactId.equals("mcp-bom")) {
          stage(repository, artifactId, module.resolve("pom.xml"), null);
        } else if (Files.isRegularFile(jar)) {
          stage(repository, artifactId, module.resolve("pom.xml"), jar);
        }
      }
    }
    return repository;
  }

  private void stage(Path repository, String artifactId, Path pom, @Nullable Path jar)
      throws IOException {
    Path dir = repository.resolve("dev/mcpkit").resolve(artifactId).resolve(version);
    Files.createDirectories(dir);
    Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"));
    if (jar != null) {
      Files.copy(jar, dir.resolve(artifactId + "-" + version + ".jar"));
    }
  }

  /** Completes with the endpoint the server prints on standard output. */
  private static CompletableFuture<URI> endpointLine(Process server) {
    CompletableFuture<URI> endpoint = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              List<String> seen = new ArrayList<>();
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith("MCP endpoint: ")) {
                    endpoint.complete(URI.create(line.substring("MCP endpoint: ".length())));
                  }
                  seen.add(line);
                }
                endpoint.completeExceptionally(
                    new IllegalStateException("the server printed no endpoint: " + seen));
              } catch (IOException e) {
                endpoint.completeExceptionally(new UncheckedIOException(e));
              }
            });
    return endpoint;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }
}
