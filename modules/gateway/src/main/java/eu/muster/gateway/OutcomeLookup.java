package eu.muster.gateway;

import eu.muster.contract.SubmissionOutcome;
import java.util.Optional;

/** The outcome of an eventId, if it has been decided. */
@FunctionalInterface
public interface OutcomeLookup {

    /**
     * @throws IllegalStateException when the outcomes cannot be read right now (a rebalance); the gateway answers 503
     */
    Optional<SubmissionOutcome> outcome(String eventId);
}
