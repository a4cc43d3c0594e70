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
}
