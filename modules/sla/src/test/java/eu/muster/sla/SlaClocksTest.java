package eu.muster.sla;

import static eu.muster.sla.SlaPayloads.closure;
import static eu.muster.sla.SlaPayloads.deployment;
import static eu.muster.sla.SlaPayloads.match;
import static eu.muster.sla.SlaPayloads.phase;
import static eu.muster.sla.SlaPayloads.report;
import static eu.muster.sla.SlaPayloads.request;
import static eu.muster.sla.SlaPayloads.review;
import static eu.muster.sla.SlaPayloads.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.contract.DeploymentMode;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Phase;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SlaClockState;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlaClocksTest {

    private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");
    private static final SlaPolicy POLICY = SlaPolicy.defaults();

    private final List<IncidentEvent> history = new ArrayList<>();

    @Test
    void theMatchClockRunsIsAtRiskAfterEightyPercentAndBreachesAtItsDeadlineWithNoNewEvent() {
        given(hours(0), request(false));

        assertThat(reading(ClockKind.REQUEST_TO_MATCH, hours(1)).state()).isEqualTo(ClockState.RUNNING);
        assertThat(reading(ClockKind.REQUEST_TO_MATCH, T0.plus(Duration.ofMinutes(192))).state()).isEqualTo(ClockState.AT_RISK);
        ClockReading breached = reading(ClockKind.REQUEST_TO_MATCH, hours(5));
        assertThat(breached.state()).isEqualTo(ClockState.BREACHED);
        assertThat(breached.deadline()).isEqualTo(hours(4));
        assertThat(breached.overdue()).isEqualTo(Duration.ofHours(1));
        assertThat(SlaClocks.nextChange(timeline(), hours(1), POLICY)).contains(T0.plus(Duration.ofMinutes(192)));
        assertThat(SlaClocks.nextChange(timeline(), hours(3).plusSeconds(1800), POLICY)).contains(hours(4));
    }

    @Test
    void aMatchInTimeMeetsTheClockAndALateOneMeetsItLateKeepingTheBreach() {
        given(hours(0), request(false));
        List<ClockReading> beforeMatch = SlaClocks.at(timeline(), hours(5), POLICY);
        given(hours(6), match(null, null, null));

        ClockReading late = reading(ClockKind.REQUEST_TO_MATCH, hours(7));
        assertThat(late.state()).isEqualTo(ClockState.MET_LATE);
        assertThat(late.overdue()).isEqualTo(Duration.ofHours(2));
        assertThat(late.breached()).isTrue();
        assertThat(late.endedAt()).isEqualTo(hours(6));
        assertThat(SlaClocks.changes(beforeMatch, SlaClocks.at(timeline(), hours(7), POLICY)))
                .filteredOn(c -> c.to().kind() == ClockKind.REQUEST_TO_MATCH)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.from().state()).isEqualTo(ClockState.BREACHED);
                    assertThat(c.to().state()).isEqualTo(ClockState.MET_LATE);
                });

        history.clear();
        given(hours(0), request(false));
        given(hours(2), match(null, null, null));
        assertThat(reading(ClockKind.REQUEST_TO_MATCH, hours(7)).state()).isEqualTo(ClockState.MET);
        assertThat(reading(ClockKind.REQUEST_TO_MATCH, hours(7)).breached()).isFalse();
    }

    @Test
    void contractTermsOverrideTheDefaultWindows() {
        given(hours(0), request(true));
        given(hours(1), match(30L, 600L, 360L));

        assertThat(reading(ClockKind.MATCH_TO_REMOTE_SUPPORT, hours(1)).deadline()).isEqualTo(hours(1).plus(Duration.ofMinutes(30)));
        assertThat(reading(ClockKind.MATCH_TO_ON_SITE, hours(1)).deadline()).isEqualTo(hours(11));
        assertThat(reading(ClockKind.SITUATION_REPORT_CADENCE, hours(1)).deadline()).isEqualTo(hours(7));
        assertThat(reading(ClockKind.MATCH_TO_REMOTE_SUPPORT, hours(2)).state()).isEqualTo(ClockState.BREACHED);

        history.clear();
        given(hours(0), request(true));
        given(hours(1), match(null, null, null));
        assertThat(reading(ClockKind.MATCH_TO_REMOTE_SUPPORT, hours(1)).deadline()).isEqualTo(hours(3));
        assertThat(reading(ClockKind.MATCH_TO_ON_SITE, hours(1)).deadline()).isEqualTo(hours(25));
    }

    @Test
    void theOnSiteClockRunsOnlyWhenOnSiteSupportWasAskedFor() {
        given(hours(0), request(false));
        given(hours(1), match(null, null, null));

        assertThat(SlaClocks.at(timeline(), hours(2), POLICY)).noneMatch(r -> r.kind() == ClockKind.MATCH_TO_ON_SITE);
    }

    @Test
    void deploymentsMeetTheirClocks() {
        given(hours(0), request(true));
        given(hours(1), match(null, null, null));
        given(hours(2), deployment(DeploymentMode.REMOTE));
        given(hours(30), deployment(DeploymentMode.ON_SITE));

        assertThat(reading(ClockKind.MATCH_TO_REMOTE_SUPPORT, hours(40)).state()).isEqualTo(ClockState.MET);
        ClockReading onSite = reading(ClockKind.MATCH_TO_ON_SITE, hours(40));
        assertThat(onSite.state()).isEqualTo(ClockState.MET_LATE);
        assertThat(onSite.overdue()).isEqualTo(Duration.ofHours(5));
    }

    @Test
    void phaseBudgetsRunFromTheStartOfTheEngagement() {
        given(hours(0), request(false));
        given(hours(1), match(null, null, null));
        given(hours(1).plus(Duration.ofDays(1)), phase(Phase.INVESTIGATION));
        given(hours(1).plus(Duration.ofDays(8)), phase(Phase.CONTAINMENT_RECOVERY));

        Instant later = hours(1).plus(Duration.ofDays(9));
        assertThat(reading(ClockKind.PHASE_INITIAL_RESPONSE, later).state()).isEqualTo(ClockState.MET);
        ClockReading investigation = reading(ClockKind.PHASE_INVESTIGATION, later);
        assertThat(investigation.state()).isEqualTo(ClockState.MET_LATE);
        assertThat(investigation.overdue()).isEqualTo(Duration.ofDays(1));
        assertThat(reading(ClockKind.PHASE_CONTAINMENT_RECOVERY, later).state()).isEqualTo(ClockState.RUNNING);
        assertThat(reading(ClockKind.PHASE_CONTAINMENT_RECOVERY, hours(1).plus(Duration.ofDays(31))).state()).isEqualTo(ClockState.BREACHED);
    }

    @Test
    void closureEndsThePhasesAndStartsTheReviewClock() {
        given(hours(0), request(false));
        given(hours(1), match(null, null, null));
        given(hours(1).plus(Duration.ofDays(10)), closure());
        Instant closed = hours(1).plus(Duration.ofDays(10));

        assertThat(reading(ClockKind.PHASE_CONTAINMENT_RECOVERY, closed.plusSeconds(60)).state()).isEqualTo(ClockState.MET);
        assertThat(reading(ClockKind.SITUATION_REPORT_CADENCE, closed.plusSeconds(60)).state()).isEqualTo(ClockState.STOPPED);
        assertThat(reading(ClockKind.CLOSURE_TO_REVIEW, closed.plus(Duration.ofDays(25))).state()).isEqualTo(ClockState.AT_RISK);

        given(closed.plus(Duration.ofDays(31)), review());
        ClockReading review = reading(ClockKind.CLOSURE_TO_REVIEW, closed.plus(Duration.ofDays(40)));
        assertThat(review.state()).isEqualTo(ClockState.MET_LATE);
        assertThat(review.overdue()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aWithdrawnRequestStopsItsClocks() {
        given(hours(0), request(true));
        given(hours(1), match(null, null, null));
        given(hours(2), withdrawal());

        List<ClockReading> readings = SlaClocks.at(timeline(), hours(100), POLICY);

        assertThat(readings).filteredOn(r -> r.kind() != ClockKind.REQUEST_TO_MATCH)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.state()).as("%s", r.kind()).isEqualTo(ClockState.STOPPED));
        assertThat(reading(ClockKind.REQUEST_TO_MATCH, hours(100)).state()).isEqualTo(ClockState.MET);
        assertThat(SlaClocks.nextChange(timeline(), hours(100), POLICY)).isEmpty();
    }

    @Test
    void situationReportsRestartTheCadenceAndALateOneIsMetLate() {
        given(hours(0), request(false));
        given(hours(1), match(null, null, null));
        given(hours(21), report());
        given(hours(51), report());

        List<ClockReading> cadence = SlaClocks.at(timeline(), hours(60), POLICY).stream()
                .filter(r -> r.kind() == ClockKind.SITUATION_REPORT_CADENCE).toList();

        assertThat(cadence).extracting(ClockReading::state).containsExactly(ClockState.MET, ClockState.MET_LATE, ClockState.RUNNING);
        assertThat(cadence.get(1).overdue()).isEqualTo(Duration.ofHours(6));
        assertThat(cadence.get(2).startedAt()).isEqualTo(hours(51));
        assertThat(cadence).extracting(ClockReading::cycle).containsExactly(0, 1, 2);
    }

    @Test
    void aLateReportedEventIsTimedByWhenItOccurredWhateverOrderItWasRecordedIn() {
        given(hours(0), request(true));
        given(hours(1), match(null, null, null));
        given(hours(2), deployment(DeploymentMode.REMOTE));
        given(hours(21), report());
        given(hours(40), report());
        given(hours(20), deployment(DeploymentMode.ON_SITE)); // reported after the reports, occurred before them
        List<ClockReading> inRecordedOrder = SlaClocks.at(timeline(), hours(50), POLICY);

        List<IncidentEvent> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(7));
        IncidentTimeline reordered = IncidentTimeline.empty();
        for (IncidentEvent event : shuffled) {
            reordered = reordered.apply(event);
        }

        assertThat(SlaClocks.at(reordered, hours(50), POLICY)).isEqualTo(inRecordedOrder);
        assertThat(reading(ClockKind.MATCH_TO_ON_SITE, hours(50)).endedAt()).isEqualTo(hours(20));
        assertThat(reading(ClockKind.MATCH_TO_ON_SITE, hours(50)).state()).isEqualTo(ClockState.MET);
    }

    @Test
    void factsAfterTheInstantDoNotCountYet() {
        given(hours(0), request(false));
        given(hours(6), match(null, null, null));

        assertThat(reading(ClockKind.REQUEST_TO_MATCH, hours(5)).state()).isEqualTo(ClockState.BREACHED);
        assertThat(SlaClocks.at(timeline(), hours(5), POLICY)).noneMatch(r -> r.kind() == ClockKind.MATCH_TO_REMOTE_SUPPORT);
    }

    @Test
    void onlyPagedStatesAreChangesAndARepeatedStateIsNot() {
        given(hours(0), request(false));
        List<ClockReading> running = SlaClocks.at(timeline(), hours(1), POLICY);
        List<ClockReading> atRisk = SlaClocks.at(timeline(), hours(3).plusSeconds(1800), POLICY);
        List<ClockReading> breached = SlaClocks.at(timeline(), hours(5), POLICY);

        assertThat(SlaClocks.changes(List.of(), running)).isEmpty();
        assertThat(SlaClocks.changes(running, atRisk)).extracting(c -> c.to().state()).containsExactly(ClockState.AT_RISK);
        assertThat(SlaClocks.changes(atRisk, breached)).extracting(c -> c.to().state()).containsExactly(ClockState.BREACHED);
        assertThat(SlaClocks.changes(breached, SlaClocks.at(timeline(), hours(6), POLICY))).isEmpty();
    }

    @Test
    void leavingBreachedIsAChangeSoThatAPageCanBeResolved() {
        given(hours(0), request(false));
        given(hours(1), match(null, null, null));
        List<ClockReading> breached = SlaClocks.at(timeline(), hours(4), POLICY);
        given(hours(2), deployment(DeploymentMode.REMOTE)); // reported late, occurred in time

        assertThat(SlaClocks.changes(breached, SlaClocks.at(timeline(), hours(4), POLICY)))
                .filteredOn(c -> c.to().kind() == ClockKind.MATCH_TO_REMOTE_SUPPORT)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.from().state()).isEqualTo(ClockState.BREACHED);
                    assertThat(c.to().state()).isEqualTo(ClockState.MET);
                });
    }

    @Test
    void aFactTimedAheadOfTheInstantIsTheNextChange() {
        given(hours(0), request(false));
        given(hours(1).plusSeconds(120), match(null, null, null));

        assertThat(SlaClocks.nextChange(timeline(), hours(1), POLICY)).contains(hours(1).plusSeconds(120));
    }

    @Test
    void theContractFormKeepsLatenessOnlyOnceItIsFixed() {
        given(hours(0), request(false));
        IncidentTimeline timeline = timeline();
        ClockReading breached = reading(ClockKind.REQUEST_TO_MATCH, hours(5));
        given(hours(6), match(null, null, null));
        ClockReading late = reading(ClockKind.REQUEST_TO_MATCH, hours(7));

        assertThat(SlaViews.clock(breached).getLatenessMillis()).isNull();
        assertThat(SlaViews.clock(reading(ClockKind.REQUEST_TO_MATCH, hours(5).plusSeconds(600))))
                .as("a breached clock reads the same whenever it is read").isEqualTo(SlaViews.clock(breached));
        assertThat(SlaViews.clock(late).getLatenessMillis()).isEqualTo(Duration.ofHours(2).toMillis());
        assertThat(SlaViews.view(SampleEvents.INCIDENT_ID, timeline, 1, List.of(breached)).getRequestingMemberState())
                .isEqualTo(timeline.requestingMemberState());
    }

    @Test
    void theReplayCountsOnlyWhatWasRecordedByTheInstant() {
        RecordedEvent request = recorded(1, hours(0), request(false));
        RecordedEvent match = recorded(2, hours(6), match(null, null, null));

        var before = SlaReplay.of(List.of(request, match), POLICY, hours(5));
        var after = SlaReplay.of(List.of(match, request), POLICY, hours(7));

        assertThat(before.get(SampleEvents.INCIDENT_ID).getThroughSequence()).isEqualTo(1);
        assertThat(before.get(SampleEvents.INCIDENT_ID).getClocks()).singleElement()
                .satisfies(c -> assertThat(c.getState()).isEqualTo(SlaClockState.BREACHED));
        assertThat(after.get(SampleEvents.INCIDENT_ID).getThroughSequence()).isEqualTo(2);
        assertThat(after.get(SampleEvents.INCIDENT_ID).getClocks().get(0).getState()).isEqualTo(SlaClockState.MET_LATE);
    }

    private static RecordedEvent recorded(long sequence, Instant at, Object payload) {
        return RecordedEvent.newBuilder().setIncidentId(SampleEvents.INCIDENT_ID).setSequence(sequence)
                .setRecordedAt(at).setSubmissionTopic("submissions.de-bsi").setSubmissionPartition(0).setSubmissionOffset(sequence)
                .setEvent(SlaPayloads.event(SampleEvents.INCIDENT_ID, at, payload))
                .setPreviousHash(ByteBuffer.allocate(32)).setHash(ByteBuffer.allocate(32)).build();
    }

    // ------------------------------------------------------------------ the incident's history

    private void given(Instant occurredAt, Object payload) {
        history.add(SlaPayloads.event(SampleEvents.INCIDENT_ID, occurredAt, payload));
    }

    private IncidentTimeline timeline() {
        IncidentTimeline timeline = IncidentTimeline.empty();
        for (IncidentEvent event : history) {
            timeline = timeline.apply(event);
        }
        return timeline;
    }

    private ClockReading reading(ClockKind kind, Instant at) {
        return SlaClocks.at(timeline(), at, POLICY).stream().filter(r -> r.kind() == kind)
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError(kind + " has not started at " + at));
    }

    private static Instant hours(long hours) {
        return T0.plus(Duration.ofHours(hours));
    }
}
