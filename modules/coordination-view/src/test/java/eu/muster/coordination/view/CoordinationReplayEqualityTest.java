package eu.muster.coordination.view;

import static eu.muster.coordination.view.CoordinationTopologyTest.B;
import static eu.muster.coordination.view.CoordinationTopologyTest.POLICY;
import static eu.muster.coordination.view.CoordinationTopologyTest.SAMPLE;
import static eu.muster.coordination.view.CoordinationTopologyTest.T0;
import static eu.muster.coordination.view.CoordinationTopologyTest.like;
import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.contract.DeploymentMode;
import eu.muster.contract.IncidentEvent;
import eu.muster.coordination.CoordinationReplay;
import eu.muster.sla.SlaPayloads;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The determinism rule for the coordination and review views: the live topology runs two
 * interleaved incidents (one reported late, one timed ahead of its recording) while the wall clock
 * moves across acknowledgement and review deadlines; at every instant compared, each of its five
 * views equals what the auditor's replay computes from the log up to that instant.
 */
class CoordinationReplayEqualityTest {

    @TempDir
    Path stateDir;

    /** An event and when the log of record recorded it. */
    private record Recording(IncidentEvent event, Instant recordedAt) {
    }

    @Test
    void everyViewTheLiveTopologyShowsIsWhatTheReplayComputesFromTheLogUpToThatInstant() {
        List<Recording> log = new ArrayList<>();
        for (int i = 0; i < SAMPLE.size() - 1; i++) { // the whole lifecycle but the withdrawal
            IncidentEvent event = SAMPLE.get(i);
            // The acknowledgement (5) is reported three hours late; the review (15) is filed 40 days after closure.
            Instant occurred = i == 15 ? SAMPLE.get(14).getOccurredAt().plus(Duration.ofDays(40)) : event.getOccurredAt();
            IncidentEvent timed = i == 15 ? like(15, event.getIncidentId(), occurred, event.getPayload()) : event;
            log.add(new Recording(timed, occurred.plus(i == 5 ? Duration.ofHours(3) : Duration.ofSeconds(2))));
        }
        Instant b = T0.plus(Duration.ofMinutes(25));
        log.add(new Recording(like(0, B, b, SlaPayloads.request(true, "FR")), b.plusSeconds(5)));
        log.add(new Recording(like(1, B, b.plusSeconds(900), SlaPayloads.match("mssp-baltic", 60L, 600L, 120L)), b.plusSeconds(880)));
        log.add(new Recording(like(2, B, b.plusSeconds(2000), SlaPayloads.deployment(DeploymentMode.REMOTE)), b.plusSeconds(2001)));
        log.add(new Recording(like(4, B, b.plusSeconds(4000), SlaPayloads.report()), b.plusSeconds(4001)));
        log.sort(Comparator.comparing(Recording::recordedAt));

        List<Instant> instants = new ArrayList<>();
        for (Duration at : List.of(Duration.ofMinutes(30), Duration.ofMinutes(95), Duration.ofHours(2), Duration.ofHours(5),
                Duration.ofHours(7), Duration.ofDays(2), Duration.ofDays(31), Duration.ofDays(41), Duration.ofDays(60))) {
            instants.add(T0.plus(at));
        }

        int compared = 0;
        try (CoordinationDriver views = new CoordinationDriver(stateDir, POLICY, T0)) {
            int next = 0;
            for (Instant instant : instants) {
                while (next < log.size() && !log.get(next).recordedAt().isAfter(instant)) {
                    Recording recording = log.get(next++);
                    views.record(recording.event(), recording.recordedAt());
                }
                views.wallClockAt(instant);

                CoordinationReplay replay = new CoordinationReplay(POLICY, instant);
                views.log().forEach(replay::accept);
                assertThat(views.shown(CoordinationTopology.COORDINATION_STORE)).as("coordination at %s", instant).isEqualTo(text(replay.coordination()));
                assertThat(views.shown(CoordinationTopology.REVIEW_STORE)).as("review at %s", instant).isEqualTo(text(replay.review()));
                assertThat(views.shown(CoordinationTopology.MEMBER_STATE_STORE)).as("member states at %s", instant).isEqualTo(text(replay.memberStates()));
                assertThat(views.shown(CoordinationTopology.SCORECARD_STORE)).as("scorecards at %s", instant).isEqualTo(text(replay.scorecards()));
                assertThat(views.shown(CoordinationTopology.LESSONS_STORE)).as("lessons at %s", instant).isEqualTo(text(replay.lessons()));
                compared++;
            }
            assertThat(views.shown(CoordinationTopology.LESSONS_STORE)).as("the review was filed by the end").isNotEmpty();
        }
        assertThat(compared).isEqualTo(instants.size());
    }

    /**
     * Each view as its complete JSON rendering. Avro 1.12's generated equals cannot compare arrays of
     * records holding optional timestamps (it throws), so the comparison goes through the rendering.
     */
    private static Map<String, String> text(Map<String, ?> views) {
        Map<String, String> text = new TreeMap<>();
        views.forEach((key, view) -> text.put(key, String.valueOf(view)));
        return text;
    }
}
