package eu.muster.coordination.view;

import eu.muster.coordination.CoordinationPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * What the coordination and review processors need from muster's configuration.
 *
 * @param policy        the acknowledgement window and the SLA policy (whose closure-to-review window is the review window)
 * @param checkInterval how often the processor looks for incidents whose views time has moved on
 * @param partitions    partitions of the internal topics that group incidents by member state, provider and lesson group
 */
public record CoordinationSettings(CoordinationPolicy policy, Duration checkInterval, int partitions) {

    public CoordinationSettings {
        Objects.requireNonNull(policy, "policy");
        if (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("checkInterval must be positive, got " + checkInterval);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
    }
}
