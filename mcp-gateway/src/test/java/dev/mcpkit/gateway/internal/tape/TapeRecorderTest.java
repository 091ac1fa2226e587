package dev.mcpkit.gateway.internal.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.gateway.tape.TapeSettings;
import dev.mcpkit.gateway.tape.TapeStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The writer's bounds, the queue that drops instead of blocking, and the file's shape. */
class TapeRecorderTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SESSION = "session-id-that-must-never-be-written";

  @TempDir Path directory;

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-02T06:00:00Z"));
  private final InstantSource clock = () -> now.get();

  private static JsonRpcRequest call(int i) {
    return new JsonRpcRequest(
        RequestId.of(i),
        "tools/call",
        JSON.readTree("{\"name\":\"echo\",\"arguments\":{\"i\":" + i + "}}"));
  }

  private void record(TapeRecorder recorder, TapeHandle tape, int i) {
    recorder.record(tape, clock.instant(), Direction.CLIENT_TO_GATEWAY, null, null, call(i), null);
  }

  private List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private List<Path> tapes() throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }

  @Test
  void aSessionsTapeHasAHeaderItsMessagesAndAnEndNamingNoSessionId() throws Exception {
    TapeRecorder recorder = new TapeRecorder(TapeSettings.of(directory), clock, true);
    TapeHandle tape = recorder.start(SESSION);
    record(recorder, tape, 1);
    recorder.record(
        tape,
        clock.instant(),
        Direction.UPSTREAM_TO_GATEWAY,
        "docs",
        "u1",
        new JsonRpcNotification("notifications/message", JSON.readTree("{\"level\":\"info\"}")),
        null);
    recorder.sessionClosed(SESSION);
    recorder.close();

    assertThat(tapes()).containsExactly(tape.file());
    assertThat(tape.file().getFileName().toString())
        .isEqualTo("20261202T060000Z-" + TapeHandle.hash(SESSION) + ".jsonl");
    String text = Files.readString(tape.file());
    assertThat(text).doesNotContain(SESSION);
    List<JsonNode> lines = lines(tape.file());
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).path("tape").asString()).isEqualTo("mcpkit-tape/1");
    assertThat(lines.get(1).path("dir").asString()).isEqualTo("client-to-gateway");
    assertThat(lines.get(1).at("/message/params/arguments/i").asInt()).isEqualTo(1);
    assertThat(lines.get(1).path("t").asString()).isEqualTo("2026-12-02T06:00:00Z");
    assertThat(lines.get(2).path("upstream").asString()).isEqualTo("docs");
    assertThat(lines.get(2).path("call").asString()).isEqualTo("u1");
    assertThat(lines.get(3).path("end").asString()).isEqualTo("closed");
    assertThat(lines.get(3).path("dropped").asLong()).isZero();
    assertThat(recorder.stats()).isEqualTo(new TapeStats(1, 2, Files.size(tape.file()), 0, 0));
  }

  @Test
  void aTapeEndsAtItsSizeBoundAndLaterMessagesAreCountedNotWritten() throws Exception {
    TapeRecorder recorder =
        new TapeRecorder(TapeSettings.of(directory).withMaxBytes(600, 1 << 20), clock, true);
    TapeHandle tape = recorder.start(SESSION);
    for (int i = 0; i < 20; i++) {
      record(recorder, tape, i);
    }
    recorder.close();

    List<JsonNode> lines = lines(tape.file());
    JsonNode end = lines.get(lines.size() - 1);
    assertThat(end.path("end").asString()).isEqualTo("maxBytesPerTape");
    int written = lines.size() - 2;
    assertThat(written).isBetween(1, 19);
    assertThat(recorder.stats().truncated()).isEqualTo(20 - written);
    // The bound holds for messages; the end line may pass it by its own few bytes.
    assertThat(Files.size(tape.file()) - Files.readAllLines(tape.file()).getLast().length() - 1)
        .isLessThanOrEqualTo(600);
  }

  @Test
  void aTapeEndsAtItsTimeBound() throws Exception {
    TapeRecorder recorder =
        new TapeRecorder(
            TapeSettings.of(directory).withMaxDuration(Duration.ofMinutes(5)), clock, true);
    TapeHandle tape = recorder.start(SESSION);
    record(recorder, tape, 1);
    now.set(now.get().plus(Duration.ofMinutes(6)));
    record(recorder, tape, 2);
    record(recorder, tape, 3);
    recorder.close();

    List<JsonNode> lines = lines(tape.file());
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2).path("end").asString()).isEqualTo("maxDurationPerTape");
    assertThat(recorder.stats().truncated()).isEqualTo(2);
  }

  @Test
  void recordingStopsAtTheTotalBoundAcrossTapes() throws Exception {
    TapeRecorder recorder =
        new TapeRecorder(TapeSettings.of(directory).withMaxBytes(1 << 20, 900), clock, true);
    TapeHandle first = recorder.start("first");
    for (int i = 0; i < 20; i++) {
      record(recorder, first, i);
    }
    recorder.sessionClosed("first");
    TapeHandle second = recorder.start("second");
    record(recorder, second, 99);
    recorder.close();

    List<JsonNode> lines = lines(first.file());
    assertThat(lines.get(lines.size() - 1).path("end").asString()).isEqualTo("maxTotalBytes");
    assertThat(Files.exists(second.file())).as("no new tape once the total is reached").isFalse();
    assertThat(recorder.stats().truncated()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aFullQueueDropsAndCountsWithoutEverBlocking() throws Exception {
    // The writer is not started: nothing leaves the queue of 3.
    TapeRecorder recorder =
        new TapeRecorder(TapeSettings.of(directory).withQueueCapacity(3), clock, false);
    TapeHandle tape = recorder.start(SESSION);

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          for (int i = 0; i < 1000; i++) {
            record(recorder, tape, i);
          }
        });

    assertThat(recorder.stats().dropped()).isEqualTo(997);
    recorder.startWriter();
    recorder.sessionClosed(SESSION);
    recorder.close();
    List<JsonNode> lines = lines(tape.file());
    assertThat(lines).hasSize(5);
    assertThat(lines.get(1).at("/message/params/arguments/i").asInt()).isZero();
    assertThat(lines.get(3).at("/message/params/arguments/i").asInt()).isEqualTo(2);
    assertThat(lines.get(4).path("end").asString()).isEqualTo("closed");
    assertThat(lines.get(4).path("dropped").asLong()).isEqualTo(997);
  }

  @Test
  void anEndWaitsForItsTapesQueuedLinesAndAStragglerAfterItIsDropped() throws Exception {
    TapeRecorder recorder = new TapeRecorder(TapeSettings.of(directory), clock, false);
    TapeHandle tape = recorder.start(SESSION);
    record(recorder, tape, 1);
    record(recorder, tape, 2);
    recorder.sessionClosed(SESSION);
    recorder.startWriter();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(tape.file()) && Files.readString(tape.file()).contains("closed"));
    record(recorder, tape, 3);
    recorder.close();

    List<JsonNode> lines = lines(tape.file());
    assertThat(lines)
        .extracting(l -> l.at("/message/params/arguments/i").asInt(-1) + l.path("end").asString(""))
        .containsExactly("-1", "1", "2", "-1closed");
    assertThat(recorder.stats().truncated()).isEqualTo(1);
  }

  @Test
  void closingTheRecorderEndsLiveTapesAsStopped() throws Exception {
    TapeRecorder recorder = new TapeRecorder(TapeSettings.of(directory), clock, true);
    TapeHandle tape = recorder.start(SESSION);
    record(recorder, tape, 1);
    recorder.close();
    recorder.close();

    List<JsonNode> lines = lines(tape.file());
    assertThat(lines.get(lines.size() - 1).path("end").asString()).isEqualTo("stopped");
    assertThat(recorder.live(SESSION)).isNull();
  }
}
