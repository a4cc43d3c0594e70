package eu.muster.coordination;

import eu.muster.contract.IncidentStatus;
import eu.muster.contract.ReviewState;
import eu.muster.contract.Tlp;
import eu.muster.coordination.IncidentFacts.Filing;
import eu.muster.coordination.IncidentFacts.Match;
import eu.muster.coordination.IncidentFacts.Review;
import eu.muster.coordination.IncidentFacts.Timed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An incident's facts as they stood at an instant: only those whose {@code occurredAt} lies at or
 * before it count. Every view reads the facts through this, so no view can count a fact another
 * does not.
 */
final class FactsAt {

    private final IncidentFacts facts;
    private final long t;

    FactsAt(IncidentFacts facts, Instant instant) {
        this.facts = facts;
        this.t = instant.toEpochMilli();
    }

    IncidentFacts facts() {
        return facts;
    }

    /** The instant, in epoch milliseconds. */
    long t() {
        return t;
    }

    /** The facts of {@code all} that had occurred by the instant, oldest first. */
    <T extends Timed> Stream<T> known(List<T> all) {
        return all.stream().filter(fact -> fact.at() <= t);
    }

    /** The earliest of {@code all} that had occurred by the instant: the facts are kept sorted by time. */
    <T extends Timed> Optional<T> earliest(List<T> all) {
        return known(all).findFirst();
    }

    /**
     * The incident's sharing marking: the most restrictive TLP of the events that had occurred by the instant, so that
     * it covers exactly the facts a view at the instant shows; RED before any (nothing to share, nothing shared).
     */
    Tlp marking() {
        return known(facts.markings()).map(IncidentFacts.Marking::tlp).max(java.util.Comparator.naturalOrder()).orElse(Tlp.RED);
    }

    /** The request for support, once it had been filed. */
    Optional<Filing> filing() {
        return earliest(facts.filings());
    }

    /** ENISA's match of a provider, once made. */
    Optional<Match> match() {
        return earliest(facts.matches());
    }

    /** The post-incident review, once filed; the earliest counts. */
    Optional<Review> review() {
        return earliest(facts.reviews());
    }

    /** When the incident closed; null while open. */
    Long closedAt() {
        return earliestTime(facts.closures());
    }

    /** When the request was withdrawn; null while it stands. */
    Long withdrawnAt() {
        return earliestTime(facts.withdrawals());
    }

    /** WITHDRAWN, else CLOSED, else ACTIVE once matched, else REQUESTED once requested, else UNKNOWN. */
    IncidentStatus status() {
        if (withdrawnAt() != null) {
            return IncidentStatus.WITHDRAWN;
        }
        if (closedAt() != null) {
            return IncidentStatus.CLOSED;
        }
        if (match().isPresent()) {
            return IncidentStatus.ACTIVE;
        }
        return filing().isPresent() ? IncidentStatus.REQUESTED : IncidentStatus.UNKNOWN;
    }

    /**
     * FILED once the review occurred; else NOT_DUE while the incident is not closed, and for a
     * withdrawn incident (nothing to review); else OVERDUE from the review deadline; else DUE.
     */
    ReviewState reviewState(CoordinationPolicy policy) {
        if (review().isPresent()) {
            return ReviewState.FILED;
        }
        Long closed = closedAt();
        if (closed == null || withdrawnAt() != null) {
            return ReviewState.NOT_DUE;
        }
        return t >= reviewDue(closed, policy) ? ReviewState.OVERDUE : ReviewState.DUE;
    }

    /** The review deadline of an incident closed at {@code closedAt}. */
    static long reviewDue(long closedAt, CoordinationPolicy policy) {
        return closedAt + policy.reviewWindow().toMillis();
    }

    private Long earliestTime(List<Long> times) {
        return times.stream().filter(at -> at <= t).findFirst().orElse(null);
    }
}
