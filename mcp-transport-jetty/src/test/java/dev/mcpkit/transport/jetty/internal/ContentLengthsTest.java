package dev.mcpkit.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

/** The shared Content-Length fields: right, shared below the bound, made afresh above it. */
class ContentLengthsTest {
  @Test
  void eachLengthHasItsFieldSharedBelowTheBound() {
    for (int length : new int[] {0, 1, 99, 170, ContentLengths.CACHED - 1}) {
      HttpField field = ContentLengths.of(length);
      assertThat(field.getHeader()).isEqualTo(HttpHeader.CONTENT_LENGTH);
      assertThat(field.getLongValue()).isEqualTo(length);
      assertThat(field.getValue()).isEqualTo(Integer.toString(length));
      assertThat(ContentLengths.of(length)).isSameAs(field);
    }
  }

  @Test
  void longerBodiesGetAFieldOfTheirOwn() {
    HttpField field = ContentLengths.of(ContentLengths.CACHED);
    assertThat(field.getLongValue()).isEqualTo(ContentLengths.CACHED);
    assertThat(ContentLengths.of(ContentLengths.CACHED)).isNotSameAs(field);
    assertThat(ContentLengths.of(1_000_000).getValue()).isEqualTo("1000000");
  }

  @Test
  void threadsRacingForTheSameLengthsAllGetTheRightField() throws Exception {
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> wrong = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        wrong.add(
            pool.submit(
                () -> {
                  start.await();
                  int bad = 0;
                  for (int round = 0; round < 50; round++) {
                    for (int length = 0; length < ContentLengths.CACHED; length++) {
                      HttpField field = ContentLengths.of(length);
                      if (field.getLongValue() != length
                          || !field.getValue().equals(Integer.toString(length))) {
                        bad++;
                      }
                    }
                  }
                  return bad;
                }));
      }
      start.countDown();
      for (Future<Integer> result : wrong) {
        assertThat(result.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
