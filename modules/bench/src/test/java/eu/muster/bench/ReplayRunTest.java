package eu.muster.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayRunTest {

    @TempDir
    Path directory;

    @Test
    void readsTheEventsCountedFromTheLogSectionOnly() throws Exception {
        Path output = directory.resolve("replay.json");
        // A view named like the field must not be taken for it; the log section may come after the views.
        Files.writeString(output, "{\"asOf\":\"2026-11-24T10:00:00Z\",\"views\":{\"sla\":[{\"eventsCounted\":99}]},"
                + "\"log\":{\"topic\":\"incident.events\",\"partitions\":[{\"partition\":0}],\"eventsCounted\":4321}}");
        assertThat(ReplayRun.eventsCounted(output)).isEqualTo(4321);
    }

    @Test
    void anOutputWithoutTheCountIsAnError() throws Exception {
        Path output = directory.resolve("replay.json");
        Files.writeString(output, "{\"views\":{}}");
        assertThatThrownBy(() -> ReplayRun.eventsCounted(output)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("log.eventsCounted");
    }
}
