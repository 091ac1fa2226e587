/**
 * How tapes are recorded (a transport engine decorator for the client side, an upstream decorator
 * for the upstream side, one writer thread behind a bounded queue), redacted, read back and
 * replayed.
 */
@NullMarked
package dev.mcpkit.gateway.internal.tape;

import org.jspecify.annotations.NullMarked;
