package eu.muster.gateway;

import eu.muster.contract.IncidentEvent;

/** Writes an event to an organisation's submission topic and returns once the broker has it (acks=all). */
@FunctionalInterface
public interface Submitter {

    /**
     * @throws SubmissionFailedException when the broker did not take the record; nothing is known to be written
     */
    void submit(String organisationId, IncidentEvent event) throws SubmissionFailedException;

    /** The broker did not confirm a submission. */
    final class SubmissionFailedException extends Exception {

        /** Why, with the cause from the producer. */
        public SubmissionFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
