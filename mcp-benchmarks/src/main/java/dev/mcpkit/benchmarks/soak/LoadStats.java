package dev.mcpkit.benchmarks.soak;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the load did, per interval: counts by operation and outcome, and the latency of the JSON
 * tool calls (the established sessions' everyday work) in an HdrHistogram recorder.
 *
 * <p>Thread-safe: counters are {@link LongAdder}s and the recorder takes concurrent writers; one
 * thread takes intervals.
 */
final class LoadStats {
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(2);

  private final LongAdder[][] counts = new LongAdder[Op.values().length][Outcome.values().length];
  private final Recorder callMicros = new Recorder(MAX_MICROS, 3);

  LoadStats() {
    for (LongAdder[] byOutcome : counts) {
      for (int i = 0; i < byOutcome.length; i++) {
        byOutcome[i] = new LongAdder();
      }
    }
  }

  void count(Op op, Outcome outcome) {
    counts[op.ordinal()][outcome.ordinal()].increment();
  }

  void recordCall(long nanos) {
    callMicros.recordValue(Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
  }

  /** Counts and latencies since the last interval; resets both. */
  Interval interval() {
    long[][] snapshot = new long[counts.length][];
    for (int op = 0; op < counts.length; op++) {
      snapshot[op] = new long[counts[op].length];
      for (int outcome = 0; outcome < counts[op].length; outcome++) {
        snapshot[op][outcome] = counts[op][outcome].sumThenReset();
      }
    }
    return new Interval(snapshot, callMicros.getIntervalHistogram());
  }

  /**
   * One interval's figures.
   *
   * @param counts by {@link Op} ordinal, then {@link Outcome} ordinal
   * @param callMicros JSON tool call latencies in microseconds
   */
  record Interval(long[][] counts, Histogram callMicros) {
    long count(Op op, Outcome outcome) {
      return counts[op.ordinal()][outcome.ordinal()];
    }

    long total(Outcome outcome) {
      long sum = 0;
      for (Op op : Op.values()) {
        sum += count(op, outcome);
      }
      return sum;
    }

    /** Requests that got an answer the load did not expect and that is not 429 or 503. */
    long errors() {
      return total(Outcome.ERROR);
    }

    long ok(Op op) {
      return count(op, Outcome.OK);
    }

    /** A percentile of the JSON calls, in milliseconds (0 if none). */
    double callMillis(double percentile) {
      return callMicros.getTotalCount() == 0
          ? 0
          : callMicros.getValueAtPercentile(percentile) / 1000.0;
    }
  }
}
