package eu.muster.record;

import java.time.Duration;
import java.util.Objects;

/**
 * What the log-of-record processor needs from the application's configuration.
 *
 * @param maxClockSkew how far a submission's occurredAt may lie ahead of the processor's clock
 * @param partitions   partitions of the internal topic that groups submissions by incident; equal to the log of record's
 */
public record LogOfRecordSettings(Duration maxClockSkew, int partitions) {

    public LogOfRecordSettings {
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("maxClockSkew must not be negative, got " + maxClockSkew);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
    }
}
