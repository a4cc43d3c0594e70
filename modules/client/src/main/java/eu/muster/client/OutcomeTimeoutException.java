package eu.muster.client;

import eu.muster.contract.SubmissionOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * No outcome arrived on {@code submission.outcomes} for one or more eventIds within the time
 * allowed. The submission is not lost: muster may be down or behind, and its outcome will come;
 * wait again, or look it up later by eventId.
 */
public final class OutcomeTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Set<String> eventIds;
    private final Duration waited;
    private final transient Map<String, SubmissionOutcome> received;

    OutcomeTimeoutException(String message, Set<String> eventIds, Duration waited, Map<String, SubmissionOutcome> received) {
        super(message);
        this.eventIds = Set.copyOf(eventIds);
        this.waited = waited;
        this.received = Map.copyOf(received);
    }

    /** The eventIds still without an outcome. */
    public Set<String> eventIds() {
        return eventIds;
    }

    /** How long the client waited: the timeout it was given. */
    public Duration waited() {
        return waited;
    }

    /** The outcomes that did arrive, by eventId, when several were awaited together; empty otherwise. */
    public Map<String, SubmissionOutcome> received() {
        return received == null ? Map.of() : received;
    }
}
