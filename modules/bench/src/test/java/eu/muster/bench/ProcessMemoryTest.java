package eu.muster.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {

    @TempDir
    Path directory;

    @Test
    void thisProcessHasAResidentSizeAndAPeakAtLeastAsLarge() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux only");
        long pid = ProcessHandle.current().pid();
        long resident = ProcessMemory.residentBytes(pid).orElseThrow();
        assertThat(resident).isGreaterThan(1 << 20);
        assertThat(ProcessMemory.peakResidentBytes(pid).orElseThrow()).isGreaterThanOrEqualTo(resident); // the peak, read later, covers every earlier size
    }

    @Test
    void aProcessThatDoesNotExistHasNoFigure() {
        assertThat(ProcessMemory.residentBytes(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void diskCountsEveryFileBelowTheDirectory() throws Exception {
        Files.createDirectories(directory.resolve("a/b"));
        Files.write(directory.resolve("a/one"), new byte[1000]);
        Files.write(directory.resolve("a/b/two"), new byte[234]);
        assertThat(ProcessMemory.diskBytes(directory)).isEqualTo(1234);
        assertThat(ProcessMemory.diskBytes(directory.resolve("missing"))).isZero();
    }

    @Test
    void topicsAreTheSumOfTheirPartitionsLogSegments() throws Exception {
        Path logs = directory.resolve("kafka-logs");
        for (String partition : new String[] {"view.member-state-0", "view.member-state-1", "incident.events-0", "__consumer_offsets-0"}) {
            Files.createDirectories(logs.resolve(partition));
        }
        Files.write(logs.resolve("view.member-state-0/00000.log"), new byte[3 << 20]);
        Files.write(logs.resolve("view.member-state-1/00000.log"), new byte[2 << 20]);
        Files.write(logs.resolve("incident.events-0/00000.log"), new byte[1 << 20]);
        // Preallocated, sparse: not what was written.
        Files.write(logs.resolve("__consumer_offsets-0/00000.index"), new byte[10 << 20]);
        Files.writeString(directory.resolve("broker.log"), "not a topic");

        var topics = ProcessMemory.topicBytes(directory);
        assertThat(topics).containsEntry("view.member-state", 5L << 20).containsEntry("incident.events", 1L << 20)
                .containsEntry("__consumer_offsets", 0L).hasSize(3);
        assertThat(ProcessMemory.largest(topics, 2)).isEqualTo("view.member-state 5 MiB, incident.events 1 MiB");
    }
}
