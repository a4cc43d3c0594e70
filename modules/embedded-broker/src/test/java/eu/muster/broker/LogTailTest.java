package eu.muster.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path directory;

    @Test
    void lastLinesOfALongLog() throws Exception {
        Path log = directory.resolve("broker.log");
        // About 200 KiB: more than the part of the file that is read.
        Files.writeString(log, IntStream.rangeClosed(1, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n")));

        assertThat(LogTail.read(log, 3)).containsExactly("line 19998", "line 19999", "line 20000");
        assertThat(LogTail.describe(log, 2)).isEqualTo("Last 2 lines of " + log + ":\nline 19999\nline 20000");
    }

    @Test
    void shortLogIsShownWhole() throws Exception {
        Path log = directory.resolve("broker.log");
        Files.writeString(log, "only\r\ntwo\n");

        assertThat(LogTail.read(log, 40)).containsExactly("only", "two");
    }

    @Test
    void missingOrEmptyLogIsSaidSo() throws Exception {
        Path log = directory.resolve("broker.log");
        assertThat(LogTail.describe(log, 40)).contains(log.toString()).contains("does not exist");

        Files.writeString(log, "");
        assertThat(LogTail.describe(log, 40)).contains("is empty");
    }
}
