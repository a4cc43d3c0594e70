package eu.muster.sla.view;

import static eu.muster.sla.SlaPayloads.closure;
import static eu.muster.sla.SlaPayloads.deployment;
import static eu.muster.sla.SlaPayloads.event;
import static eu.muster.sla.SlaPayloads.match;
import static eu.muster.sla.SlaPayloads.report;
import static eu.muster.sla.SlaPayloads.request;
import static eu.muster.sla.SlaPayloads.withdrawal;
import static eu.muster.sla.view.SlaDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import eu.muster.contract.DeploymentMode;
import eu.muster.contract.SlaAlert;
import eu.muster.contract.SlaBreach;
import eu.muster.contract.SlaClock;
import eu.muster.contract.SlaClockKind;
import eu.muster.contract.SlaClockState;
import eu.muster.contract.SlaView;
import eu.muster.sla.SlaPayloads;
import eu.muster.sla.SlaPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlaTopologyTest {

    private static final SlaPolicy POLICY = SlaPolicy.defaults();
    private static final String INCIDENT = "0b6c5d4e-0000-4000-8000-000000000001";
    private static final String OTHER = "0b6c5d4e-0000-4000-8000-000000000002";

    @TempDir
    Path stateDir;
    private SlaDriver sla;

    @BeforeEach
    void start() {
        sla = new SlaDriver(stateDir, POLICY);
    }

    @AfterEach
    void stop() {
        sla.close();
    }

    /** Each clock, the events that start it, when it starts and its default window. */
    static Stream<Arguments> everyClock() {
        Instant matched = hours(1);
        Instant closed = hours(10);
        return Stream.of(
                Arguments.of(SlaClockKind.REQUEST_TO_MATCH, List.<Object>of(request(false)), T0, Duration.ofHours(4)),
                Arguments.of(SlaClockKind.MATCH_TO_REMOTE_SUPPORT, List.of(request(false), match(null, null, null)), matched, Duration.ofHours(2)),
                Arguments.of(SlaClockKind.MATCH_TO_ON_SITE, List.of(request(true), match(null, null, null)), matched, Duration.ofHours(24)),
                Arguments.of(SlaClockKind.PHASE_INITIAL_RESPONSE, List.of(request(false), match(null, null, null)), matched, Duration.ofDays(2)),
                Arguments.of(SlaClockKind.PHASE_INVESTIGATION, List.of(request(false), match(null, null, null)), matched, Duration.ofDays(7)),
                Arguments.of(SlaClockKind.PHASE_CONTAINMENT_RECOVERY, List.of(request(false), match(null, null, null)), matched, Duration.ofDays(30)),
                Arguments.of(SlaClockKind.CLOSURE_TO_REVIEW, List.of(request(false), match(null, null, null), closure()), closed, Duration.ofDays(30)),
                Arguments.of(SlaClockKind.SITUATION_REPORT_CADENCE, List.of(request(false), match(null, null, null)), matched, Duration.ofHours(24)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyClock")
    void everyClockIsAtRiskAndThenBreachedAsTimePassesWithNoNewEvent(SlaClockKind kind, List<Object> payloads, Instant startsAt, Duration window) {
        Instant[] at = {T0, hours(1), hours(10)};
        for (int i = 0; i < payloads.size(); i++) {
            recordAt(INCIDENT, at[i], payloads.get(i));
        }
        Instant atRisk = startsAt.plusMillis(window.toMillis() * 8 / 10);
        Instant deadline = startsAt.plus(window);

        sla.wallClockAt(atRisk.minusSeconds(1));
        assertThat(alertsOf(kind)).isEmpty();
        assertThat(clock(INCIDENT, kind).getState()).isEqualTo(SlaClockState.RUNNING);

        sla.wallClockAt(atRisk.plusSeconds(1));
        assertThat(alertsOf(kind)).singleElement().satisfies(alert -> {
            assertThat(alert.getPreviousState()).isEqualTo(SlaClockState.RUNNING);
            assertThat(alert.getClock().getState()).isEqualTo(SlaClockState.AT_RISK);
            assertThat(alert.getRaisedAt()).isEqualTo(atRisk);
        });
        assertThat(clock(INCIDENT, kind).getState()).isEqualTo(SlaClockState.AT_RISK);

        sla.wallClockAt(deadline.plusSeconds(1));
        assertThat(alertsOf(kind)).hasSize(2).last().satisfies(alert -> {
            assertThat(alert.getPreviousState()).isEqualTo(SlaClockState.AT_RISK);
            assertThat(alert.getClock().getState()).isEqualTo(SlaClockState.BREACHED);
            assertThat(alert.getRaisedAt()).isEqualTo(deadline);
            assertThat(alert.getClock().getDeadline()).isEqualTo(deadline);
            assertThat(alert.getClock().getWindowMillis()).isEqualTo(window.toMillis());
        });
        assertThat(clock(INCIDENT, kind).getState()).isEqualTo(SlaClockState.BREACHED);
        assertThat(sla.queries.openBreaches()).anySatisfy(breach -> {
            assertThat(breach.getIncidentId()).isEqualTo(INCIDENT);
            assertThat(breach.getClock().getKind()).isEqualTo(kind);
        });
    }

    @Test
    void theAlertsRecordTimestampIsTheInstantItWasRaisedForNotWhenThePunctuationRan() {
        recordAt(INCIDENT, T0, request(false));

        sla.wallClockAt(hours(30)); // the processor was away: both changes are raised at once, each at its own instant

        assertThat(sla.alertRecords()).extracting(TestRecord::getRecordTime, r -> r.value().getClock().getState())
                .containsExactly(
                        tuple(T0.plus(Duration.ofMinutes(192)), SlaClockState.AT_RISK),
                        tuple(hours(4), SlaClockState.BREACHED));
    }

    @Test
    void aMatchInTimeMeetsTheClockWithNoAlert() {
        recordAt(INCIDENT, T0, request(false));
        recordAt(INCIDENT, hours(1), match(null, null, null));

        sla.wallClockAt(hours(1).plusSeconds(30));

        SlaClock clock = clock(INCIDENT, SlaClockKind.REQUEST_TO_MATCH);
        assertThat(clock.getState()).isEqualTo(SlaClockState.MET);
        assertThat(clock.getEndedAt()).isEqualTo(hours(1));
        assertThat(clock.getLatenessMillis()).isNull();
        assertThat(alertsOf(SlaClockKind.REQUEST_TO_MATCH)).isEmpty();
        assertThat(sla.queries.openBreaches()).isEmpty();
    }

    @Test
    void aLateMatchMovesTheBreachToMetLateWithItsLatenessAndKeepsItInTheHistory() {
        recordAt(INCIDENT, T0, request(false, "DE"));
        sla.wallClockAt(hours(5));
        assertThat(sla.queries.openBreaches()).hasSize(1);

        recordAt(INCIDENT, hours(6), match(null, null, null));

        assertThat(alertsOf(SlaClockKind.REQUEST_TO_MATCH)).last().satisfies(alert -> {
            assertThat(alert.getPreviousState()).isEqualTo(SlaClockState.BREACHED);
            assertThat(alert.getClock().getState()).isEqualTo(SlaClockState.MET_LATE);
            assertThat(alert.getClock().getLatenessMillis()).isEqualTo(Duration.ofHours(2).toMillis());
            assertThat(alert.getClock().getEndedAt()).isEqualTo(hours(6));
            assertThat(alert.getRaisedAt()).isEqualTo(hours(6));
        });
        assertThat(clock(INCIDENT, SlaClockKind.REQUEST_TO_MATCH).getState()).isEqualTo(SlaClockState.MET_LATE);
        assertThat(sla.queries.openBreaches()).isEmpty();
        assertThat(sla.queries.breachesInMemberState("DE")).singleElement()
                .satisfies(breach -> assertThat(breach.getClock().getState()).isEqualTo(SlaClockState.MET_LATE));
        // The match clock is ENISA's to meet, not the provider's.
        assertThat(sla.queries.breachesOfMssp(SlaPayloads.MSSP)).isEmpty();
    }

    @Test
    void aBreachStaysIndexedThroughEventsThatDoNotChangeItAndLeavesWhenItEnds() {
        recordAt(INCIDENT, T0, request(false, "DE"));
        recordAt(INCIDENT, hours(1), match(null, null, null));
        sla.wallClockAt(hours(4));
        List<SlaBreach> open = sla.queries.openBreaches();
        assertThat(open).extracting(b -> b.getClock().getKind()).containsExactly(SlaClockKind.MATCH_TO_REMOTE_SUPPORT);

        recordAt(INCIDENT, hours(5), report()); // changes no breach: the indexes keep what they hold
        recordAt(INCIDENT, hours(6), report());

        assertThat(sla.queries.openBreaches()).hasToString(open.toString());
        assertThat(sla.queries.breachesOfMssp(SlaPayloads.MSSP)).hasToString(open.toString());
        assertThat(sla.queries.breachesInMemberState("DE")).hasToString(open.toString());

        recordAt(INCIDENT, hours(7), deployment(DeploymentMode.REMOTE));

        assertThat(sla.queries.openBreaches()).isEmpty();
        assertThat(sla.queries.breachesOfMssp(SlaPayloads.MSSP)).singleElement()
                .satisfies(breach -> assertThat(breach.getClock().getState()).isEqualTo(SlaClockState.MET_LATE));
        assertThat(sla.queries.breachesInMemberState("DE")).singleElement()
                .satisfies(breach -> assertThat(breach.getClock().getState()).isEqualTo(SlaClockState.MET_LATE));
    }

    @Test
    void contractTermsOverrideTheDefaultWindows() {
        recordAt(INCIDENT, T0, request(true));
        recordAt(INCIDENT, hours(1), match(30L, 600L, 360L));

        sla.wallClockAt(hours(2));

        assertThat(clock(INCIDENT, SlaClockKind.MATCH_TO_REMOTE_SUPPORT).getWindowMillis()).isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(clock(INCIDENT, SlaClockKind.MATCH_TO_ON_SITE).getDeadline()).isEqualTo(hours(11));
        assertThat(clock(INCIDENT, SlaClockKind.SITUATION_REPORT_CADENCE).getDeadline()).isEqualTo(hours(7));
        assertThat(alertsOf(SlaClockKind.MATCH_TO_REMOTE_SUPPORT)).extracting(a -> a.getClock().getState(), SlaAlert::getRaisedAt)
                .containsExactly(tuple(SlaClockState.AT_RISK, hours(1).plus(Duration.ofMinutes(24))),
                        tuple(SlaClockState.BREACHED, hours(1).plus(Duration.ofMinutes(30))));
        assertThat(sla.queries.breachesOfMssp(SlaPayloads.MSSP)).singleElement()
                .satisfies(breach -> assertThat(breach.getClock().getKind()).isEqualTo(SlaClockKind.MATCH_TO_REMOTE_SUPPORT));
    }

    @Test
    void withdrawalStopsEveryRunningClockAndNothingFiresAfterwards() {
        recordAt(INCIDENT, T0, request(true));
        recordAt(INCIDENT, hours(1), match(null, null, null));
        recordAt(INCIDENT, hours(2), withdrawal());
        int alertsBefore = sla.alerts().size();

        sla.wallClockAt(hours(24 * 40));

        assertThat(sla.shownNow().get(INCIDENT).getClocks())
                .filteredOn(c -> c.getKind() != SlaClockKind.REQUEST_TO_MATCH)
                .isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.getState()).as("%s", c.getKind()).isEqualTo(SlaClockState.STOPPED);
                    assertThat(c.getEndedAt()).isEqualTo(hours(2));
                });
        assertThat(sla.alerts()).hasSize(alertsBefore);
        assertThat(sla.dueEntries()).isZero();
    }

    @Test
    void aLateReportedDeploymentIsTimedByWhenItOccurredAndResolvesTheBreach() {
        recordAt(INCIDENT, T0, request(false));
        recordAt(INCIDENT, hours(1), match(null, null, null));
        sla.wallClockAt(hours(3).plusSeconds(5));
        assertThat(clock(INCIDENT, SlaClockKind.MATCH_TO_REMOTE_SUPPORT).getState()).isEqualTo(SlaClockState.BREACHED);

        // Remote support began at 02:30, but the provider's system reported it only at 04:00.
        sla.record(event(INCIDENT, hours(2).plus(Duration.ofMinutes(30)), deployment(DeploymentMode.REMOTE)), hours(4));

        SlaClock remote = clock(INCIDENT, SlaClockKind.MATCH_TO_REMOTE_SUPPORT);
        assertThat(remote.getState()).isEqualTo(SlaClockState.MET);
        assertThat(remote.getEndedAt()).isEqualTo(hours(2).plus(Duration.ofMinutes(30)));
        assertThat(alertsOf(SlaClockKind.MATCH_TO_REMOTE_SUPPORT)).extracting(a -> a.getClock().getState())
                .containsExactly(SlaClockState.AT_RISK, SlaClockState.BREACHED, SlaClockState.MET);
        assertThat(sla.queries.openBreaches()).noneMatch(b -> b.getClock().getKind() == SlaClockKind.MATCH_TO_REMOTE_SUPPORT);
        assertThat(sla.queries.breachesOfMssp(SlaPayloads.MSSP)).isEmpty();
    }

    @Test
    void aSituationReportStartsTheNextCadenceCycle() {
        recordAt(INCIDENT, T0, request(false));
        recordAt(INCIDENT, hours(1), match(null, null, null));
        recordAt(INCIDENT, hours(20), report());

        sla.wallClockAt(hours(46));

        assertThat(sla.shownNow().get(INCIDENT).getClocks()).filteredOn(c -> c.getKind() == SlaClockKind.SITUATION_REPORT_CADENCE)
                .extracting(SlaClock::getCycle, SlaClock::getState)
                .containsExactly(tuple(0, SlaClockState.MET),
                        tuple(1, SlaClockState.BREACHED));
        assertThat(alertsOf(SlaClockKind.SITUATION_REPORT_CADENCE)).last()
                .satisfies(alert -> assertThat(alert.getRaisedAt()).isEqualTo(hours(44)));
    }

    @Test
    void streamTimeMovesIncidentsOnWhenABacklogIsReadFasterThanTheWallClock() {
        recordAt(INCIDENT, T0, request(false));
        // The wall clock stays at T0; another incident's event recorded at 05:00 moves stream time past the first one's deadline.
        sla.record(event(OTHER, hours(5), request(false)), hours(5));

        assertThat(alertsOf(SlaClockKind.REQUEST_TO_MATCH)).filteredOn(a -> a.getIncidentId().equals(INCIDENT))
                .extracting(a -> a.getClock().getState(), SlaAlert::getRaisedAt)
                .containsExactly(tuple(SlaClockState.AT_RISK, T0.plus(Duration.ofMinutes(192))),
                        tuple(SlaClockState.BREACHED, hours(4)));
    }

    @Test
    void anEventTimedAheadOfItsRecordingTakesEffectWhenItsTimeComesWithNoFurtherEvent() {
        recordAt(INCIDENT, T0, request(false));
        // Within the log's clock-skew tolerance: recorded at 01:00, occurred at 01:02 by the producer's clock.
        sla.record(event(INCIDENT, hours(1).plusSeconds(120), match(null, null, null)), hours(1));
        assertThat(clock(INCIDENT, SlaClockKind.REQUEST_TO_MATCH).getState()).isEqualTo(SlaClockState.RUNNING);

        sla.wallClockAt(hours(1).plusSeconds(121));

        assertThat(clock(INCIDENT, SlaClockKind.REQUEST_TO_MATCH).getState()).isEqualTo(SlaClockState.MET);
        assertThat(clock(INCIDENT, SlaClockKind.MATCH_TO_REMOTE_SUPPORT).getStartedAt()).isEqualTo(hours(1).plusSeconds(120));
        assertThat(sla.viewRecords()).last().satisfies(r -> assertThat(r.getRecordTime()).isEqualTo(hours(1).plusSeconds(120)));
    }

    @Test
    void breachesAreQueryablePerProviderAndPerMemberState() {
        recordAt(INCIDENT, T0, request(false, "DE"));
        recordAt(INCIDENT, hours(1), match("mssp-nordwind", 30L, null, null));
        recordAt(OTHER, T0, request(false, "FR"));
        recordAt(OTHER, hours(1), match("mssp-baltic", 30L, null, null));
        recordAt(OTHER, hours(1).plus(Duration.ofMinutes(20)), deployment(DeploymentMode.REMOTE));

        sla.wallClockAt(hours(2));

        assertThat(sla.queries.breachesOfMssp("mssp-nordwind")).extracting(SlaBreach::getIncidentId).containsExactly(INCIDENT);
        assertThat(sla.queries.breachesOfMssp("mssp-baltic")).isEmpty();
        assertThat(sla.queries.breachesInMemberState("DE")).extracting(SlaBreach::getIncidentId).containsExactly(INCIDENT);
        assertThat(sla.queries.breachesInMemberState("FR")).isEmpty();
        assertThat(sla.queries.openBreaches()).extracting(b -> b.getClock().getKind()).containsExactly(SlaClockKind.MATCH_TO_REMOTE_SUPPORT);
        assertThat(sla.queries.incident(OTHER)).get().extracting(SlaView::getMsspId).isEqualTo("mssp-baltic");
        assertThat(sla.queries.incident("no-such-incident")).isEmpty();
    }

    // ------------------------------------------------------------------

    private void recordAt(String incidentId, Instant at, Object payload) {
        sla.wallClockAt(at.isAfter(sla.wallClock()) ? at : sla.wallClock());
        sla.record(event(incidentId, at, payload), at);
    }

    private List<SlaAlert> alertsOf(SlaClockKind kind) {
        return sla.alerts().stream().filter(a -> a.getClock().getKind() == kind).toList();
    }

    private SlaClock clock(String incidentId, SlaClockKind kind) {
        SlaView view = sla.queries.incident(incidentId).orElseThrow(() -> new AssertionError("no view of " + incidentId));
        return view.getClocks().stream().filter(c -> c.getKind() == kind).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(kind + " has not started in " + view));
    }

    private static Instant hours(long hours) {
        return T0.plus(Duration.ofHours(hours));
    }
}
