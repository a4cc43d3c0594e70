package eu.muster.client;

/**
 * The outcome topic cannot be read at all: it does not exist (muster was never started on this
 * cluster), or the client's principal may not read it, or authentication failed. Waiting longer will
 * not help; the message and cause say which.
 */
public final class OutcomeUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String topic;

    OutcomeUnavailableException(String topic, String explanation, Throwable cause) {
        super("cannot read outcomes from topic " + topic + ": " + explanation, cause);
        this.topic = topic;
    }

    /** The outcome topic, {@code submission.outcomes}. */
    public String topic() {
        return topic;
    }
}
