package dev.mcpkit.session.internal.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.TaskSupport;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.TaskRecord;
import dev.mcpkit.api.spi.TaskStatus;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.internal.protocol.InputRounds;
import dev.mcpkit.session.internal.protocol.ProtocolError;
import dev.mcpkit.session.internal.protocol.RequestMeta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Many threads drive random interleavings of the four things that race on a task: its handler
 * completing (or asking for input), {@code tasks/cancel}, expiry (the clock jumps) and {@code
 * tasks/get}/{@code tasks/update}. Checked on every observation:
 *
 * <ul>
 *   <li>a terminal status never changes (all threads agree), and in one thread's view a task never
 *       becomes live again after it ended;
 *   <li>in one thread's view, a task that disappeared (expired) never comes back;
 *   <li>{@code completed} carries a result, the others none; {@code input_required} has requests;
 *   <li>right after a {@code tasks/cancel} acknowledgement the task is terminal (or expired);
 *   <li>the store never holds more than its capacity;
 * </ul>
 *
 * and at the end every handler thread has returned and every task is terminal or gone.
 */
class TaskEngineStressTest {
  private static final int CALLERS = 4;
  private static final int MEDDLERS = 6;
  private static final int TASKS_PER_CALLER = 150;
  private static final int CAPACITY = 400;

  private final TestClock clock = new TestClock();
  private final InMemoryTaskStore store = new InMemoryTaskStore(CAPACITY, clock);
  private final TaskEngine engine = new TaskEngine(store, Duration.ofSeconds(2), clock);
  private final CopyOnWriteArrayList<String> ids = new CopyOnWriteArrayList<>();

  /** Terminal statuses never change, so every thread's observations of one must agree. */
  private final ConcurrentHashMap<String, TaskStatus> endedAs = new ConcurrentHashMap<>();

  private final CopyOnWriteArrayList<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicInteger refused = new AtomicInteger();

  private static RequestMeta meta() {
    ObjectNode capabilities = JsonRpcCodecs.nodes().objectNode();
    capabilities.putObject("elicitation");
    capabilities.putObject("extensions").putObject(TaskEngine.EXTENSION);
    return new RequestMeta("2026-07-28", capabilities, null, null, null);
  }

  /** Works a random short while; sometimes asks for input as a task first. */
  private static Tool tool() {
    return Tool.of(
            "work",
            "random work",
            JsonRpcCodecs.nodes().objectNode().put("type", "object"),
            (arguments, ctx) -> {
              long seed = arguments.path("seed").asLong();
              SplittableRandom random = new SplittableRandom(seed);
              if (random.nextInt(4) == 0) {
                ctx.continueAsTask();
                JsonNode answer =
                    ctx.input(
                        "q",
                        "elicitation/create",
                        JsonRpcCodecs.nodes().objectNode().put("message", "?"),
                        Duration.ofSeconds(30));
                return ToolResult.text("answered " + answer.path("content").path("v").asInt());
              }
              int spins = random.nextInt(2_000);
              for (int i = 0; i < spins; i++) {
                if (Thread.interrupted()) {
                  throw new InterruptedException();
                }
                Thread.onSpinWait();
              }
              if (random.nextInt(10) == 0) {
                Thread.sleep(random.nextInt(5));
              }
              return ToolResult.text("done " + seed);
            })
        .withTaskSupport(TaskSupport.OPTIONAL);
  }

  @Test
  void completeCancelExpireAndGetInterleaveSafely() throws Exception {
    long seed = System.nanoTime();
    Tool tool = tool();
    RequestMeta meta = meta();
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch callersDone = new CountDownLatch(CALLERS);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < CALLERS; c++) {
      long callerSeed = seed + c;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    SplittableRandom random = new SplittableRandom(callerSeed);
                    View view = new View();
                    try {
                      start.await();
                      for (int i = 0; i < TASKS_PER_CALLER; i++) {
                        ObjectNode arguments =
                            JsonRpcCodecs.nodes().objectNode().put("seed", random.nextLong());
                        try {
                          ObjectNode created =
                              engine.call(
                                  tool,
                                  arguments,
                                  RequestId.of(i),
                                  meta,
                                  new InputRounds(JsonRpcCodecs.nodes().objectNode(), meta),
                                  null,
                                  "test");
                          if (created == null) {
                            violations.add("a task call without MRTR input answered no task");
                            continue;
                          }
                          String id = created.path("taskId").asString();
                          // Durable create: readable at once (unless the clock already expired it).
                          observe(view, id, "after create");
                          ids.add(id);
                        } catch (ProtocolError e) {
                          refused.incrementAndGet(); // the store was full
                        }
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    } finally {
                      callersDone.countDown();
                    }
                  }));
    }
    for (int m = 0; m < MEDDLERS; m++) {
      long meddlerSeed = seed * 31 + m;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    SplittableRandom random = new SplittableRandom(meddlerSeed);
                    View view = new View();
                    try {
                      start.await();
                      while (callersDone.getCount() > 0) {
                        meddle(view, random);
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join(Duration.ofMinutes(2));
      assertThat(thread.isAlive()).as("a test thread hung").isFalse();
    }
    // Settle: cancel whatever still waits for input, then every handler must return.
    View main = new View();
    for (String id : ids) {
      cancel(main, id);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> engine.running() == 0);
    for (String id : ids) {
      observe(main, id, "at the end");
      store.get(id).ifPresent(r -> assertThat(r.status().isTerminal()).as(id).isTrue());
    }
    assertThat(violations).as("violations (seed %d)", seed).isEmpty();
    assertThat(ids.size() + refused.get()).isEqualTo(CALLERS * TASKS_PER_CALLER);
    assertThat(ids).as("most calls found room").hasSizeGreaterThan(CAPACITY / 2);
  }

  private void meddle(View view, SplittableRandom random) {
    if (ids.isEmpty()) {
      Thread.onSpinWait();
      return;
    }
    String id = ids.get(random.nextInt(ids.size()));
    switch (random.nextInt(10)) {
      case 0, 1, 2, 3 -> observe(view, id, "get");
      case 4, 5 -> cancel(view, id);
      case 6, 7 -> answer(view, id, random.nextInt(100));
      case 8 -> clock.advance(Duration.ofMillis(random.nextInt(100)));
      default -> {
        if (store.size() > CAPACITY) {
          violations.add("store holds " + store.size() + " > " + CAPACITY);
        }
      }
    }
  }

  private void cancel(View view, String id) {
    try {
      engine.serve("tasks/cancel", params(id), null);
    } catch (ProtocolError e) {
      view.gone.add(id);
      return;
    }
    Optional<TaskRecord> after = store.get(id);
    if (after.isPresent() && !after.get().status().isTerminal()) {
      violations.add(id + " is " + after.get().status() + " right after its cancel ack");
    }
    observe(view, id, "after cancel");
  }

  private void answer(View view, String id, int value) {
    ObjectNode params = params(id);
    ObjectNode answer = params.putObject("inputResponses").putObject("q");
    answer.put("action", "accept");
    answer.putObject("content").put("v", value);
    try {
      engine.serve("tasks/update", params, null);
    } catch (ProtocolError e) {
      view.gone.add(id);
    }
  }

  private void observe(View view, String id, String when) {
    JsonNode result;
    try {
      result = engine.serve("tasks/get", params(id), null);
    } catch (ProtocolError e) {
      view.gone.add(id);
      return;
    }
    if (view.gone.contains(id)) {
      violations.add(id + " came back " + when + " after it expired");
    }
    String status = result.path("status").asString();
    TaskStatus now =
        switch (status) {
          case "working" -> TaskStatus.WORKING;
          case "input_required" -> TaskStatus.INPUT_REQUIRED;
          case "completed" -> TaskStatus.COMPLETED;
          case "failed" -> TaskStatus.FAILED;
          case "cancelled" -> TaskStatus.CANCELLED;
          default -> {
            violations.add(id + " has unknown status " + status);
            yield TaskStatus.FAILED;
          }
        };
    if (now == TaskStatus.COMPLETED && !result.has("result")) {
      violations.add(id + " completed without a result");
    }
    if (now != TaskStatus.COMPLETED && result.has("result")) {
      violations.add(id + " is " + now + " with a result");
    }
    if (now == TaskStatus.INPUT_REQUIRED && result.path("inputRequests").isEmpty()) {
      violations.add(id + " needs input but shows no request");
    }
    if (now.isTerminal()) {
      view.ended.add(id);
      TaskStatus first = endedAs.putIfAbsent(id, now);
      if (first != null && first != now) {
        violations.add(id + " ended as " + first + " then showed " + now + " " + when);
      }
    } else if (view.ended.contains(id)) {
      violations.add(id + " ended as " + endedAs.get(id) + " then showed " + now + " " + when);
    }
  }

  /**
   * What one thread has seen. Its own observations are ordered, so "ended, then live" and "gone,
   * then present" are violations only within one view; across threads a read that started earlier
   * may finish later.
   */
  private static final class View {
    final java.util.Set<String> ended = new java.util.HashSet<>();
    final java.util.Set<String> gone = new java.util.HashSet<>();
  }

  private static ObjectNode params(String id) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("taskId", id);
    return params;
  }
}
