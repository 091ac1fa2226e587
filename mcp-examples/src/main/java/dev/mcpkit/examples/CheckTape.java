package dev.mcpkit.examples;

import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.gateway.tape.TapeCheck;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-sends a tape's client side to a live server and prints where the answers differ from the
 * recorded ones ({@link TapeCheck} says what is compared and what is ignored).
 *
 * <pre>
 * ./run-example CheckTape --tape tapes/20261202T062500Z-3f2a9c01d4e5.jsonl --url http://127.0.0.1:8080/mcp
 * ./run-example CheckTape --tape FILE --url URL --ignore content.*.text --ignore structuredContent
 * </pre>
 *
 * <p>Prints one line per difference ({@code #3 tools/call /content/0/text: recorded "a", live "b"})
 * and a summary; exits with status 0 when every answer was as recorded, 1 when some differ, 2 for a
 * bad command line or tape, 3 when the server cannot be reached.
 */
public final class CheckTape {
  private CheckTape() {}

  /**
   * Runs the check.
   *
   * @param args {@code --tape FILE --url URL}, any number of {@code --ignore PATH}, optionally
   *     {@code --timeout SECONDS}
   */
  public static void main(String[] args) {
    Path tape = null;
    URI url = null;
    List<String> ignore = new ArrayList<>();
    Duration timeout = Duration.ofSeconds(30);
    try {
      for (int i = 0; i < args.length; i++) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[++i];
        switch (args[i - 1]) {
          case "--tape" -> tape = Path.of(value);
          case "--url" -> url = URI.create(value);
          case "--ignore" -> ignore.add(value);
          case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
          default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
        }
      }
      if (tape == null || !Files.isRegularFile(tape) || url == null) {
        throw new IllegalArgumentException("give --tape FILE (an existing tape) and --url URL");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("check-tape: " + e.getMessage());
      System.exit(2);
      return;
    }
    TapeCheck.Report report;
    try {
      report = TapeCheck.run(tape, url, ignore, timeout);
    } catch (IllegalArgumentException e) {
      System.err.println("check-tape: " + e.getMessage());
      System.exit(2);
      return;
    } catch (McpClientException e) {
      System.err.println("check-tape: " + url + ": " + e.getMessage());
      System.exit(3);
      return;
    }
    report.differences().forEach(System.out::println);
    System.out.println(
        report.requests()
            + " requests re-sent, "
            + report.differences().size()
            + (report.differences().size() == 1 ? " difference" : " differences"));
    System.exit(report.identical() ? 0 : 1);
  }
}
