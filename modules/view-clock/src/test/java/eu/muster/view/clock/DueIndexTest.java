package eu.muster.view.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DueIndexTest {

    @Test
    void keysSortInTimeOrderWhateverTheIncidentIdAndGiveTheirInstantBack() {
        long early = Instant.parse("2026-05-04T08:00:00Z").toEpochMilli();
        long late = Instant.parse("2031-01-01T00:00:00Z").toEpochMilli();
        List<String> keys = new ArrayList<>(List.of(DueIndex.key(late, "aaa"), DueIndex.key(early, "zzz"), DueIndex.key(early + 1, "mmm")));

        keys.sort(null); // the byte order a store iterates in, for ASCII keys

        assertThat(keys).extracting(DueIndex::dueAt).containsExactly(early, early + 1, late);
        assertThat(DueIndex.key(early, "zzz")).endsWith("/zzz");
    }

    @Test
    void anInstantBefore1970IsDueAtOnce() {
        assertThat(DueIndex.dueAt(DueIndex.key(-5, "x"))).isZero();
    }
}
