package eu.muster.view.clock;

/**
 * What a timed view keeps per incident between records.
 *
 * @param facts           the incident's facts so far, folded by the view's {@link IncidentFold}
 * @param throughSequence the highest sequence number applied
 * @param asOf            the instant (epoch millis) the view was last read at; it never goes back
 * @param dueAt           when the view next changes with no new event (epoch millis), null when it never will;
 *                        the incident's key in the due index
 * @param <F>             the view's facts
 */
public record Track<F>(F facts, long throughSequence, long asOf, Long dueAt) {

    /** An incident never seen before. */
    public static <F> Track<F> none(F empty) {
        return new Track<>(empty, 0, Long.MIN_VALUE, null);
    }

    /** Whether an event of the incident has been applied. */
    public boolean seen() {
        return throughSequence > 0;
    }
}
