package eu.muster.client;

/**
 * A submission the broker did not acknowledge. The message names the topic, the eventId and the
 * cause; {@link #failure()} classifies it, and {@link SubmissionFailure#mayHaveBeenWritten()} says
 * whether the record may have been stored anyway.
 */
public final class SubmissionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final String eventId;
    private final SubmissionFailure failure;

    SubmissionFailedException(String topic, String eventId, SubmissionFailure failure, String explanation, Throwable cause) {
        super("submission of event " + eventId + " to topic " + topic + " failed (" + failure + "): " + explanation, cause);
        this.topic = topic;
        this.eventId = eventId;
        this.failure = failure;
    }

    /** A copy thrown from the waiting caller's thread, keeping this exception as its cause. */
    SubmissionFailedException rethrownHere() {
        return new SubmissionFailedException(this);
    }

    private SubmissionFailedException(SubmissionFailedException original) {
        super(original.getMessage(), original);
        this.topic = original.topic;
        this.eventId = original.eventId;
        this.failure = original.failure;
    }

    /** The submission topic written to. */
    public String topic() {
        return topic;
    }

    /** The eventId of the event that was not acknowledged. */
    public String eventId() {
        return eventId;
    }

    /** Why. */
    public SubmissionFailure failure() {
        return failure;
    }
}
