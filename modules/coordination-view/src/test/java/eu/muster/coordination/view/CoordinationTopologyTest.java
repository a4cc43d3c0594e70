package eu.muster.coordination.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import eu.muster.contract.AssistanceRequest;
import eu.muster.contract.AssistanceState;
import eu.muster.contract.Classification;
import eu.muster.contract.ClassificationChange;
import eu.muster.contract.CoordinationView;
import eu.muster.contract.DeploymentMode;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.IncidentStatus;
import eu.muster.contract.LessonRecord;
import eu.muster.contract.MemberStateIncident;
import eu.muster.contract.MemberStateRelation;
import eu.muster.contract.MsspScorecard;
import eu.muster.contract.OfferState;
import eu.muster.contract.OpenItem;
import eu.muster.contract.OpenItemKind;
import eu.muster.contract.Participant;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.ReviewState;
import eu.muster.contract.ReviewView;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.Sector;
import eu.muster.contract.TaxonomyClass;
import eu.muster.contract.Tlp;
import eu.muster.contract.Pap;
import eu.muster.coordination.CoordinationPolicy;
import eu.muster.sla.SlaPayloads;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordination, member-state, review, lessons and scorecard views under TopologyTestDriver, on
 * two incidents in three member states: DE requests help for an incident that also affects AT and
 * that AT assists in; FR requests help for another.
 */
class CoordinationTopologyTest {

    static final CoordinationPolicy POLICY = CoordinationPolicy.defaults();
    static final List<IncidentEvent> SAMPLE = SampleEvents.everyPayloadType();
    static final String A = SampleEvents.INCIDENT_ID;
    static final String B = "5f0e7c1a-0000-4000-8000-00000000000b";
    static final Instant T0 = SampleEvents.FILED_AT;
    static final Duration ACK_WINDOW = POLICY.acknowledgementWindow();

    @TempDir
    Path stateDir;
    private CoordinationDriver views;

    @BeforeEach
    void start() {
        views = new CoordinationDriver(stateDir, POLICY, T0);
    }

    @AfterEach
    void stop() {
        views.close();
    }

    @Test
    void aCrossBorderIncidentShowsItsClassificationHistoryParticipantsAndMutualAssistance() {
        recordSample(0, 13); // request to deployment ended: reclassified, assisted by AT, reports acknowledged

        CoordinationView a = coordination(A);
        assertThat(a.getStatus()).isEqualTo(IncidentStatus.ACTIVE);
        assertThat(a.getClassification()).isEqualTo(Classification.LARGE_SCALE);
        assertThat(a.getClassificationHistory()).extracting(ClassificationChange::getClassification)
                .containsExactly(Classification.SIGNIFICANT, Classification.LARGE_SCALE);
        assertThat(a.getRequestingMemberState()).isEqualTo("DE");
        assertThat(a.getAffectedMemberStates()).containsExactly("AT", "DE");
        assertThat(a.getAssistingMemberStates()).containsExactly("AT");
        assertThat(a.getCrossBorder()).isTrue();
        assertThat(a.getMsspId()).isEqualTo("mssp-nordwind");
        assertThat(a.getParticipants()).extracting(Participant::getOrganisationId)
                .contains("de-bsi", "enisa", "mssp-nordwind", "at-certat");
        assertThat(a.getAssistance()).singleElement().satisfies(request -> {
            assertThat(request.getState()).isEqualTo(AssistanceState.FULFILLED);
            assertThat(request.getOffers()).singleElement().satisfies(offer -> assertThat(offer.getState()).isEqualTo(OfferState.FULFILLED));
        });

        assertThat(views.queries.memberState("DE")).get().satisfies(de -> assertThat(de.getIncidents()).singleElement()
                .satisfies(entry -> assertThat(entry.getRelations()).containsExactly(MemberStateRelation.REQUESTING, MemberStateRelation.AFFECTED)));
        assertThat(views.queries.memberState("AT")).get().satisfies(at -> assertThat(at.getIncidents()).singleElement()
                .satisfies(entry -> assertThat(entry.getRelations()).containsExactly(MemberStateRelation.AFFECTED, MemberStateRelation.ASSISTING)));
    }

    @Test
    void offersMoveFromAwaitingDecisionToAwaitingFulfilmentAndTheirOpenItemsFollow() {
        recordSample(0, 7); // up to AT's offer
        assertThat(openItems(A)).filteredOn(item -> item.getSubject().equals("offer-at-1"))
                .extracting(OpenItem::getKind, OpenItem::getOwner)
                .containsExactly(tuple(OpenItemKind.OFFER_AWAITING_DECISION, "member-state:DE"));
        assertThat(assistance(A).getState()).isEqualTo(AssistanceState.OFFERED);

        recordSample(8, 8); // DE accepts
        assertThat(openItems(A)).filteredOn(item -> item.getSubject().equals("offer-at-1"))
                .extracting(OpenItem::getKind, OpenItem::getOwner)
                .containsExactly(tuple(OpenItemKind.OFFER_AWAITING_FULFILMENT, "member-state:AT"));
        assertThat(assistance(A).getState()).isEqualTo(AssistanceState.ACCEPTED);
        assertThat(views.queries.memberState("AT").orElseThrow().getIncidents()).singleElement()
                .satisfies(entry -> assertThat(entry.getOpenItems()).extracting(OpenItem::getKind).contains(OpenItemKind.OFFER_AWAITING_FULFILMENT));

        recordSample(9, 9); // AT delivers
        assertThat(openItems(A)).noneMatch(item -> item.getSubject().equals("offer-at-1"));
    }

    @Test
    void anUnacknowledgedReportBecomesOverdueWhenItsWindowPassesWithNoNewEvent() {
        recordSample(0, 5); // the provider reports at +50 min; DE acknowledges at +60 min; AT and ENISA do not
        Instant reported = SAMPLE.get(4).getOccurredAt();
        Instant acknowledgeBy = reported.plus(ACK_WINDOW);

        views.wallClockAt(acknowledgeBy.minusSeconds(1));
        assertThat(coordination(A).getLatestSituationReport().getAwaitingAcknowledgement()).containsExactly("at-certat", "enisa");
        assertThat(coordination(A).getLatestSituationReport().getOverdue()).isEmpty();

        views.wallClockAt(acknowledgeBy.plusSeconds(1));
        assertThat(coordination(A).getLatestSituationReport().getOverdue()).containsExactly("at-certat", "enisa");
        assertThat(openItems(A)).filteredOn(item -> item.getKind() == OpenItemKind.ACKNOWLEDGEMENT_OVERDUE)
                .extracting(OpenItem::getOwner, OpenItem::getSince)
                .containsExactly(tuple("at-certat", acknowledgeBy), tuple("enisa", acknowledgeBy));
        assertThat(views.queries.memberState("DE").orElseThrow().getIncidents().get(0).getOpenItems())
                .extracting(OpenItem::getKind).contains(OpenItemKind.ACKNOWLEDGEMENT_OVERDUE);
    }

    @Test
    void theReviewIsNotDueThenDueThenOverdueWithNoEventThenFiledFeedingLessonsAndTheScorecard() {
        recordSample(0, 13);
        assertThat(review(A).getState()).isEqualTo(ReviewState.NOT_DUE);

        recordSample(14, 14); // closure
        Instant closed = SAMPLE.get(14).getOccurredAt();
        assertThat(review(A).getState()).isEqualTo(ReviewState.DUE);
        assertThat(openItems(A)).extracting(OpenItem::getKind).containsExactly(OpenItemKind.REVIEW_DUE);

        Instant dueBy = closed.plus(Duration.ofDays(30));
        views.wallClockAt(dueBy.plusSeconds(1));
        assertThat(review(A).getState()).isEqualTo(ReviewState.OVERDUE);
        assertThat(review(A).getDueBy()).isEqualTo(dueBy);
        assertThat(openItems(A)).extracting(OpenItem::getKind, OpenItem::getOwner).containsExactly(tuple(OpenItemKind.REVIEW_OVERDUE, "role:ENISA"));

        Instant filed = closed.plus(Duration.ofDays(31));
        views.record(like(15, A, filed, SAMPLE.get(15).getPayload()), filed.plusSeconds(1));
        ReviewView review = review(A);
        assertThat(review.getState()).isEqualTo(ReviewState.FILED);
        assertThat(review.getClosureToReviewMillis()).isEqualTo(Duration.ofDays(31).toMillis());
        assertThat(review.getFindings().getTaxonomyClass()).isEqualTo(TaxonomyClass.INTRUSIONS);
        assertThat(review.getSlaOutcome()).isNotEmpty();
        assertThat(openItems(A)).isEmpty();

        assertThat(views.queries.lessons(TaxonomyClass.INTRUSIONS)).get().satisfies(lessons -> {
            assertThat(lessons.getReviews()).extracting(LessonRecord::getIncidentId).containsExactly(A);
            assertThat(lessons.getMedianClosureToReviewMillis()).isEqualTo(Duration.ofDays(31).toMillis());
        });
        assertThat(views.queries.lessons(Sector.HEALTH)).get()
                .satisfies(lessons -> assertThat(lessons.getReviews()).singleElement()
                        .satisfies(r -> assertThat(r.getLessonsLearned()).containsExactly("Offline backups shortened recovery.")));
        MsspScorecard scorecard = views.queries.scorecard("mssp-nordwind").orElseThrow();
        assertThat(scorecard.getEngagements()).isEqualTo(1);
        assertThat(scorecard.getDeployments()).isEqualTo(2);
        assertThat(scorecard.getReviewsCiting()).isEqualTo(1);
        assertThat(scorecard.getTimeToRemoteSupport().getMedianMillis())
                .isEqualTo(Duration.between(SAMPLE.get(1).getOccurredAt(), SAMPLE.get(2).getOccurredAt()).toMillis());
    }

    @Test
    void eachMemberStateAndEachProviderSeesOnlyItsOwnIncidents() {
        recordSample(0, 2);
        Instant at = T0.plusSeconds(60);
        RequestFiled french = SlaPayloads.request(false, "FR");
        french.setAffectedMemberStates(List.of("FR"));
        views.record(like(0, B, at, french), at);
        views.record(like(1, B, at.plusSeconds(600), SlaPayloads.match("mssp-baltic", null, null, null)), at.plusSeconds(600));
        views.record(like(2, B, at.plusSeconds(1200), SlaPayloads.deployment(DeploymentMode.REMOTE)), at.plusSeconds(1200));

        assertThat(views.queries.memberState("FR").orElseThrow().getIncidents()).extracting(MemberStateIncident::getIncidentId).containsExactly(B);
        assertThat(views.queries.memberState("DE").orElseThrow().getIncidents()).extracting(MemberStateIncident::getIncidentId).containsExactly(A);
        assertThat(views.queries.scorecard("mssp-baltic").orElseThrow().getEngagements()).isEqualTo(1);
        assertThat(views.queries.scorecard("mssp-nordwind").orElseThrow().getEngagementRecords()).extracting(e -> e.getIncidentId()).containsExactly(A);
        assertThat(coordination(B).getCrossBorder()).isFalse();
        assertThat(views.queries.memberState("IT")).isEmpty();
    }

    // ------------------------------------------------------------------

    /** Records the sample lifecycle's events {@code from} to {@code to} (inclusive) for incident A, each a second after it occurred. */
    private void recordSample(int from, int to) {
        for (int i = from; i <= to; i++) {
            IncidentEvent event = SAMPLE.get(i);
            views.record(event, event.getOccurredAt().plusSeconds(1));
        }
    }

    /** An event of {@code incidentId} from the producer of the sample's event {@code sample}. */
    static IncidentEvent like(int sample, String incidentId, Instant occurredAt, Object payload) {
        return IncidentEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setIncidentId(incidentId)
                .setOccurredAt(occurredAt)
                .setProducer(SAMPLE.get(sample).getProducer())
                .setTlp(Tlp.AMBER)
                .setPap(Pap.AMBER)
                .setPayload(payload)
                .build();
    }

    private CoordinationView coordination(String incidentId) {
        return views.queries.coordination(incidentId).orElseThrow(() -> new AssertionError("no coordination view of " + incidentId));
    }

    private ReviewView review(String incidentId) {
        return views.queries.review(incidentId).orElseThrow(() -> new AssertionError("no review view of " + incidentId));
    }

    private List<OpenItem> openItems(String incidentId) {
        return coordination(incidentId).getOpenItems();
    }

    private AssistanceRequest assistance(String incidentId) {
        return coordination(incidentId).getAssistance().get(0);
    }
}
