package eu.muster.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.contract.RequestFiled;
import eu.muster.loadgen.GeneratedSubmission;
import eu.muster.loadgen.LoadGenerator;
import eu.muster.loadgen.LoadSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficTest {

    private static final LoadSettings LOAD = LoadSettings.of(5, 300, Instant.parse("2026-01-05T06:00:00Z")).withConcurrentIncidents(30)
            .withBriefShare(0.5);

    @Test
    void aResumedTrafficSendsTheUnsentFirstThenGoesOnWhereTheKeptOneStopped() {
        Traffic first = Traffic.fresh(new LoadGenerator(LOAD));
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            taken.add(first.next().event().getEventId());
        }
        // Say the driver had sent all but three: one from early on, two at the end.
        Set<String> unsent = new LinkedHashSet<>(List.of(taken.get(17), taken.get(998), taken.get(999)));
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            after.add(first.next().event().getEventId());
        }

        Traffic resumed = Traffic.resumed(new LoadGenerator(LOAD), 1_000, taken.get(999), unsent, done -> { });

        assertThat(resumed.generated()).isEqualTo(1_000);
        assertThat(resumed.unsent(Set.of())).containsExactly(taken.get(17), taken.get(998), taken.get(999));
        List<String> next = new ArrayList<>();
        for (int i = 0; i < 503; i++) {
            next.add(resumed.next().event().getEventId());
        }
        assertThat(next.subList(0, 3)).as("the unsent first, in the order generated").containsExactly(taken.get(17), taken.get(998),
                taken.get(999));
        assertThat(next.subList(3, 503)).as("then where the kept run stopped").isEqualTo(after);
        assertThat(resumed.generated()).isEqualTo(1_500);
        assertThat(resumed.lastGenerated()).isEqualTo(after.get(499));
    }

    @Test
    void otherTrafficIsRefused() {
        Traffic first = Traffic.fresh(new LoadGenerator(LOAD));
        String last = null;
        for (int i = 0; i < 200; i++) {
            last = first.next().event().getEventId();
        }
        String lastOfKeptRun = last;
        LoadGenerator otherSeed = new LoadGenerator(new LoadSettings(6, 300, 30, LOAD.invalidShare(), LOAD.briefShare(), LOAD.start(),
                LOAD.directory()));
        assertThatThrownBy(() -> Traffic.resumed(otherSeed, 200, lastOfKeptRun, Set.of(), done -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not the kept run's");
        assertThatThrownBy(() -> Traffic.resumed(new LoadGenerator(LOAD), 200, lastOfKeptRun, Set.of("not-generated"), done -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 of 1 unsent submissions not found");
        assertThatThrownBy(() -> Traffic.resumed(new LoadGenerator(LOAD.withIncidents(2)), 200, lastOfKeptRun, Set.of(), done -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be the same traffic");
    }

    @Test
    void untilEveryIncidentIsFiledEndsAtTheLastRequestAndLeavesTheRestForLater() {
        Traffic traffic = Traffic.fresh(new LoadGenerator(LOAD));
        Iterator<GeneratedSubmission> untilFiled = traffic.untilEveryIncidentFiled();
        Set<String> requested = new HashSet<>();
        GeneratedSubmission last = null;
        while (untilFiled.hasNext()) {
            last = untilFiled.next();
            if (last.expectedAccepted() && last.event().getPayload() instanceof RequestFiled) {
                requested.add(last.event().getIncidentId());
            }
        }
        assertThat(requested).hasSize(300);
        assertThat(last.event().getPayload()).as("it ends with the last request").isInstanceOf(RequestFiled.class);
        assertThat(traffic.everyIncidentFiled()).isTrue();
        assertThatThrownBy(untilFiled::next).isInstanceOf(NoSuchElementException.class);

        long before = traffic.generated();
        long rest = 0;
        while (traffic.hasNext()) {
            GeneratedSubmission submission = traffic.next();
            if (submission.expectedAccepted()) {
                assertThat(submission.event().getPayload()).as("no incident filed after the last").isNotInstanceOf(RequestFiled.class);
            }
            rest++;
        }
        assertThat(rest).as("the open incidents' lifecycles remain in the traffic").isPositive();
        assertThat(before + rest).isEqualTo(traffic.generated());
    }

    @Test
    void aResumedTrafficTakesItsCarriedSubmissionsEvenWhenEveryIncidentIsFiled() {
        Traffic first = Traffic.fresh(new LoadGenerator(LOAD));
        Iterator<GeneratedSubmission> untilFiled = first.untilEveryIncidentFiled();
        List<String> taken = new ArrayList<>();
        while (untilFiled.hasNext()) {
            taken.add(untilFiled.next().event().getEventId());
        }
        String unsent = taken.get(taken.size() - 1);

        Traffic resumed = Traffic.resumed(new LoadGenerator(LOAD), taken.size(), unsent, Set.of(unsent), done -> { });
        assertThat(resumed.everyIncidentFiled()).isFalse();
        Iterator<GeneratedSubmission> resumedUntilFiled = resumed.untilEveryIncidentFiled();
        assertThat(resumedUntilFiled.next().event().getEventId()).isEqualTo(unsent);
        assertThat(resumedUntilFiled.hasNext()).isFalse();
    }

    @Test
    void aFreshTrafficIsTheGeneratorsOwn() {
        Traffic traffic = Traffic.fresh(new LoadGenerator(LOAD));
        LoadGenerator same = new LoadGenerator(LOAD);
        Set<String> seen = new HashSet<>();
        while (same.hasNext()) {
            GeneratedSubmission submission = same.next();
            assertThat(traffic.next().event().getEventId()).isEqualTo(submission.event().getEventId());
            seen.add(submission.event().getEventId());
        }
        assertThat(traffic.hasNext()).isFalse();
        assertThat(traffic.generated()).isEqualTo(seen.size());
    }
}
