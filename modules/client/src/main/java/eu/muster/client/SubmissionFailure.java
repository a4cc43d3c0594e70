package eu.muster.client;

/** Why a submission did not reach the broker, as {@link SubmissionFailedException#failure()} reports it. */
public enum SubmissionFailure {

    /**
     * The organisation's submission topic does not exist. muster creates {@code submissions.<id>} when
     * the organisation is registered in its directory; ask muster's operators. Nothing was written.
     */
    TOPIC_NOT_FOUND(false),

    /**
     * The client's principal may not write to the submission topic (or to the cluster). The broker
     * ACLs grant each organisation write access to its own topic only. Nothing was written.
     */
    NOT_AUTHORISED(false),

    /** TLS or SASL authentication with the broker failed: check the security properties. Nothing was written. */
    NOT_AUTHENTICATED(false),

    /**
     * No acknowledgement came in time ({@code max.block.ms} for the topic's metadata,
     * {@code delivery.timeout.ms} for the write): the brokers are unreachable or overloaded. The record
     * may have been stored; submit the same event (same eventId) again, which muster records once.
     */
    TIMED_OUT(true),

    /**
     * The waiting thread was interrupted before the broker answered. The record may have been stored;
     * submit the same event again to be sure.
     */
    INTERRUPTED(true),

    /** The broker refused the record itself, e.g. because it is too large. Sending it again will not help. */
    REFUSED(false),

    /** Any other error of the Kafka producer; the cause says which. */
    OTHER(true);

    private final boolean mayHaveBeenWritten;

    SubmissionFailure(boolean mayHaveBeenWritten) {
        this.mayHaveBeenWritten = mayHaveBeenWritten;
    }

    /**
     * Whether the broker may have stored the record despite the failure. When true, submitting the
     * same event again (same eventId) is the safe way to find out: muster records an eventId once and
     * reports the resubmission in the outcome's {@code duplicates}.
     */
    public boolean mayHaveBeenWritten() {
        return mayHaveBeenWritten;
    }
}
