package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.gateway.tape.TapeCheck;
import dev.mcpkit.gateway.tape.TapeSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tapes end to end (issue 17): the official TypeScript SDK client ({@code
 * interop/ts-gateway-client.mjs}) holds a conversation with the everything server through a
 * recording gateway (lists, progress, a sampling and an elicitation round trip, a plain call,
 * DELETE); the tape is then replayed as the upstream of a new gateway, with the everything server
 * stopped, and the same client conversation gets identical results. The tape's client side re-sent
 * to a live everything server and to the replay shows no difference; a doctored tape shows the one
 * it was given. Needs {@code (cd interop && npm ci)}; fails, never skips, without it.
 */
class GatewayTapeTypeScriptClientTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String[] CONVERSATION =
      EverythingConversation.options("recorded through the gateway");

  @TempDir Path tapes;

  private static ObjectNode drive(URI endpoint) throws Exception {
    return (ObjectNode) InteropKit.runTsClient("ts-gateway-client.mjs", endpoint, CONVERSATION);
  }

  private static List<JsonNode> lines(Path tape) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(tape)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static Path onlyTape(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> found = files.filter(f -> f.toString().endsWith(".jsonl")).toList();
      assertThat(found).as("one tape per client session").hasSize(1);
      return found.get(0);
    }
  }

  @Test
  void aRecordedConversationReplaysWithIdenticalResultsAndChecksCleanAgainstTheServer()
      throws Exception {
    ObjectNode recorded;
    Path tape;
    try (EverythingServer upstream = EverythingServer.start("127.0.0.1", 0, event -> {});
        Gateway gateway =
            Gateway.start(
                McpGateway.builder()
                    .upstream(UpstreamConfig.http("everything", upstream.endpoint()))
                    .tapes(TapeSettings.of(tapes))
                    .build(),
                "127.0.0.1",
                0)) {
      recorded = drive(gateway.endpoint());
      // The DELETE closed the session: its tape ends with "closed".
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                List<JsonNode> lines = lines(onlyTape(tapes));
                assertThat(lines.get(lines.size() - 1).path("end").asString()).isEqualTo("closed");
              });
      tape = onlyTape(tapes);
      assertThat(gateway.gateway().tapeStats().orElseThrow().dropped()).isZero();

      // The conversation really happened: progress, sampling and elicitation went both ways.
      assertThat(recorded.path("progress").size()).isGreaterThanOrEqualTo(3);
      assertThat(recorded.at("/samplingResult/content/0/text").asString())
          .isEqualTo("LLM response: canned answer from the TS client");
      assertThat(recorded.at("/elicitationResult/content/0/text").asString())
          .contains("ts@example.com");

      // Every direction is on the tape, the upstream side named, the header first.
      List<JsonNode> lines = lines(tape);
      assertThat(lines.get(0).path("tape").asString()).isEqualTo("mcpkit-tape/1");
      Set<String> directions = new java.util.HashSet<>();
      lines.forEach(l -> directions.add(l.path("dir").asString("")));
      assertThat(directions)
          .contains(
              "client-to-gateway",
              "gateway-to-client",
              "gateway-to-upstream",
              "upstream-to-gateway");
      assertThat(lines)
          .filteredOn(l -> l.path("dir").asString("").startsWith("upstream"))
          .allMatch(l -> l.path("upstream").asString("").equals("everything"));
      assertThat(lines)
          .anyMatch(
              l ->
                  l.path("dir").asString("").equals("upstream-to-gateway")
                      && l.at("/message/method").asString("").equals("sampling/createMessage"));
      assertThat(lines).anyMatch(l -> l.path("delete").asBoolean(false));

      // The client side, re-sent to the live server, is answered as recorded.
      TapeCheck.Report live = TapeCheck.run(tape, upstream.endpoint(), List.of(), null);
      assertThat(live.differences()).isEmpty();
      assertThat(live.requests()).isGreaterThanOrEqualTo(8);
    }

    // The everything server is gone: the tape alone answers.
    try (Gateway replay =
        Gateway.start(
            McpGateway.builder().upstream(UpstreamConfig.tape("everything", tape)).build(),
            "127.0.0.1",
            0)) {
      ObjectNode replayed = drive(replay.endpoint());
      recorded.remove("sessionId");
      replayed.remove("sessionId");
      assertThat(replayed).isEqualTo(recorded);

      assertThat(TapeCheck.run(tape, replay.endpoint(), List.of(), null).differences()).isEmpty();

      // A tape whose recorded answer differs is reported, at the path that differs.
      Path doctored = tapes.resolve("doctored.tape");
      Files.writeString(
          doctored,
          Files.readString(tape)
              .replace("This is a simple text response for testing.", "Something else entirely."));
      TapeCheck.Report report = TapeCheck.run(doctored, replay.endpoint(), List.of(), null);
      assertThat(report.differences())
          .extracting(TapeCheck.Difference::method, TapeCheck.Difference::path)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("tools/call", "/content/0/text"));
      assertThat(
              TapeCheck.run(doctored, replay.endpoint(), List.of("content.*.text"), null)
                  .identical())
          .as("an ignored path is not compared")
          .isTrue();
    }
  }
}
