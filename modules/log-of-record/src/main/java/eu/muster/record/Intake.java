package eu.muster.record;

import eu.muster.contract.Rejection;
import eu.muster.contract.Submission;

/** What the intake made of one record on a submission topic: a readable submission, or a rejection of unreadable bytes. */
sealed interface Intake {

    /** Bytes that decoded; on their way to the incident's decider. */
    record Readable(Submission submission) implements Intake {
    }

    /** Bytes that did not decode; refused here, with the bytes kept. */
    record Unreadable(Rejection rejection) implements Intake {
    }
}
