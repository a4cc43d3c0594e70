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
 * @param groupInterval how often the member-state, scorecard and lessons views of the groups changed since are written;
 *                      zero writes a group's view at every change to it
 */
public record CoordinationSettings(CoordinationPolicy policy, Duration checkInterval, int partitions, Duration groupInterval) {

    public CoordinationSettings {
        Objects.requireNonNull(policy, "policy");
        if (groupInterval == null || groupInterval.isNegative()) {
            throw new IllegalArgumentException("groupInterval must be zero or positive, got " + groupInterval);
        }
        if (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("checkInterval must be positive, got " + checkInterval);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
    }
}
