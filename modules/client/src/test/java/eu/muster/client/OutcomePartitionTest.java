package eu.muster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutcomePartitionTest {

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 3, 6, 7, 12, 50, 64})
    void isThePartitionKafkasDefaultPartitionerChoosesForTheEventId(int partitions) {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String eventId = MusterClient.newEventId();
            int expected = BuiltInPartitioner.partitionForKey(eventId.getBytes(StandardCharsets.UTF_8), partitions);

            int actual = OutcomeReader.partitionOf(eventId, partitions);

            assertThat(actual).as("partition of %s among %d", eventId, partitions).isEqualTo(expected);
            seen.add(actual);
        }
        assertThat(seen).as("every partition is used").hasSize(partitions);
    }

    @Test
    void refusesAPartitionCountBelowOne() {
        assertThatThrownBy(() -> OutcomeReader.partitionOf("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spellsWaitsAsPeopleReadThem() {
        assertThat(OutcomeReader.readable(Duration.ofMillis(1500))).isEqualTo("1s 500ms");
        assertThat(OutcomeReader.readable(Duration.ofMinutes(125))).isEqualTo("2h 5m");
        assertThat(OutcomeReader.readable(Duration.ZERO)).isEqualTo("0s");
    }
}
