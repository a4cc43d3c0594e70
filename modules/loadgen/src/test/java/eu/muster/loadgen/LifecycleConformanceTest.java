package eu.muster.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import eu.muster.contract.IncidentEvent;
import eu.muster.domain.Decision;
import eu.muster.domain.IncidentState;
import eu.muster.domain.LifecycleRules;
import eu.muster.domain.SubmissionCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds the generated traffic to the real lifecycle rules: every submission is decided, in the order
 * generated, as the log of record's processor decides it (the submission checks against the
 * directory, then {@link LifecycleRules#decide} against the state folded from the incident's
 * accepted events), and must come out exactly as the generator said: accepted, or rejected with the
 * reason and rule its {@link InvalidKind} names.
 */
class LifecycleConformanceTest {

    private static final Instant START = Instant.parse("2026-01-05T06:00:00Z");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 20260105})
    void everySubmissionComesOutAsExpectedAtTheDefaultShare(long seed) {
        LoadSettings settings = LoadSettings.of(seed, 150, START).withConcurrentIncidents(20);
        Map<InvalidKind, Integer> seen = decideAll(settings, 5_000);
        assertThat(seen.values().stream().mapToInt(Integer::intValue).sum()).as("invalid submissions seen").isPositive();
    }

    @Test
    void everyKindOfMistakeOccursAndIsRefusedByItsRule() {
        // A high share, so that even the kinds that need a rare state (a second review, an offer decided twice) come up.
        Map<InvalidKind, Integer> seen = new EnumMap<>(InvalidKind.class);
        for (long seed = 100; seed < 104; seed++) {
            LoadSettings settings = LoadSettings.of(seed, 120, START).withConcurrentIncidents(10).withInvalidShare(0.3);
            decideAll(settings, Integer.MAX_VALUE).forEach((kind, count) -> seen.merge(kind, count, Integer::sum));
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder(InvalidKind.values());
    }

    @ParameterizedTest(name = "brief share {0}")
    @ValueSource(doubles = {0.5, 1})
    void briefIncidentsComeOutAsExpectedToo(double briefShare) {
        LoadSettings settings = LoadSettings.of(31, 300, START).withConcurrentIncidents(40).withBriefShare(briefShare).withInvalidShare(0.1);
        Map<InvalidKind, Integer> seen = decideAll(settings, Integer.MAX_VALUE);
        assertThat(seen.values().stream().mapToInt(Integer::intValue).sum()).as("invalid submissions seen").isPositive();
    }

    @Test
    void aWholeRunIsDecidedAsExpected() {
        LoadSettings settings = LoadSettings.of(7, 200, START).withConcurrentIncidents(50);
        decideAll(settings, Integer.MAX_VALUE);
    }

    /** Decides up to {@code limit} submissions in order and fails at the first that comes out otherwise than expected. */
    private static Map<InvalidKind, Integer> decideAll(LoadSettings settings, int limit) {
        Directory directory = settings.directory();
        Map<String, IncidentState> states = new HashMap<>();
        Map<InvalidKind, Integer> seen = new EnumMap<>(InvalidKind.class);
        LoadGenerator generator = new LoadGenerator(settings);
        int decided = 0;
        while (generator.hasNext() && decided < limit) {
            GeneratedSubmission submission = generator.next();
            decided++;
            IncidentEvent event = submission.event();
            IncidentState state = states.getOrDefault(event.getIncidentId(), IncidentState.none());
            // The log's clock at the time of the event: the benchmark submits with start far enough back that nothing is from the future.
            Optional<Decision.Rejected> refused = SubmissionCheck.check(event, submission.topicOrganisationId(),
                    directory.byId(submission.topicOrganisationId()), event.getOccurredAt(), Duration.ZERO);
            Decision decision = refused.isPresent() ? refused.get() : LifecycleRules.decide(state, event);
            if (submission.invalid().isEmpty()) {
                if (decision instanceof Decision.Rejected rejected) {
                    fail("submission %d (seed %d), expected to be accepted, was rejected: %s%n%s", decided, settings.seed(), rejected, event);
                }
                states.put(event.getIncidentId(), state.apply(event));
            } else {
                InvalidKind kind = submission.invalid().get();
                if (!(decision instanceof Decision.Rejected rejected)) {
                    fail("submission %d (seed %d), expected to be rejected as %s, was accepted:%n%s", decided, settings.seed(), kind, event);
                    return seen;
                }
                assertThat(rejected.reason()).as("reason of %s (submission %d, seed %d): %s", kind, decided, settings.seed(), rejected.message())
                        .isEqualTo(kind.reason());
                assertThat(rejected.rule().id()).as("rule of %s (submission %d, seed %d): %s", kind, decided, settings.seed(), rejected.message())
                        .isEqualTo(kind.rule());
                assertThat(submission.expectedReason()).contains(rejected.reason());
                seen.merge(kind, 1, Integer::sum);
            }
        }
        return seen;
    }
}
