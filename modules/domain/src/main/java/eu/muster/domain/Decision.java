package eu.muster.domain;

import eu.muster.contract.RejectionReason;
import java.util.Objects;

/**
 * The outcome of deciding one submission: it becomes fact for its incident ({@link Accepted}) or
 * it is refused ({@link Rejected}) with a stable reason code, the rule that refused it and a message
 * for the submitter's duty officer.
 */
public sealed interface Decision permits Decision.Accepted, Decision.Rejected {

    /** The submission becomes fact: record it on the log of record and evolve the incident's state with it. */
    record Accepted() implements Decision {
    }

    /**
     * The submission is refused and changes nothing.
     *
     * @param reason  the stable, machine-readable reason code
     * @param rule    the rule that refused it; its {@link Rule#id()} goes into the rejection record
     * @param message what was wrong, for a person, naming the ids involved
     */
    record Rejected(RejectionReason reason, Rule rule, String message) implements Decision {

        /** Checks that nothing is missing: a rejection record needs all three. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The submission becomes fact. */
    static Decision accept() {
        return new Accepted();
    }
}
