package com.driftsentry.gate.scaleout;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How far a generator's clock is from the coordinator's, measured as NTP does over one exchange: the coordinator's
 * reading when it asked ({@code sent}), the generator's when it answered ({@code answered}), the coordinator's when it
 * read the answer ({@code read}). The offset is the generator's reading minus the midpoint of the two others; it is
 * known to within half the round trip ({@code uncertainty}), which polling a store makes tens of milliseconds.
 */
public record ClockOffset(Duration offset, Duration uncertainty) {
    public static ClockOffset of(Instant sent, Instant answered, Instant read) {
        long roundTrip = Math.max(0, Duration.between(sent, read).toMillis());
        Instant midpoint = sent.plusMillis(roundTrip / 2);
        return new ClockOffset(Duration.between(midpoint, answered), Duration.ofMillis((roundTrip + 1) / 2));
    }

    /** Whether the clock is within {@code bound} of the coordinator's, counting what the measurement cannot tell apart. */
    public boolean within(Duration bound) {
        return offset.abs().plus(uncertainty).compareTo(bound) <= 0;
    }

    public String describe() {
        long ms = offset.toMillis();
        return String.format(Locale.ROOT, "%s %d ms (±%d ms)", ms >= 0 ? "ahead" : "behind", Math.abs(ms), uncertainty.toMillis());
    }
}
