package eu.muster.coordination;

import static eu.muster.coordination.IncidentHistory.POLICY;
import static eu.muster.coordination.IncidentHistory.at;
import static eu.muster.coordination.IncidentHistory.sampleIncident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import eu.muster.contract.AffectedEntity;
import eu.muster.contract.LessonRecord;
import eu.muster.contract.OpenItem;
import eu.muster.contract.OpenItemKind;
import eu.muster.contract.PostIncidentReviewFiled;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.ReviewState;
import eu.muster.contract.ReviewView;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.Sector;
import eu.muster.contract.SlaClock;
import eu.muster.contract.SlaClockKind;
import eu.muster.contract.SlaClockState;
import eu.muster.contract.TaxonomyClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewViewsTest {

    private static final Instant CLOSED = at(14);
    private static final Instant DUE_BY = CLOSED.plus(Duration.ofDays(30));
    private static final Instant FILED = CLOSED.plus(Duration.ofDays(31));

    /** The sample lifecycle to closure, and ENISA's review a day past the review window. */
    private final IncidentHistory history = sampleIncident().samples(0, 14).sample(15, FILED);

    @Test
    void theReviewIsNotDueWhileOpenDueFromClosureAndOverdueFromItsDeadline() {
        ReviewView open = history.review(CLOSED.minusMillis(1));
        assertThat(open.getState()).isEqualTo(ReviewState.NOT_DUE);
        assertThat(open.getClosedAt()).isNull();
        assertThat(open.getDueBy()).isNull();

        ReviewView due = history.review(CLOSED);
        assertThat(due.getState()).isEqualTo(ReviewState.DUE);
        assertThat(due.getClosedAt()).isEqualTo(CLOSED);
        assertThat(due.getDueBy()).isEqualTo(DUE_BY);
        assertThat(due.getFiledAt()).isNull();
        assertThat(due.getClosureToReviewMillis()).isNull();
        assertThat(history.coordination(CLOSED).getOpenItems()).as("closure leaves only the review waiting")
                .extracting(OpenItem::getKind, OpenItem::getOwner, OpenItem::getSubject, OpenItem::getSince)
                .containsExactly(tuple(OpenItemKind.REVIEW_DUE, "role:ENISA", SampleEvents.INCIDENT_ID, CLOSED));

        assertThat(history.review(DUE_BY.minusMillis(1)).getState()).isEqualTo(ReviewState.DUE);
        assertThat(history.review(DUE_BY).getState()).isEqualTo(ReviewState.OVERDUE);
        assertThat(history.coordination(DUE_BY).getOpenItems())
                .extracting(OpenItem::getKind, OpenItem::getOwner, OpenItem::getSince)
                .containsExactly(tuple(OpenItemKind.REVIEW_OVERDUE, "role:ENISA", DUE_BY));
        assertThat(CoordinationViews.nextChange(history.facts(), CLOSED.plus(Duration.ofDays(25)), POLICY)).contains(DUE_BY);
    }

    @Test
    void aFiledReviewCarriesItsFindingsClosureToReviewAndTheSlaOutcome() {
        ReviewView filed = history.review(FILED);

        assertThat(filed.getState()).isEqualTo(ReviewState.FILED);
        assertThat(filed.getFiledAt()).isEqualTo(FILED);
        assertThat(filed.getClosureToReviewMillis()).isEqualTo(Duration.ofDays(31).toMillis());
        assertThat(filed.getFindings().getRootCause()).isEqualTo("Unpatched VPN appliance");
        assertThat(filed.getFindings().getTaxonomyClass()).isEqualTo(TaxonomyClass.INTRUSIONS);
        assertThat(filed.getFindings().getTaxonomyType()).isEqualTo("system-compromise");
        assertThat(filed.getFindings().getLessonsLearned()).containsExactly("Offline backups shortened recovery.");
        assertThat(filed.getFindings().getCitedProviders()).containsExactly("mssp-nordwind");
        assertThat(filed.getSectors()).containsExactly(Sector.HEALTH);
        assertThat(filed.getMsspId()).isEqualTo("mssp-nordwind");
        assertThat(filed.getSlaOutcome()).filteredOn(clock -> clock.getKind() == SlaClockKind.CLOSURE_TO_REVIEW)
                .extracting(SlaClock::getState, SlaClock::getLatenessMillis)
                .containsExactly(tuple(SlaClockState.MET_LATE, Duration.ofDays(1).toMillis()));
        assertThat(history.coordination(FILED).getOpenItems()).isEmpty();
    }

    @Test
    void theEarliestReviewIsTheOneThatCounts() {
        PostIncidentReviewFiled later = PostIncidentReviewFiled.newBuilder(IncidentHistory.<PostIncidentReviewFiled>payload(15))
                .setRootCause("Phishing").build();
        IncidentHistory twice = sampleIncident().samples(0, 14).add(15, FILED.plus(Duration.ofDays(1)), later).sample(15, FILED);

        ReviewView review = twice.review(FILED.plus(Duration.ofDays(2)));
        assertThat(review.getFiledAt()).isEqualTo(FILED);
        assertThat(review.getFindings().getRootCause()).isEqualTo("Unpatched VPN appliance");
    }

    @Test
    void aWithdrawnIncidentIsNeverDueForReview() {
        // The log refuses a closure after a withdrawal and vice versa; the views stay defined should both ever count.
        IncidentHistory withdrawn = sampleIncident().samples(0, 1).sample(16, at(2)).sample(14, at(3));

        assertThat(withdrawn.review(at(2).plus(Duration.ofDays(60))).getState()).isEqualTo(ReviewState.NOT_DUE);
        assertThat(withdrawn.coordination(at(2).plus(Duration.ofDays(60))).getOpenItems()).isEmpty();
    }

    @Test
    void aFiledReviewJoinsTheGroupOfItsTaxonomyClassAndOfEachDistinctAffectedSector() {
        RequestFiled request = RequestFiled.newBuilder(IncidentHistory.<RequestFiled>payload(0)).setAffectedEntities(List.of(
                entity("Klinikum Nord", Sector.HEALTH, "DE"), entity("Stadtwerke", Sector.ENERGY, "DE"), entity("LKH", Sector.HEALTH, "AT")))
                .build();
        IncidentHistory twoSectors = sampleIncident().add(0, at(0), request).sample(1, at(1)).sample(14, CLOSED).sample(15, FILED);

        assertThat(CoordinationViews.lessons(twoSectors.review(FILED.minusMillis(1)))).as("nothing to learn before the review").isEmpty();
        Map<String, LessonRecord> groups = CoordinationViews.lessons(twoSectors.review(FILED));

        assertThat(groups).containsOnlyKeys("taxonomy:INTRUSIONS", "sector:ENERGY", "sector:HEALTH");
        LessonRecord lesson = groups.get("sector:ENERGY");
        assertThat(lesson.getIncidentId()).isEqualTo(SampleEvents.INCIDENT_ID);
        assertThat(lesson.getSectors()).containsExactly(Sector.ENERGY, Sector.HEALTH);
        assertThat(lesson.getTaxonomyClass()).isEqualTo(TaxonomyClass.INTRUSIONS);
        assertThat(lesson.getRecommendations()).containsExactly("Patch edge devices within 72 hours.");
        assertThat(lesson.getFiledAt()).isEqualTo(FILED);
        assertThat(lesson.getClosureToReviewMillis()).isEqualTo(Duration.ofDays(31).toMillis());
    }

    @Test
    void aReviewWhoseClosureHasNotOccurredYetJoinsNoGroup() {
        // The closure is timed after the review (producers' clocks disagree): until it counts, the review cannot be timed from it.
        IncidentHistory skewed = sampleIncident().samples(0, 1).sample(15, at(5)).sample(14, at(6));

        assertThat(skewed.review(at(5)).getState()).isEqualTo(ReviewState.FILED);
        assertThat(skewed.review(at(5)).getClosureToReviewMillis()).isNull();
        assertThat(CoordinationViews.lessons(skewed.review(at(5)))).isEmpty();
    }

    private static AffectedEntity entity(String name, Sector sector, String memberState) {
        return AffectedEntity.newBuilder().setName(name).setSector(sector).setMemberState(memberState).build();
    }
}
