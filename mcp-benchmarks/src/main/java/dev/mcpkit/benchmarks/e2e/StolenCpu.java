package dev.mcpkit.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The machine's CPU ticks, all CPUs together, and those the hypervisor stole (the eighth value of
 * the {@code cpu} line of {@code /proc/stat}): the time a virtual machine's CPUs were ready to run
 * but given to another guest. A run with a few percent of steal slows every server alike but not
 * evenly in time, so its slices differ more than the changes being measured; the report states it
 * beside the load average ({@code scripts/wrk.sh} does the same per slice). Immutable.
 *
 * @param total every tick of every CPU since boot
 * @param stolen the ticks stolen since boot
 */
record StolenCpu(long total, long stolen) {
  private static final Path PROC_STAT = Path.of("/proc/stat");

  /** Now, or {@code null} where {@code /proc/stat} cannot be read (not Linux). */
  static @Nullable StolenCpu now() {
    try {
      for (String line : Files.readAllLines(PROC_STAT)) {
        if (line.startsWith("cpu ")) {
          return parse(line);
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Reads the aggregate {@code cpu} line: user nice system idle iowait irq softirq steal, then
   * guest times, which Linux already counts in user and nice and so are left out of the total.
   */
  static StolenCpu parse(String cpuLine) {
    String[] fields = cpuLine.trim().split("\\s+");
    if (!fields[0].equals("cpu") || fields.length < 9) {
      throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
    }
    long total = 0;
    for (int i = 1; i <= 8; i++) {
      total += Long.parseLong(fields[i]);
    }
    return new StolenCpu(total, Long.parseLong(fields[8]));
  }

  /** The percentage of the ticks since {@code earlier} that were stolen; 0 if none passed. */
  double percentSince(StolenCpu earlier) {
    long ticks = total - earlier.total;
    return ticks <= 0 ? 0 : 100.0 * (stolen - earlier.stolen) / ticks;
  }
}
