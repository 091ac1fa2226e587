package dev.mcpkit.metrics.internal;

import dev.mcpkit.api.spi.McpClientObserver.MetaWriter;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/** Writes a propagator's members into a request's {@code params._meta}. Stateless. */
enum MetaWriterSetter implements TextMapSetter<MetaWriter> {
  INSTANCE;

  @Override
  public void set(@Nullable MetaWriter carrier, String key, String value) {
    if (carrier != null) {
      carrier.put(key, value);
    }
  }
}
