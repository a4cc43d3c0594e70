package eu.muster.coordination;

import eu.muster.sla.ClockKind;
import eu.muster.sla.SlaPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings the coordination and review views are read with.
 *
 * @param acknowledgementWindow how long participants have to acknowledge a situation report before they are overdue
 * @param sla                   the SLA policy; its {@link ClockKind#CLOSURE_TO_REVIEW} window is the review window, so the review
 *                              view and the review clock fall due at the same instant
 */
public record CoordinationPolicy(Duration acknowledgementWindow, SlaPolicy sla) {

    /** Refuses a window that is not positive and a missing SLA policy: either would make every view meaningless. */
    public CoordinationPolicy {
        if (acknowledgementWindow == null || acknowledgementWindow.isNegative() || acknowledgementWindow.isZero()) {
            throw new IllegalArgumentException("the acknowledgement window must be positive, got " + acknowledgementWindow);
        }
        Objects.requireNonNull(sla, "sla");
    }

    /** The documented defaults: four hours to acknowledge a situation report, and {@link SlaPolicy#defaults()}. */
    public static CoordinationPolicy defaults() {
        return new CoordinationPolicy(Duration.ofHours(4), SlaPolicy.defaults());
    }

    /** How long ENISA has from closure to file the review: the SLA policy's closure-to-review window. */
    public Duration reviewWindow() {
        return sla.window(ClockKind.CLOSURE_TO_REVIEW);
    }
}
