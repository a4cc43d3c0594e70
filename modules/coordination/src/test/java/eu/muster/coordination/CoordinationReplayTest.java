package eu.muster.coordination;

import static eu.muster.coordination.IncidentHistory.POLICY;
import static eu.muster.coordination.IncidentHistory.at;
import static eu.muster.coordination.IncidentHistory.sampleIncident;
import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.contract.DeploymentMode;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.LessonsView;
import eu.muster.contract.MemberStateIncident;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.ReviewState;
import eu.muster.contract.SampleEvents;
import eu.muster.sla.SlaPayloads;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CoordinationReplayTest {

    private static final String A = SampleEvents.INCIDENT_ID;
    private static final String B = "5f0e7c1a-0000-4000-8000-00000000000b";
    private static final Instant AS_OF = at(5).plus(Duration.ofMinutes(1));

    @Test
    void theReplayCountsOnlyWhatWasRecordedByTheInstantAndBuildsEveryViewWithTheSameFunctions() {
        List<IncidentEvent> a = sampleIncident().samples(0, 5).events();
        RequestFiled fromFrance = RequestFiled.newBuilder(SlaPayloads.request(false, "FR")).setAffectedMemberStates(List.of("FR")).build();
        List<IncidentEvent> b = new IncidentHistory(B).add(0, at(2), fromFrance).add(1, at(3), SlaPayloads.match("mssp-baltic", null, null, null))
                .add(2, at(4), SlaPayloads.deployment(DeploymentMode.REMOTE)).events();

        List<RecordedEvent> log = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            // DE's acknowledgement occurred before the instant but was recorded only after it.
            Instant recordedAt = i == 5 ? AS_OF.plus(Duration.ofHours(1)) : a.get(i).getOccurredAt().plusSeconds(1);
            log.add(recorded(i + 1, recordedAt, a.get(i)));
        }
        for (int i = 0; i < b.size(); i++) {
            Instant recordedAt = i == 2 ? AS_OF.plusMillis(1) : b.get(i).getOccurredAt().plusSeconds(1);
            log.add(recorded(i + 1, recordedAt, b.get(i)));
        }
        Collections.shuffle(log, new Random(3));

        CoordinationReplay replay = new CoordinationReplay(POLICY, AS_OF);
        List<Long> skipped = new ArrayList<>();
        for (RecordedEvent record : log) {
            if (!replay.accept(record)) {
                skipped.add(record.getSequence());
            }
        }

        assertThat(skipped).containsExactlyInAnyOrder(6L, 3L);
        var coordination = replay.coordination();
        assertThat(coordination).containsOnlyKeys(A, B);
        assertThat(coordination.get(A).getThroughSequence()).isEqualTo(5);
        assertThat(coordination.get(B).getThroughSequence()).isEqualTo(2);
        assertThat(coordination.get(A).getLatestSituationReport().getAcknowledgedBy()).as("recorded after the instant").isEmpty();
        assertThat(coordination.get(A).toString())
                .isEqualTo(CoordinationViews.coordination(A, IncidentHistory.fold(a.subList(0, 5)), 5, AS_OF, POLICY).toString());
        assertThat(replay.review().get(B).toString())
                .isEqualTo(CoordinationViews.review(B, IncidentHistory.fold(b.subList(0, 2)), 2, AS_OF, POLICY).toString());

        var memberStates = replay.memberStates();
        assertThat(memberStates).containsOnlyKeys("AT", "DE", "FR");
        assertThat(memberStates.get("FR").getIncidents()).extracting(MemberStateIncident::getIncidentId).containsExactly(B);
        assertThat(memberStates.get("AT").getIncidents()).extracting(MemberStateIncident::getIncidentId).containsExactly(A);

        var scorecards = replay.scorecards();
        assertThat(scorecards).containsOnlyKeys("mssp-baltic", "mssp-nordwind");
        assertThat(scorecards.get("mssp-baltic").getDeployments()).as("its deployment was recorded after the instant").isZero();
        assertThat(scorecards.get("mssp-nordwind").getDeployments()).isEqualTo(1);
        assertThat(replay.lessons()).isEmpty();
    }

    @Test
    void aFiledReviewReachesTheLessonsGroupsOfTheReplay() {
        Instant filed = at(14).plus(Duration.ofDays(10));
        List<IncidentEvent> events = sampleIncident().samples(0, 14).sample(15, filed).events();
        List<RecordedEvent> log = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            log.add(recorded(i + 1, events.get(i).getOccurredAt(), events.get(i)));
        }

        CoordinationReplay beforeTheReview = CoordinationReplay.of(log, POLICY, filed.minusMillis(1));
        CoordinationReplay after = CoordinationReplay.of(log, POLICY, filed);

        assertThat(beforeTheReview.lessons()).isEmpty();
        assertThat(beforeTheReview.review().get(A).getState()).isEqualTo(ReviewState.DUE);
        assertThat(after.lessons()).containsOnlyKeys("sector:HEALTH", "taxonomy:INTRUSIONS");
        assertThat(after.lessons().values()).extracting(LessonsView::getMedianClosureToReviewMillis)
                .containsOnly(Duration.ofDays(10).toMillis());
        assertThat(after.scorecards().get("mssp-nordwind").getReviewsCiting()).isEqualTo(1);
    }

    private static RecordedEvent recorded(long sequence, Instant recordedAt, IncidentEvent event) {
        return RecordedEvent.newBuilder().setIncidentId(event.getIncidentId()).setSequence(sequence).setRecordedAt(recordedAt)
                .setSubmissionTopic("submissions." + event.getProducer().getId()).setSubmissionPartition(0).setSubmissionOffset(sequence)
                .setEvent(event).setPreviousHash(ByteBuffer.allocate(32)).setHash(ByteBuffer.allocate(32)).build();
    }
}
