package dev.mcpkit.session.internal.protocol.stateless;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.session.internal.protocol.Subscriptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Publishers and listen streams that come and go at random, concurrently: every stream open for the
 * whole publication receives every notification it opted in to, exactly once, tagged with its own
 * id, after its acknowledgement; no stream receives a type it did not ask for.
 */
class ListenStreamsStressTest {

  /** A sink that records what it is sent and closes on demand. */
  private static final class RecordingSink implements MessageSink {
    final ConcurrentLinkedQueue<JsonRpcMessage> sent = new ConcurrentLinkedQueue<>();
    final AtomicBoolean open = new AtomicBoolean(true);
    final CountDownLatch acknowledged = new CountDownLatch(1);

    @Override
    public void send(JsonRpcMessage message) {
      sent.add(message);
      acknowledged.countDown();
    }

    @Override
    public boolean isOpen() {
      return open.get();
    }
  }

  @Test
  void everyOpenStreamGetsEveryOptedInNotificationOnceAndNothingElse() throws Exception {
    SessionManager sessions = SessionManagers.builder().build();
    ListenStreams streams = new ListenStreams(new Subscriptions(sessions), Duration.ofMillis(5));
    int steady = 8;
    int publishers = 4;
    int perPublisher = 50; // 4 x 50 = 200 < the queue capacity: nothing may be dropped
    List<RecordingSink> sinks = new ArrayList<>();
    List<Thread> listeners = new ArrayList<>();
    for (int i = 0; i < steady; i++) {
      RecordingSink sink = new RecordingSink();
      sinks.add(sink);
      boolean prompts = i % 2 == 0;
      RequestId id = RequestId.of("steady-" + i);
      listeners.add(
          Thread.ofVirtual()
              .start(
                  () ->
                      streams.serve(
                          new JsonRpcRequest(id, "subscriptions/listen", null),
                          new ListenStreams.Filter(false, prompts, !prompts, Set.of()),
                          sink)));
    }
    for (RecordingSink sink : sinks) {
      assertThat(sink.acknowledged.await(10, TimeUnit.SECONDS)).isTrue();
    }
    AtomicBoolean churning = new AtomicBoolean(true);
    List<Thread> churn = new ArrayList<>();
    ConcurrentLinkedQueue<String> churnViolations = new ConcurrentLinkedQueue<>();
    for (int c = 0; c < 4; c++) {
      int churner = c;
      churn.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int round = 0;
                    while (churning.get()) {
                      RecordingSink sink = new RecordingSink();
                      String tag = "churn-" + churner + "-" + round++;
                      RequestId id = RequestId.of(tag);
                      Thread t =
                          Thread.ofVirtual()
                              .start(
                                  () ->
                                      streams.serve(
                                          new JsonRpcRequest(id, "subscriptions/listen", null),
                                          new ListenStreams.Filter(false, true, false, Set.of()),
                                          sink));
                      try {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                        sink.open.set(false);
                        t.join();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                      List<JsonRpcMessage> got = new ArrayList<>(sink.sent);
                      if (!got.isEmpty()
                          && !((JsonRpcNotification) got.getFirst())
                              .method()
                              .equals("notifications/subscriptions/acknowledged")) {
                        churnViolations.add(id + " did not start with the acknowledgement");
                      }
                      for (JsonRpcMessage m : got) {
                        JsonRpcNotification n = (JsonRpcNotification) m;
                        if (n.method().equals("notifications/resources/list_changed")) {
                          churnViolations.add(id + " got a type it did not ask for");
                        }
                        if (!n.params()
                            .at("/_meta/io.modelcontextprotocol~1subscriptionId")
                            .asString()
                            .equals(tag)) {
                          churnViolations.add(id + " got a notification tagged for another stream");
                        }
                      }
                    }
                  }));
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> pubs = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      int publisher = p;
      pubs.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                    for (int k = 0; k < perPublisher; k++) {
                      if ((publisher + k) % 2 == 0) {
                        streams.promptListChanged();
                      } else {
                        streams.resourceListChanged();
                      }
                    }
                  }));
    }
    start.countDown();
    for (Thread t : pubs) {
      t.join();
    }
    churning.set(false);
    for (Thread t : churn) {
      t.join();
    }
    int promptsPublished = 0;
    for (int p = 0; p < publishers; p++) {
      for (int k = 0; k < perPublisher; k++) {
        promptsPublished += (p + k) % 2 == 0 ? 1 : 0;
      }
    }
    int resourcesPublished = publishers * perPublisher - promptsPublished;
    for (int i = 0; i < steady; i++) {
      RecordingSink sink = sinks.get(i);
      boolean prompts = i % 2 == 0;
      int expected =
          1 + (prompts ? promptsPublished : resourcesPublished); // the acknowledgement first
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sink.sent.size() < expected && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      sink.open.set(false);
      listeners.get(i).join();
      List<JsonRpcMessage> got = new ArrayList<>(sink.sent);
      assertThat(got).hasSize(expected);
      assertThat(((JsonRpcNotification) got.getFirst()).method())
          .isEqualTo("notifications/subscriptions/acknowledged");
      String wanted =
          prompts ? "notifications/prompts/list_changed" : "notifications/resources/list_changed";
      for (JsonRpcMessage m : got.subList(1, got.size())) {
        JsonRpcNotification n = (JsonRpcNotification) m;
        assertThat(n.method()).isEqualTo(wanted);
        assertThat(n.params().at("/_meta/io.modelcontextprotocol~1subscriptionId").asString())
            .isEqualTo("steady-" + i);
      }
    }
    assertThat(churnViolations).isEmpty();
    assertThat(streams.size()).isZero();
    sessions.close();
  }
}
