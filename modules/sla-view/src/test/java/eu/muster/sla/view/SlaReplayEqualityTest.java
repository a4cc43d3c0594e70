package eu.muster.sla.view;

import static eu.muster.sla.SlaPayloads.closure;
import static eu.muster.sla.SlaPayloads.deployment;
import static eu.muster.sla.SlaPayloads.event;
import static eu.muster.sla.SlaPayloads.match;
import static eu.muster.sla.SlaPayloads.phase;
import static eu.muster.sla.SlaPayloads.report;
import static eu.muster.sla.SlaPayloads.request;
import static eu.muster.sla.SlaPayloads.review;
import static eu.muster.sla.SlaPayloads.withdrawal;
import static eu.muster.sla.view.SlaDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.contract.DeploymentMode;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Phase;
import eu.muster.contract.SlaView;
import eu.muster.sla.SlaPolicy;
import eu.muster.sla.SlaReplay;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The determinism rule, checked: the live topology runs a recorded log of many incidents (late
 * reports, events timed ahead of their recording, withdrawals, long silences) while the wall
 * clock moves; at many instants, what it shows equals, field for field, what the auditor's replay
 * computes from the log up to that instant. So does every view record it wrote, at its timestamp.
 */
class SlaReplayEqualityTest {

    private static final SlaPolicy POLICY = SlaPolicy.defaults();
    private static final int INCIDENTS = 12;
    private static final int SNAPSHOTS = 60;

    @TempDir
    Path stateDir;

    /** An event and the instant the log of record recorded it. */
    private record Recording(IncidentEvent event, Instant recordedAt) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void whatTheLiveTopologyShowedAtEachInstantIsWhatTheReplayComputesFromTheLogUpToIt(long seed) {
        Random random = new Random(seed);
        List<Recording> log = scenario(random);
        Instant end = log.get(log.size() - 1).recordedAt().plus(Duration.ofDays(35));
        List<Instant> snapshots = new ArrayList<>();
        for (int i = 0; i < SNAPSHOTS; i++) {
            snapshots.add(T0.plusMillis((long) (random.nextDouble() * Duration.between(T0, end).toMillis())));
        }
        snapshots.sort(Comparator.naturalOrder());

        int compared = 0;
        try (SlaDriver sla = new SlaDriver(stateDir, POLICY)) {
            int next = 0;
            for (Instant snapshot : snapshots) {
                while (next < log.size() && !log.get(next).recordedAt().isAfter(snapshot)) {
                    Recording recording = log.get(next++);
                    sla.wallClockAt(later(sla.wallClock(), recording.recordedAt()));
                    sla.record(recording.event(), recording.recordedAt());
                }
                if (!snapshot.isAfter(sla.wallClock().plusSeconds(1))) {
                    continue; // the wall-clock punctuation runs at most once a second
                }
                sla.wallClockAt(snapshot);
                assertThat(fields(sla.shownNow())).as("at %s", snapshot).isEqualTo(fields(SlaReplay.of(sla.log(), POLICY, snapshot)));
                compared++;
            }

            Map<String, TestRecord<String, SlaView>> lastAtInstant = new HashMap<>();
            for (TestRecord<String, SlaView> record : sla.viewRecords()) {
                lastAtInstant.put(record.key() + "@" + record.getRecordTime(), record);
            }
            for (TestRecord<String, SlaView> record : lastAtInstant.values()) {
                assertThat(fields(record.value())).as("the view of %s written for %s", record.key(), record.getRecordTime())
                        .isEqualTo(fields(SlaReplay.of(sla.log(), POLICY, record.getRecordTime()).get(record.key())));
            }
            assertThat(lastAtInstant).hasSizeGreaterThan(INCIDENTS * 5);
        }
        assertThat(compared).isGreaterThan(SNAPSHOTS / 2);
    }

    /**
     * Every field of a view, as text. Avro 1.12's generated equals cannot compare arrays of records
     * holding optional timestamps (it compares them without the logical-type conversions and throws),
     * so the comparison goes through the record's complete JSON rendering instead.
     */
    private static String fields(SlaView view) {
        return String.valueOf(view);
    }

    private static Map<String, String> fields(Map<String, SlaView> views) {
        Map<String, String> text = new java.util.TreeMap<>();
        views.forEach((incident, view) -> text.put(incident, fields(view)));
        return text;
    }

    /** Incidents with plausible lifecycles, recorded in the order the log of record would record them. */
    private static List<Recording> scenario(Random random) {
        List<Recording> all = new ArrayList<>();
        for (int n = 0; n < INCIDENTS; n++) {
            String incident = UUID.nameUUIDFromBytes(("incident-" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            Instant requested = T0.plus(minutes(random, 0, 3 * 24 * 60));
            boolean onSite = random.nextBoolean();
            add(all, random, incident, requested, request(onSite));
            if (random.nextInt(10) == 0) {
                add(all, random, incident, requested.plus(minutes(random, 10, 600)), withdrawal());
                continue;
            }
            Instant matched = requested.plus(minutes(random, 30, 6 * 60));
            add(all, random, incident, matched, random.nextBoolean() ? match(null, null, null) : match(90L, 12 * 60L, 8 * 60L));
            add(all, random, incident, matched.plus(minutes(random, 5, 4 * 60)), deployment(DeploymentMode.REMOTE));
            if (onSite && random.nextInt(4) > 0) {
                add(all, random, incident, matched.plus(minutes(random, 60, 36 * 60)), deployment(DeploymentMode.ON_SITE));
            }
            Instant closed = matched.plus(minutes(random, 2 * 24 * 60, 35 * 24 * 60));
            for (Instant at = matched.plus(minutes(random, 6 * 60, 30 * 60)); at.isBefore(closed); at = at.plus(minutes(random, 6 * 60, 30 * 60))) {
                add(all, random, incident, at, report());
            }
            add(all, random, incident, matched.plus(minutes(random, 24 * 60, 3 * 24 * 60)), phase(Phase.INVESTIGATION));
            add(all, random, incident, matched.plus(minutes(random, 4 * 24 * 60, 9 * 24 * 60)), phase(Phase.CONTAINMENT_RECOVERY));
            if (random.nextInt(6) == 0) {
                add(all, random, incident, closed.minus(minutes(random, 60, 600)), withdrawal());
                continue;
            }
            add(all, random, incident, closed, closure());
            if (random.nextInt(3) > 0) {
                add(all, random, incident, closed.plus(minutes(random, 24 * 60, 40 * 24 * 60)), review());
            }
        }
        all.sort(Comparator.comparing(Recording::recordedAt));
        return all;
    }

    /** Mostly recorded a moment after it occurred; sometimes hours late; sometimes timed a little ahead of the log's clock. */
    private static void add(List<Recording> all, Random random, String incident, Instant occurredAt, Object payload) {
        int kind = random.nextInt(10);
        Instant recordedAt = kind < 7 ? occurredAt.plusSeconds(random.nextInt(120))
                : kind < 9 ? occurredAt.plus(minutes(random, 60, 12 * 60))
                : occurredAt.minusSeconds(random.nextInt(240));
        all.add(new Recording(event(incident, occurredAt, payload), recordedAt));
    }

    private static Duration minutes(Random random, int from, int to) {
        return Duration.ofMinutes(from + random.nextInt(to - from));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
