package eu.muster.view.clock;

import eu.muster.contract.IncidentEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * The pure part of a timed view: how an incident's events fold into facts, and when those facts
 * change the view with no new event. Implementations must not depend on the order events are
 * applied in, so that a late-reported event is timed where it belongs.
 *
 * @param <F> the facts
 */
public interface IncidentFold<F> {

    /** The facts of an incident with no events. */
    F empty();

    /** The facts with one more accepted event. */
    F apply(F facts, IncidentEvent event);

    /** The next instant after {@code instant} at which the view of {@code facts} changes with no new event, if it will. */
    Optional<Instant> nextChange(F facts, Instant instant);
}
