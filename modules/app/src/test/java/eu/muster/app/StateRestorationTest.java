package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StateRestorationTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final StateRestoration restoration = new StateRestoration(now::get);
    private final TopicPartition changelog = new TopicPartition("muster-coordination-tracks-changelog", 3);

    @Test
    void everyRestoredBatchStartsTheQuietTimeAfresh() {
        advance(Duration.ofSeconds(50));
        assertThat(restoration.quietFor()).as("nothing restored yet: quiet since the start").isEqualTo(Duration.ofSeconds(50));

        restoration.onRestoreStart(changelog, "coordination-tracks", 0, 900_000);
        advance(Duration.ofSeconds(40));
        restoration.onBatchRestored(changelog, "coordination-tracks", 1_000, 1_000);
        advance(Duration.ofSeconds(40));
        assertThat(restoration.quietFor()).isEqualTo(Duration.ofSeconds(40));

        restoration.onBatchRestored(changelog, "coordination-tracks", 2_000, 1_000);
        assertThat(restoration.quietFor()).isZero();
        advance(Duration.ofSeconds(61));
        assertThat(restoration.quietFor()).as("stalled").isEqualTo(Duration.ofSeconds(61));
    }

    @Test
    void theProgressCountsWhatWasRestoredOfTheRangesBegun() {
        restoration.onRestoreStart(changelog, "coordination-tracks", 100, 900_100);
        restoration.onRestoreStart(new TopicPartition("muster-sla-views-changelog", 0), "sla-views", 0, 100_000);
        restoration.onBatchRestored(changelog, "coordination-tracks", 250_100, 250_000);

        assertThat(restoration.progress()).isEqualTo("restoring state: 250,000 of at most 1,000,000 records from 2 changelog partitions");
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
