package dev.mcpkit.examples;

import dev.mcpkit.api.server.Skills;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The skills of the everything server (the Skills extension, SEP-2640): the directory {@code
 * everything-skills} bundled with the examples, two skills with subdirectories ({@code
 * pdf-processing}, {@code release-notes}), listed one a page so that the conformance scenarios
 * follow a {@code skills/list} cursor.
 */
final class EverythingSkills {
  private static final String DIRECTORY = "/everything-skills";

  private EverythingSkills() {}

  /** Reads the bundled skills, from the classes directory or from the jar. */
  static Skills bundled() {
    URL url = EverythingSkills.class.getResource(DIRECTORY);
    if (url == null) {
      throw new IllegalStateException(DIRECTORY + " is missing from the examples' resources");
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return Skills.fromDirectory(jar.getPath(DIRECTORY)).withPageSize(1);
        }
      }
      return Skills.fromDirectory(Path.of(uri)).withPageSize(1);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad resource URL " + url, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + url, e);
    }
  }
}
