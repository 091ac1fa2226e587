package dev.mcpkit.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;

/**
 * The live-object histogram of this JVM ({@code jcmd GC.class_histogram}, which runs a full
 * collection first), read in-process through the {@code DiagnosticCommand} MBean, and the
 * difference of two such histograms: which objects a step left behind, per class. What {@code jmap
 * -histo:live} shows, without a second process or a pause to attach.
 *
 * @param classes instances and bytes per class name
 */
record HeapHistogram(Map<String, Entry> classes) {

  /**
   * One class's line.
   *
   * @param instances live instances
   * @param bytes their shallow size
   */
  record Entry(long instances, long bytes) {}

  /**
   * One class's growth between two histograms.
   *
   * @param className the class
   * @param instances instances added
   * @param bytes bytes added
   */
  record Growth(String className, long instances, long bytes) {}

  /** Takes the histogram now (a full collection included). */
  static HeapHistogram take() {
    String text;
    try {
      text =
          (String)
              ManagementFactory.getPlatformMBeanServer()
                  .invoke(
                      new ObjectName("com.sun.management:type=DiagnosticCommand"),
                      "gcClassHistogram",
                      new Object[] {new String[0]},
                      new String[] {String[].class.getName()});
    } catch (javax.management.JMException e) {
      throw new IllegalStateException("cannot take a class histogram", e);
    }
    Map<String, Entry> classes = new HashMap<>();
    for (String line : text.split("\n")) {
      // "   1:        100000        9600000  dev.mcpkit.Foo (module@version)"
      String[] parts = line.trim().split("\\s+");
      if (parts.length >= 4 && parts[0].endsWith(":")) {
        classes.merge(
            parts[3],
            new Entry(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
            (a, b) -> new Entry(a.instances() + b.instances(), a.bytes() + b.bytes()));
      }
    }
    return new HeapHistogram(classes);
  }

  /**
   * The classes that grew by at least {@code minBytes} since {@code before}, largest first.
   *
   * @param before the earlier histogram
   * @param minBytes the smallest growth listed
   * @return the growths
   */
  List<Growth> growthSince(HeapHistogram before, long minBytes) {
    List<Growth> out = new ArrayList<>();
    classes.forEach(
        (name, now) -> {
          Entry then = before.classes().getOrDefault(name, new Entry(0, 0));
          long bytes = now.bytes() - then.bytes();
          if (bytes >= minBytes) {
            out.add(new Growth(name, now.instances() - then.instances(), bytes));
          }
        });
    out.sort(Comparator.comparingLong(Growth::bytes).reversed());
    return out;
  }
}
