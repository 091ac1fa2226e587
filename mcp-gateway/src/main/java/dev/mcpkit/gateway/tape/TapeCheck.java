package dev.mcpkit.gateway.tape;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.gateway.internal.tape.ClientResend;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Re-sends the client side of a tape to a live server and reports where the answers differ from the
 * recorded ones: a regression check of a server (or a gateway) against a recorded conversation.
 *
 * <p>What is sent: the recorded {@code initialize} (its client info and capabilities), then every
 * request and notification the client sent, in order, each request waiting for its answer ({@code
 * params._meta} left out: progress tokens and trace context are the live client's own; a request
 * that carried a progress token gets one of the live client's). The server's requests to the client
 * (sampling, elicitation, roots) are answered with the client's recorded answers to requests of the
 * same method, in order. What is compared: the {@code initialize} result and each request's result,
 * or its error's {@code code} and {@code message}, member by member. What is not: JSON-RPC ids and
 * session ids (never compared), every {@code _meta} member, two strings that are both ISO-8601
 * date-times, values recorded redacted (re-sent as {@code "[REDACTED]"}), notifications (progress,
 * logs, which vary in number and timing), and the paths given to ignore.
 *
 * {@snippet :
 * TapeCheck.Report report =
 *     TapeCheck.run(Path.of("tapes/20261202T062500Z-3f2a9c01d4e5.jsonl"),
 *         URI.create("http://127.0.0.1:8080/mcp"), List.of("result.content.*.text"));
 * report.differences().forEach(System.out::println);
 * }
 */
public final class TapeCheck {
  private TapeCheck() {}

  /**
   * One difference between a recorded answer and the live one.
   *
   * @param index the request's position among the client's requests on the tape, from 1
   * @param method the request's method
   * @param path where the answers differ, a JSON pointer into the result ({@code /} for all of it),
   *     or {@code /error} for an error
   * @param description what differs, e.g. {@code recorded "a", live "b"}
   */
  public record Difference(int index, String method, String path, String description) {
    /** Checks the components. */
    public Difference {
      requireNonNull(method, "method");
      requireNonNull(path, "path");
      requireNonNull(description, "description");
    }

    @Override
    public String toString() {
      return "#" + index + " " + method + " " + path + ": " + description;
    }
  }

  /**
   * What a check found.
   *
   * @param requests how many requests were re-sent, {@code initialize} included
   * @param differences the differences, in order; empty when the server answered as recorded
   */
  public record Report(int requests, List<Difference> differences) {
    /** Copies the list. */
    public Report {
      differences = List.copyOf(differences);
    }

    /**
     * Tells whether every answer was as recorded.
     *
     * @return {@code true} without differences
     */
    public boolean identical() {
      return differences.isEmpty();
    }
  }

  /**
   * Re-sends a tape's client side to a server over Streamable HTTP and compares the answers.
   *
   * @param tape a tape file
   * @param server the server's MCP endpoint
   * @param ignore paths into each result to leave out of the comparison, dot-separated, {@code *}
   *     for any member or element, e.g. {@code content.*.text}
   * @param timeout per request
   * @return what differs
   * @throws IllegalArgumentException if the file is not a tape, or holds no {@code initialize}
   * @throws dev.mcpkit.api.client.McpClientException if the server cannot be reached
   */
  public static Report run(Path tape, URI server, List<String> ignore, @Nullable Duration timeout) {
    requireNonNull(tape, "tape");
    requireNonNull(server, "server");
    requireNonNull(ignore, "ignore");
    return ClientResend.run(
        tape, server, ignore, timeout == null ? Duration.ofSeconds(30) : timeout);
  }
}
