package eu.muster.sla;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The windows used where the provider's contract terms ({@code MsspMatched.slaTerms}) say nothing,
 * and the share of a window after which a clock is at risk.
 *
 * @param defaultWindows a window for every clock kind
 * @param atRiskShare    share of the window used after which a running clock is AT_RISK, above 0 and below 1
 */
public record SlaPolicy(Map<ClockKind, Duration> defaultWindows, double atRiskShare) {

    public SlaPolicy {
        Objects.requireNonNull(defaultWindows, "defaultWindows");
        for (ClockKind kind : ClockKind.values()) {
            Duration window = defaultWindows.get(kind);
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("the default window of " + kind + " must be positive, got " + window);
            }
        }
        if (!(atRiskShare > 0 && atRiskShare < 1)) {
            throw new IllegalArgumentException("atRiskShare must lie strictly between 0 and 1, got " + atRiskShare);
        }
        defaultWindows = Map.copyOf(defaultWindows);
    }

    /**
     * The documented defaults (docs/sla.md): a match within 4 hours and remote support within 2 hours
     * ("within hours, not days"), on site within 24 hours, the phase budgets of the Reserve's
     * day 1-2 / 3-7 / 7-30 timeline, a review within 30 days of closure, a situation report every
     * 24 hours; at risk after 80% of a window.
     */
    public static SlaPolicy defaults() {
        Map<ClockKind, Duration> windows = new EnumMap<>(ClockKind.class);
        windows.put(ClockKind.REQUEST_TO_MATCH, Duration.ofHours(4));
        windows.put(ClockKind.MATCH_TO_REMOTE_SUPPORT, Duration.ofHours(2));
        windows.put(ClockKind.MATCH_TO_ON_SITE, Duration.ofHours(24));
        windows.put(ClockKind.PHASE_INITIAL_RESPONSE, Duration.ofDays(2));
        windows.put(ClockKind.PHASE_INVESTIGATION, Duration.ofDays(7));
        windows.put(ClockKind.PHASE_CONTAINMENT_RECOVERY, Duration.ofDays(30));
        windows.put(ClockKind.CLOSURE_TO_REVIEW, Duration.ofDays(30));
        windows.put(ClockKind.SITUATION_REPORT_CADENCE, Duration.ofHours(24));
        return new SlaPolicy(windows, 0.8);
    }

    /** The default window of {@code kind}. */
    public Duration window(ClockKind kind) {
        return defaultWindows.get(kind);
    }
}
