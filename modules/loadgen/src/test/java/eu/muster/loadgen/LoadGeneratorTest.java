package eu.muster.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import eu.muster.contract.DeploymentMode;
import eu.muster.contract.DeploymentStarted;
import eu.muster.contract.IncidentClosed;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.IncidentReclassified;
import eu.muster.contract.MutualAssistanceRequested;
import eu.muster.contract.PostIncidentReviewFiled;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.SituationReportAcknowledged;
import eu.muster.contract.SituationReported;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private static final Instant START = Instant.parse("2026-01-05T06:00:00Z");
    private static final String DIGEST_BEFORE_BRIEF = "067d64a2a991cbf918ee56a474c3734b4b9429857626dcff55dd93e96e0dc5ac";

    @Test
    void theSameSeedGivesTheSameSubmissionsByteForByte() {
        LoadSettings settings = LoadSettings.of(42, 500, START).withConcurrentIncidents(40);
        assertThat(digest(new LoadGenerator(settings), 20_000)).isEqualTo(digest(new LoadGenerator(settings), 20_000));
    }

    @Test
    void anotherSeedGivesOtherSubmissions() {
        LoadSettings settings = LoadSettings.of(42, 500, START).withConcurrentIncidents(40);
        assertThat(digest(new LoadGenerator(settings), 2_000)).isNotEqualTo(digest(new LoadGenerator(
                new LoadSettings(43, 500, 40, 0.02, 0, START, Directory.development())), 2_000));
    }

    @Test
    void idsAreCanonicalAndNeverRepeat() {
        LoadGenerator generator = new LoadGenerator(LoadSettings.of(5, 300, START).withConcurrentIncidents(30));
        Set<String> eventIds = new HashSet<>();
        while (generator.hasNext()) {
            IncidentEvent event = generator.next().event();
            assertThat(eventIds.add(event.getEventId())).as("eventId %s unique", event.getEventId()).isTrue();
            assertThat(event.getEventId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(event.getIncidentId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
    }

    @Test
    void occurredAtNeverGoesBackAndStartsAtTheStart() {
        LoadGenerator generator = new LoadGenerator(LoadSettings.of(11, 1_000, START).withConcurrentIncidents(100));
        Instant previous = START;
        long count = 0;
        while (generator.hasNext()) {
            Instant at = generator.next().event().getOccurredAt();
            assertThat(at).as("occurredAt of submission %d", count).isAfterOrEqualTo(previous);
            previous = at;
            count++;
        }
        assertThat(count).isGreaterThan(10_000);
    }

    @Test
    void noMoreIncidentsAreOpenThanTheConcurrencyAllows() {
        // A million incidents: the generator must neither build them up front nor hold them; it only opens them as others finish.
        int concurrent = 250;
        LoadGenerator generator = new LoadGenerator(LoadSettings.of(3, 1_000_000, START).withConcurrentIncidents(concurrent));
        int most = 0;
        for (int i = 0; i < 200_000; i++) {
            generator.next();
            most = Math.max(most, generator.openIncidents());
        }
        assertThat(most).isEqualTo(concurrent);
        assertThat(generator.incidentsOpened()).isGreaterThan(concurrent).isLessThan(1_000_000);
    }

    @Test
    void everyIncidentIsRequestedOnceAndTheCountFollowsTheRequestsEmitted() {
        LoadGenerator generator = new LoadGenerator(LoadSettings.of(4, 120, START).withConcurrentIncidents(12).withBriefShare(0.5));
        Set<String> requestedIncidents = new HashSet<>();
        while (generator.hasNext()) {
            GeneratedSubmission submission = generator.next();
            if (submission.expectedAccepted() && submission.event().getPayload() instanceof RequestFiled) {
                assertThat(requestedIncidents.add(submission.event().getIncidentId())).as("one request per incident").isTrue();
            }
            assertThat(generator.incidentsRequested()).isEqualTo(requestedIncidents.size());
        }
        assertThat(generator.incidentsRequested()).isEqualTo(120);
    }

    @Test
    void theInvalidShareIsKept() {
        LoadGenerator generator = new LoadGenerator(LoadSettings.of(8, 100_000, START));
        int invalid = 0;
        int total = 20_000;
        for (int i = 0; i < total; i++) {
            if (!generator.next().expectedAccepted()) {
                invalid++;
            }
        }
        assertThat((double) invalid / total).isCloseTo(LoadSettings.DEFAULT_INVALID_SHARE, within(0.005));
    }

    @Test
    void aShareOfNothingGivesOnlyValidSubmissions() {
        LoadGenerator generator = new LoadGenerator(LoadSettings.of(8, 200, START).withInvalidShare(0));
        while (generator.hasNext()) {
            GeneratedSubmission submission = generator.next();
            assertThat(submission.invalid()).isEmpty();
            assertThat(submission.topicOrganisationId()).isEqualTo(submission.event().getProducer().getId());
        }
    }

    @Test
    void incidentsLiveThroughTheirWholeLifecycle() {
        int incidents = 400;
        LoadGenerator generator = new LoadGenerator(LoadSettings.of(21, incidents, START).withConcurrentIncidents(60).withInvalidShare(0));
        Map<Class<?>, Integer> byType = new HashMap<>();
        long total = 0;
        while (generator.hasNext()) {
            byType.merge(generator.next().event().getPayload().getClass(), 1, Integer::sum);
            total++;
        }
        int requests = byType.getOrDefault(RequestFiled.class, 0);
        int withdrawn = byType.getOrDefault(RequestWithdrawn.class, 0);
        int closed = byType.getOrDefault(IncidentClosed.class, 0);
        int reports = byType.getOrDefault(SituationReported.class, 0);
        int acknowledgements = byType.getOrDefault(SituationReportAcknowledged.class, 0);
        System.out.printf("[loadgen] lifecycle mix of %d incidents, %d events (%.1f per incident): %s%n",
                incidents, total, (double) total / incidents, byType.entrySet().stream()
                        .sorted(Map.Entry.<Class<?>, Integer>comparingByValue().reversed())
                        .map(e -> e.getKey().getSimpleName() + "=" + e.getValue()).toList());
        assertThat(requests).isEqualTo(incidents);
        assertThat(withdrawn).as("a few requests are withdrawn").isPositive().isLessThan(incidents / 10);
        assertThat(closed + withdrawn).as("every incident ends, closed or withdrawn").isEqualTo(incidents);
        assertThat(byType.get(PostIncidentReviewFiled.class)).as("every closed incident is reviewed").isEqualTo(closed);
        assertThat(byType.keySet()).as("every payload type occurs").hasSize(16);
        assertThat(reports + acknowledgements).as("reports and acknowledgements dominate").isGreaterThan((int) (total / 2));
    }

    @Test
    void briefIncidentsLiveAWholeLifecycleInAboutTenEvents() {
        int incidents = 2_000;
        LoadGenerator brief = new LoadGenerator(LoadSettings.of(21, incidents, START).withConcurrentIncidents(60).withInvalidShare(0)
                .withBriefShare(1));
        Map<Class<?>, Integer> byType = new HashMap<>();
        Map<String, Set<String>> statesOf = new HashMap<>();
        long total = 0;
        int onSite = 0;
        while (brief.hasNext()) {
            IncidentEvent event = brief.next().event();
            byType.merge(event.getPayload().getClass(), 1, Integer::sum);
            onSite += onSite(event);
            if (event.getPayload() instanceof RequestFiled request) {
                statesOf.put(event.getIncidentId(), Set.copyOf(request.getAffectedMemberStates()));
            }
            total++;
        }
        double perIncident = (double) total / incidents;
        System.out.printf("[loadgen] brief lifecycle mix of %d incidents, %d events (%.1f per incident): %s%n", incidents, total, perIncident,
                byType);
        int withdrawn = byType.getOrDefault(RequestWithdrawn.class, 0);
        assertThat(byType.get(RequestFiled.class)).isEqualTo(incidents);
        assertThat(byType.getOrDefault(IncidentClosed.class, 0) + withdrawn).as("every incident ends").isEqualTo(incidents);
        assertThat(byType.get(PostIncidentReviewFiled.class)).as("every closed incident is reviewed").isEqualTo(incidents - withdrawn);
        assertThat(byType.get(SituationReported.class)).as("closed incidents report first").isGreaterThan(incidents - withdrawn);
        assertThat(byType).as("no mutual assistance, no reclassification").doesNotContainKeys(MutualAssistanceRequested.class,
                IncidentReclassified.class);
        assertThat(onSite).as("remote support only").isZero();
        assertThat(statesOf.values()).as("one member state each").allSatisfy(states -> assertThat(states).hasSize(1));
        assertThat(perIncident).isBetween(8.0, 12.0);

        LoadGenerator usual = new LoadGenerator(LoadSettings.of(21, incidents, START).withConcurrentIncidents(60).withInvalidShare(0));
        long usualTotal = 0;
        while (usual.hasNext()) {
            usual.next();
            usualTotal++;
        }
        assertThat((double) usualTotal / incidents).as("the usual incident lives longer").isGreaterThan(2 * perIncident);
    }

    @Test
    void aShareOfBriefIncidentsMixesBoth() {
        int incidents = 2_000;
        LoadGenerator mixed = new LoadGenerator(LoadSettings.of(22, incidents, START).withConcurrentIncidents(60).withInvalidShare(0)
                .withBriefShare(0.5));
        int requests = 0;
        int onSite = 0;
        while (mixed.hasNext()) {
            IncidentEvent event = mixed.next().event();
            requests += event.getPayload() instanceof RequestFiled ? 1 : 0;
            onSite += onSite(event);
        }
        assertThat(requests).isEqualTo(incidents);
        // About half the incidents are brief and never on site; the usual ones go on site 40 % of the time (less the withdrawn).
        assertThat(onSite).isBetween(incidents / 10, incidents * 3 / 10);
    }

    @Test
    void withoutBriefIncidentsTheTrafficIsWhatItWasBeforeThereWereAny() {
        // The digest of the first 20,000 submissions of these settings at commit ca4ff11, before brief incidents: runs stay comparable.
        LoadSettings settings = LoadSettings.of(42, 500, START).withConcurrentIncidents(40);
        assertThat(digest(new LoadGenerator(settings), 20_000)).isEqualTo(DIGEST_BEFORE_BRIEF);
    }

    @Test
    void theEstimateIsExactForSmallRunsAndCloseForLargeOnes() {
        LoadSettings small = LoadSettings.of(9, 150, START).withConcurrentIncidents(30);
        LoadGenerator exact = new LoadGenerator(small);
        long lastMillis = START.toEpochMilli();
        long count = 0;
        for (LoadGenerator g = new LoadGenerator(small); g.hasNext(); count++) {
            lastMillis = g.next().event().getOccurredAt().toEpochMilli();
        }
        assertThat(exact.expectedEvents()).isEqualTo(count);
        assertThat(exact.expectedSpan()).isEqualTo(Duration.ofMillis(lastMillis - START.toEpochMilli()));

        LoadSettings large = LoadSettings.of(9, 3_000, START).withConcurrentIncidents(100);
        LoadGenerator estimated = new LoadGenerator(large);
        long actual = 0;
        Instant last = START;
        while (estimated.hasNext()) {
            last = estimated.next().event().getOccurredAt();
            actual++;
        }
        assertThat((double) estimated.expectedEvents()).isCloseTo(actual, within(actual * 0.1));
        assertThat(estimated.expectedSpan()).isGreaterThanOrEqualTo(Duration.between(START, last));
        System.out.printf("[loadgen] 3000 incidents, 100 at once: %d submissions (estimated %d), span %s (estimated %s)%n",
                actual, estimated.expectedEvents(), Duration.between(START, last), estimated.expectedSpan());
    }

    @Test
    void aRunEndingBeforeNowLiesWhollyInThePastAndIsTheSameTrafficShifted() {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        LoadSettings settings = LoadSettings.of(13, 2_000, START).withConcurrentIncidents(50).endingBefore(now);
        LoadGenerator placed = new LoadGenerator(settings);
        LoadGenerator elsewhere = new LoadGenerator(settings.withStart(START));
        Instant last = settings.start();
        while (placed.hasNext()) {
            IncidentEvent event = placed.next().event();
            IncidentEvent same = elsewhere.next().event();
            assertThat(event.getEventId()).isEqualTo(same.getEventId());
            assertThat(Duration.between(settings.start(), event.getOccurredAt())).isEqualTo(Duration.between(START, same.getOccurredAt()));
            last = event.getOccurredAt();
        }
        assertThat(elsewhere.hasNext()).isFalse();
        assertThat(last).isBefore(now);
        System.out.printf("[loadgen] 2000 incidents, 50 at once, ending before %s: start %s, last event %s%n", now, settings.start(), last);
    }

    @Test
    void aRunOfNoIncidentsIsEmpty() {
        LoadGenerator generator = new LoadGenerator(LoadSettings.of(1, 0, START));
        assertThat(generator.hasNext()).isFalse();
        assertThat(generator.expectedEvents()).isZero();
        assertThatThrownBy(generator::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> LoadSettings.of(1, 10, START).withInvalidShare(0.9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadSettings.of(1, 10, START).withConcurrentIncidents(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadSettings.of(1, -1, START)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadSettings.of(1, 10, START).withBriefShare(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("briefShare");
        assertThatThrownBy(() -> LoadSettings.of(1, 10, START).withBriefShare(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int onSite(IncidentEvent event) {
        return event.getPayload() instanceof DeploymentStarted started && started.getMode() == DeploymentMode.ON_SITE ? 1 : 0;
    }

    /** SHA-256 over the Avro single-object encoding of each event, its topic and its expectation. */
    static String digest(LoadGenerator generator, int count) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < count && generator.hasNext(); i++) {
                GeneratedSubmission submission = generator.next();
                ByteBuffer bytes = submission.event().toByteBuffer();
                sha.update(bytes);
                sha.update(submission.topicOrganisationId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(submission.invalid().map(Enum::name).orElse("valid").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
