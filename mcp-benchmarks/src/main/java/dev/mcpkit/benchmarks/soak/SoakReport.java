package dev.mcpkit.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The soak's verdicts and its two files: {@code soak.csv} (one row per minute) and {@code soak.md}
 * (the same table and a verdict line per criterion).
 *
 * <p>Criteria, over the per-minute samples after a warm-up (the first tenth of the run, at least
 * one minute when there are three or more): the median heap after GC of the last third is at most
 * the tolerance above that of the first third; live sessions after the cool-down equal the
 * baseline; threads and file descriptors of the last third are at most a small margin above the
 * first third, and after the cool-down within that margin of the first third (threads: Jetty's pool
 * shrinks one thread per idle period) or of the baseline (descriptors: connections are closed); no
 * request of the load failed (429 and 503 are reported as findings, not failures).
 *
 * <p>Not thread-safe: built once by the driver's thread.
 */
final class SoakReport {
  static final long THREAD_MARGIN = 8;
  static final long FD_MARGIN = 16;

  private final List<SoakRow> rows;
  private final SoakOptions options;
  private final List<String> verdicts = new ArrayList<>();
  private boolean passed = true;

  SoakReport(List<SoakRow> rows, SoakOptions options) {
    this.rows = List.copyOf(rows);
    this.options = options;
    judge();
  }

  boolean passed() {
    return passed;
  }

  List<String> verdicts() {
    return verdicts;
  }

  private void judge() {
    SoakRow baseline = rows.getFirst();
    SoakRow after = rows.getLast();
    List<SoakRow> minutes = rows.subList(1, rows.size() - 1);
    int warmup = minutes.size() >= 3 ? Math.max(1, minutes.size() / 10) : 0;
    List<SoakRow> measured = minutes.subList(warmup, minutes.size());
    int third = Math.max(1, measured.size() / 3);
    List<SoakRow> first = measured.subList(0, third);
    List<SoakRow> last = measured.subList(measured.size() - third, measured.size());

    double heapFirst = median(first, row -> row.server().heapUsedAfterGcBytes());
    double heapLast = median(last, row -> row.server().heapUsedAfterGcBytes());
    double growth = heapFirst <= 0 ? Double.NaN : (heapLast - heapFirst) * 100 / heapFirst;
    verdict(
        growth <= options.heapTolerancePercent(),
        String.format(
            Locale.ROOT,
            "heap after full GC flat: median of the last third %.1f MiB vs first third %.1f MiB"
                + " (%+.1f%%, limit +%d%%; %d warm-up minute(s) skipped, thirds of %d sample(s))",
            heapLast / 1048576,
            heapFirst / 1048576,
            growth,
            options.heapTolerancePercent(),
            warmup,
            third));

    verdict(
        after.server().sessions() == baseline.server().sessions(),
        "live sessions back to the baseline after the idle timeout: "
            + after.server().sessions()
            + " vs baseline "
            + baseline.server().sessions()
            + " (peak during the load "
            + max(minutes, row -> row.server().sessions())
            + ")");

    long threadsFirst = max(first, row -> row.server().threads());
    long threadsLast = max(last, row -> row.server().threads());
    verdict(
        threadsLast <= threadsFirst + THREAD_MARGIN
            && after.server().threads() <= threadsFirst + THREAD_MARGIN,
        "threads do not grow: max of the last third "
            + threadsLast
            + ", after the cool-down "
            + after.server().threads()
            + ", vs max of the first third "
            + threadsFirst
            + " (margin "
            + THREAD_MARGIN
            + "; baseline "
            + baseline.server().threads()
            + ")");

    double fdsFirst = median(first, row -> row.server().fds());
    double fdsLast = median(last, row -> row.server().fds());
    verdict(
        fdsLast <= fdsFirst + FD_MARGIN
            && after.server().fds() <= baseline.server().fds() + FD_MARGIN,
        String.format(
            Locale.ROOT,
            "file descriptors do not grow: median of the last third %.0f vs first third %.0f;"
                + " after the cool-down %d vs baseline %d (margin %d)",
            fdsLast,
            fdsFirst,
            after.server().fds(),
            baseline.server().fds(),
            FD_MARGIN));

    long errors = 0;
    long limited = 0;
    long unavailable = 0;
    for (SoakRow row : minutes) {
      LoadStats.Interval load = row.load();
      if (load != null) {
        errors += load.errors();
        limited += load.total(Outcome.RATE_LIMITED);
        unavailable += load.total(Outcome.UNAVAILABLE);
      }
    }
    verdict(errors == 0, "load errors (not 429/503): " + errors);
    verdicts.add(
        "finding: 429 answers " + limited + ", 503 answers " + unavailable + " (not failures)");
  }

  private void verdict(boolean ok, String text) {
    passed &= ok;
    verdicts.add((ok ? "PASS " : "FAIL ") + text);
  }

  private static double median(List<SoakRow> rows, ToLongFunction<SoakRow> value) {
    long[] values = rows.stream().mapToLong(value).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
  }

  private static long max(List<SoakRow> rows, ToLongFunction<SoakRow> value) {
    return rows.stream().mapToLong(value).max().orElse(-1);
  }

  private static final String[] COLUMNS = {
    "minute",
    "calls_per_s",
    "call_p50_ms",
    "call_p99_ms",
    "sse_calls",
    "resumed",
    "get_dropped",
    "sessions_opened",
    "deleted",
    "abandoned",
    "handshakes_abandoned",
    "errors",
    "http_429",
    "http_503",
    "heap_after_gc_mib",
    "threads",
    "fds",
    "sessions_initializing",
    "sessions_active",
    "sessions_draining"
  };

  private static List<String> cells(SoakRow row) {
    List<String> cells = new ArrayList<>();
    cells.add(row.label());
    LoadStats.Interval load = row.load();
    if (load == null) {
      for (int i = 1; i < 14; i++) {
        cells.add("");
      }
    } else {
      cells.add(Long.toString(Math.round((load.ok(Op.CALL) + load.ok(Op.SSE_CALL)) / 60.0)));
      cells.add(String.format(Locale.ROOT, "%.2f", load.callMillis(50)));
      cells.add(String.format(Locale.ROOT, "%.2f", load.callMillis(99)));
      cells.add(Long.toString(load.ok(Op.SSE_CALL)));
      cells.add(Long.toString(load.ok(Op.RESUMED)));
      cells.add(Long.toString(load.ok(Op.GET_DROPPED)));
      cells.add(Long.toString(load.ok(Op.INITIALIZE) + load.ok(Op.HANDSHAKE_ABANDONED)));
      cells.add(Long.toString(load.ok(Op.DELETE)));
      cells.add(Long.toString(load.ok(Op.ABANDONED)));
      cells.add(Long.toString(load.ok(Op.HANDSHAKE_ABANDONED)));
      cells.add(Long.toString(load.errors()));
      cells.add(Long.toString(load.total(Outcome.RATE_LIMITED)));
      cells.add(Long.toString(load.total(Outcome.UNAVAILABLE)));
    }
    ServerSample server = row.server();
    cells.add(server.heapMib());
    cells.add(Long.toString(server.threads()));
    cells.add(Long.toString(server.fds()));
    cells.add(Long.toString(server.initializing()));
    cells.add(Long.toString(server.active()));
    cells.add(Long.toString(server.draining()));
    return cells;
  }

  /** Writes {@code soak.csv} and {@code soak.md} into the directory. */
  void write(Path out, String header) throws IOException {
    StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    StringBuilder md = new StringBuilder(header).append("\n\n");
    md.append("| ").append(String.join(" | ", COLUMNS)).append(" |\n|");
    md.append("---|".repeat(COLUMNS.length)).append('\n');
    for (SoakRow row : rows) {
      List<String> cells = cells(row);
      csv.append(String.join(",", cells)).append('\n');
      md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    md.append('\n');
    for (String verdict : verdicts) {
      md.append("- ").append(verdict).append('\n');
    }
    md.append("\nVerdict: ").append(passed ? "PASS" : "FAIL").append('\n');
    Files.writeString(out.resolve("soak.csv"), csv);
    Files.writeString(out.resolve("soak.md"), md);
  }
}
