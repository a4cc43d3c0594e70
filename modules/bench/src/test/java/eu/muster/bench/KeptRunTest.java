package eu.muster.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptRunTest {

    @TempDir
    Path directory;

    private static final BenchSettings SETTINGS = BenchSettings.quick().withTraffic(1_000_000, 20_000, 0.95)
            .withPhases(Duration.ofMinutes(90), 0, 500_000).withApplication("512m", "6g", Map.of("muster.views.group-interval", "PT0.2S"));

    @Test
    void whatIsWrittenIsReadBack() {
        KeptRun kept = KeptRun.first(SETTINGS, Instant.parse("2025-01-01T00:00:00Z")).after(1, 1_234_567, "e-last", Set.of("e-1", "e-2"),
                1_200_000, 1_150_000, 110_000, Duration.ofMinutes(90), List.of("| decided | ... |", "| --- |", "| 500,000 | ... |"));
        kept.write(directory);

        KeptRun read = KeptRun.read(directory);

        assertThat(read).isEqualTo(kept);
        assertThat(read.settings()).isEqualTo(SETTINGS);
        assertThat(read.segments()).isEqualTo(1);
        assertThat(KeptRun.isKept(directory)).isTrue();
    }

    @Test
    void aSecondSegmentAddsToTheFirst() {
        KeptRun first = KeptRun.first(SETTINGS, Instant.parse("2025-01-01T00:00:00Z")).after(1, 100, "e-100", Set.of(), 90, 80, 10,
                Duration.ofMinutes(1), List.of());
        KeptRun second = first.after(2, 250, "e-250", Set.of("e-249"), 140, 130, 12, Duration.ofMinutes(2), List.of("| row |"));
        assertThat(second.segments()).isEqualTo(2);
        assertThat(second.decided()).isEqualTo(230);
        assertThat(second.accepted()).isEqualTo(210);
        assertThat(second.filed()).isEqualTo(22);
        assertThat(second.flatOut()).isEqualTo(Duration.ofMinutes(3));
        assertThat(second.generated()).isEqualTo(250);
        assertThat(second.unsent()).containsExactly("e-249");
    }

    @Test
    void aDirectoryWithoutARunIsRefusedByName() {
        assertThat(KeptRun.isKept(directory)).isFalse();
        assertThatThrownBy(() -> KeptRun.read(directory)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no kept benchmark run").hasMessageContaining("--keep");
    }

    @Test
    void aRunMarkedNotResumableIsRefusedWithItsReason() {
        KeptRun.first(SETTINGS, Instant.EPOCH).after(1, 10, "e-10", Set.of(), 9, 9, 1, Duration.ofSeconds(5), List.of()).write(directory);
        KeptRun.markNotResumable(directory, "segment 2 stopped before its traffic was done");
        assertThatThrownBy(() -> KeptRun.read(directory)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be resumed: segment 2 stopped before its traffic was done");
    }

    @Test
    void anUnsentListThatDisagreesWithTheStateIsRefused() throws Exception {
        KeptRun.first(SETTINGS, Instant.EPOCH).after(1, 10, "e-10", Set.of("e-9", "e-8"), 8, 8, 1, Duration.ofSeconds(5), List.of())
                .write(directory);
        Files.writeString(directory.resolve(KeptRun.UNSENT), "e-9\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KeptRun.read(directory)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lists 1 unsent submissions").hasMessageContaining("says 2");
    }

    @Test
    void aDamagedStateNamesTheField() throws Exception {
        KeptRun.first(SETTINGS, Instant.EPOCH).after(1, 10, "e-10", Set.of(), 9, 9, 1, Duration.ofSeconds(5), List.of()).write(directory);
        Path state = directory.resolve(KeptRun.STATE);
        Files.writeString(state, Files.readString(state).replaceAll("(?m)^decided=.*$", "decided=many"));
        assertThatThrownBy(() -> KeptRun.read(directory)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decided is not a whole number: many");
    }
}
