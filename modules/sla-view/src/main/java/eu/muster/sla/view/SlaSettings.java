package eu.muster.sla.view;

import eu.muster.sla.SlaPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * What the SLA processor needs from muster's configuration.
 *
 * @param policy        the default windows and the at-risk share
 * @param checkInterval how often the processor looks for clocks that time has moved on (wall-clock
 *                      punctuation): an upper bound on how late after its deadline a breach appears
 */
public record SlaSettings(SlaPolicy policy, Duration checkInterval) {

    public SlaSettings {
        Objects.requireNonNull(policy, "policy");
        if (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("checkInterval must be positive, got " + checkInterval);
        }
    }
}
