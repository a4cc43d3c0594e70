package eu.muster.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guarantee the standard-input watchdog gives: a broker never outlives the JVM that started it. */
class ParentDeathIT {

    @TempDir
    Path directory;

    @Test
    void brokerStopsGracefullyWhenItsParentDiesAbruptly() throws Exception {
        Path data = directory.resolve("broker");
        Path parentLog = directory.resolve("parent.log");
        Process parent = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + BrokerSettings.RUNTIME_PROPERTY + "=" + BrokerSettings.locateRuntime(),
                AbandoningParent.class.getName(),
                data.toString())
                .redirectError(parentLog.toFile())
                .start();
        parent.getOutputStream().close();

        assertThat(parent.waitFor(90, TimeUnit.SECONDS)).as("parent ended; its log: %s", parentLog).isTrue();
        String output = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(parent.exitValue()).as("parent exit status; its log: %s", parentLog).isEqualTo(AbandoningParent.HALT_STATUS);
        long brokerPid = output.lines()
                .filter(line -> line.startsWith(AbandoningParent.PID_LINE))
                .mapToLong(line -> Long.parseLong(line.substring(AbandoningParent.PID_LINE.length()).strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the parent printed no broker pid: " + output));

        Optional<ProcessHandle> broker = ProcessHandle.of(brokerPid);
        if (broker.isPresent()) {
            // Bounded wait for the orphan to notice and stop; a broker still running here is the failure.
            broker.get().onExit().get(30, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(brokerPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Files.readString(data.resolve(EmbeddedBroker.LOG_FILE)))
                .contains("standard input closed")
                .contains("Kafka Server started");
    }
}
