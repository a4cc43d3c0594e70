package eu.muster.record;

import eu.muster.contract.RecordedEvent;
import eu.muster.contract.Rejection;
import eu.muster.contract.SubmissionOutcome;

/** What the decider emits for one submission: a recorded event or a rejection, and always the eventId's outcome. */
sealed interface Decided {

    /** An accepted event, numbered and chained, for the log of record (key: incidentId). */
    record Recorded(RecordedEvent event) implements Decided {
    }

    /** A refused submission (key: incidentId). */
    record Refused(Rejection rejection) implements Decided {
    }

    /** The outcome of an eventId (key: eventId). */
    record Outcome(SubmissionOutcome outcome) implements Decided {
    }
}
