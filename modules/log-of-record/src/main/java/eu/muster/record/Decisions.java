package eu.muster.record;

import eu.muster.contract.RejectionReason;

/**
 * Hears of each decision the log of record makes, for counting (metrics). Called from the stream
 * thread as records pass; under exactly-once a task that is retried after an aborted transaction
 * passes its records again, so counts may run slightly ahead of the log, never behind it.
 */
public interface Decisions {

    /** Hears nothing. */
    Decisions NONE = new Decisions() {
        @Override
        public void accepted() {
        }

        @Override
        public void rejected(RejectionReason reason) {
        }
    };

    /** An event was accepted onto the log of record. */
    void accepted();

    /** A submission was rejected, for {@code reason}. */
    void rejected(RejectionReason reason);
}
