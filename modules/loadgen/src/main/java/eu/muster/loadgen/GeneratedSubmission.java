package eu.muster.loadgen;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RejectionReason;
import java.util.Objects;
import java.util.Optional;

/**
 * One submission of the generated traffic and what the log of record will make of it, so that a
 * benchmark can count accepted and rejected outcomes exactly.
 *
 * <p>The expectation holds when the log decides an incident's submissions in the order the
 * generator emitted them. Submissions of one incident come from several organisations, and so go to
 * several submission topics, and Kafka orders nothing across topics: a benchmark that needs every
 * expectation to hold keeps each incident's submissions in order, for example by sending the next
 * one only once the previous one of the same incident is decided.
 *
 * @param event               the event to submit
 * @param topicOrganisationId the organisation whose submission topic ({@code submissions.<id>}) it goes to; the
 *                            producer's own id, except for {@link InvalidKind#PRODUCER_ON_FOREIGN_TOPIC}
 * @param invalid             the kind of mistake it makes, empty if it is valid and will be accepted
 */
public record GeneratedSubmission(IncidentEvent event, String topicOrganisationId, Optional<InvalidKind> invalid) {

    /** Checks nothing is missing. */
    public GeneratedSubmission {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(topicOrganisationId, "topicOrganisationId");
        Objects.requireNonNull(invalid, "invalid");
    }

    /** Whether the log of record will accept it. */
    public boolean expectedAccepted() {
        return invalid.isEmpty();
    }

    /** The reason the log of record will reject it with, empty if it will accept it. */
    public Optional<RejectionReason> expectedReason() {
        return invalid.map(InvalidKind::reason);
    }

    /** The id of the rule that will reject it, empty if it will be accepted. */
    public Optional<String> expectedRule() {
        return invalid.map(InvalidKind::rule);
    }
}
