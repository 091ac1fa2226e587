package dev.mcpkit.benchmarks.soak;

/**
 * One row of the soak's table: the load of one minute (none for the baseline and the sample after
 * the cool-down) and the server's sample at its end.
 *
 * @param label {@code baseline}, the minute number, or {@code after}
 * @param load the minute's load figures, or null outside the load
 * @param server the server's sample
 */
record SoakRow(
    String label,
    LoadStats.@org.jspecify.annotations.Nullable Interval load,
    ServerSample server) {}
