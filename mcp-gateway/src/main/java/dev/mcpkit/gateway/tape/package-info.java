/**
 * Tapes: recordings of the gateway's client sessions, one JSON Lines file per session, and what can
 * be done with them (served again as a mock upstream through {@link
 * dev.mcpkit.gateway.UpstreamConfig#tape}, or re-sent to a live server by {@link
 * dev.mcpkit.gateway.tape.TapeCheck}).
 *
 * <p>The format, {@code mcpkit-tape/1}: the first line is the header {@code
 * {"tape":"mcpkit-tape/1","session":"<12 hex of the SHA-256 of the session id>","started":"<ISO
 * instant>"}}; every other line is one message, {@code {"t":"<ISO instant>","dir":"<direction>",
 * "upstream":"<name>","call":"<id>","headers":{...},"message":{<the JSON-RPC message>}}}, where
 * {@code dir} is {@code client-to-gateway}, {@code gateway-to-client}, {@code gateway-to-upstream}
 * or {@code upstream-to-gateway}, {@code upstream} is there on the upstream side only, {@code call}
 * names the upstream call a message belongs to (upstream-side ids are the tape's own, {@code u1},
 * {@code u2}..., since the upstream client's wire ids are not visible to the gateway), and {@code
 * headers} (the first message of a client POST only) holds a few HTTP headers, secrets replaced by
 * {@code "[REDACTED]"}. A client's {@code DELETE} is the line {@code {"t":...,"dir":
 * "client-to-gateway","delete":true}}. The last line, {@code {"t":...,"end":"<why>","dropped":N}},
 * says why the tape ended: {@code closed} (the session ended), {@code maxBytesPerTape}, {@code
 * maxDurationPerTape}, {@code maxTotalBytes} or {@code stopped} (the gateway stopped), and how many
 * messages were dropped because the writer's queue was full.
 */
@NullMarked
package dev.mcpkit.gateway.tape;

import org.jspecify.annotations.NullMarked;
