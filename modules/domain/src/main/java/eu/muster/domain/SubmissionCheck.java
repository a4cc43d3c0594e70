package eu.muster.domain;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks on a submission that need no incident state: who sent it, whether it is well formed,
 * whether it comes from the future. They run before {@link LifecycleRules#decide}, in this order:
 * {@link Rule#PRODUCER_MUST_BE_REGISTERED}, {@link Rule#PRODUCER_IS_THE_TOPIC_OWNER},
 * {@link Rule#WELL_FORMED_SUBMISSION}, {@link Rule#NO_EVENTS_FROM_THE_FUTURE}; the first that fails
 * decides.
 *
 * <p>Identity comes first because the submission topic, guarded by broker ACLs, is the only
 * trusted statement of who produced the event; once the producer is verified, the lifecycle rules
 * may take {@code event.producer} at its word.
 */
public final class SubmissionCheck {

    private SubmissionCheck() {
    }

    /**
     * @param event               the decoded submission
     * @param topicOrganisationId the organisation that owns the submission topic it arrived on (the only trusted identity)
     * @param registered          that organisation's entry in the organisation directory, empty if unknown
     * @param now                 the processor's clock
     * @param maxClockSkew        how far occurredAt may lie in the future of now
     * @return the rejection, or empty when the submission may go on to the lifecycle rules
     */
    public static Optional<Decision.Rejected> check(IncidentEvent event, String topicOrganisationId,
            Optional<Organisation> registered, Instant now, Duration maxClockSkew) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(topicOrganisationId, "topicOrganisationId");
        Objects.requireNonNull(registered, "registered");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("maxClockSkew must not be negative, got " + maxClockSkew);
        }
        if (registered.isEmpty()) {
            return Optional.of(Rule.PRODUCER_MUST_BE_REGISTERED.refuse("submission on the topic of '" + topicOrganisationId
                    + "' refused: no organisation '" + topicOrganisationId + "' is registered in muster's organisation directory"));
        }
        Optional<String> mismatch = mismatch(event.getProducer(), topicOrganisationId, registered.get());
        if (mismatch.isPresent()) {
            return Optional.of(Rule.PRODUCER_IS_THE_TOPIC_OWNER.refuse(mismatch.get()));
        }
        Optional<String> malformed = WellFormedness.firstProblem(event);
        if (malformed.isPresent()) {
            return Optional.of(Rule.WELL_FORMED_SUBMISSION.refuse(malformed.get()));
        }
        Instant latest = now.plus(maxClockSkew);
        if (event.getOccurredAt().isAfter(latest)) {
            // Only the future is refused: a late report (older than events already accepted) is still a fact.
            return Optional.of(Rule.NO_EVENTS_FROM_THE_FUTURE.refuse("occurredAt " + event.getOccurredAt()
                    + " lies " + readable(Duration.between(now, event.getOccurredAt())) + " ahead of muster's clock (" + now
                    + "), more than the " + readable(maxClockSkew) + " of clock skew tolerated; check the producer's clock"));
        }
        return Optional.empty();
    }

    private static Optional<String> mismatch(Organisation producer, String topicOrganisationId, Organisation registered) {
        if (producer == null) {
            return Optional.of("the event names no producer; it arrived on the topic of " + describe(registered));
        }
        List<String> differences = new ArrayList<>();
        if (!topicOrganisationId.equals(producer.getId())) {
            differences.add("it claims to be '" + producer.getId() + "' but the submission topic belongs to '" + topicOrganisationId + "'");
        } else if (!producer.getId().equals(registered.getId())) {
            differences.add("id claimed '" + producer.getId() + "', registered '" + registered.getId() + "'");
        }
        if (producer.getRole() != registered.getRole()) {
            differences.add("role claimed " + producer.getRole() + ", registered " + registered.getRole());
        }
        if (!Objects.equals(producer.getMemberState(), registered.getMemberState())) {
            differences.add("member state claimed " + state(producer.getMemberState()) + ", registered " + state(registered.getMemberState()));
        }
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("producer " + describe(producer) + " does not match the organisation registered for its submission topic, "
                + describe(registered) + ": " + String.join("; ", differences));
    }

    private static String describe(Organisation organisation) {
        return organisation.getId() + " (" + organisation.getRole() + ", " + state(organisation.getMemberState()) + ")";
    }

    private static String state(String memberState) {
        return memberState == null ? "no member state" : memberState;
    }

    /** A duration as a duty officer reads it: "2h 5m", "12m 30s", "450ms". */
    static String readable(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int millis = duration.toMillisPart();
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append("h ");
        }
        if (minutes > 0) {
            text.append(minutes).append("m ");
        }
        if (seconds > 0) {
            text.append(seconds).append("s ");
        }
        if (millis > 0) {
            text.append(millis).append("ms ");
        }
        return text.toString().trim();
    }
}
