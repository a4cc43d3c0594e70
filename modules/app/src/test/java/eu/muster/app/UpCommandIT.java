package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code muster up} as a user runs it: its own JVM (launched like {@code ./muster} does), its own
 * embedded broker, stopped with SIGINT as Ctrl-C would, leaving no process behind.
 */
class UpCommandIT {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final int SIGINT = 2;

    @Test
    void upStartsTheEmbeddedBackboneAndCtrlCStopsEverything(@TempDir Path dir) throws Exception {
        assertThat(sigintIgnored()).as("SIGINT is ignored by this test's JVM, inherited from how the build was started (a background job "
                + "of a script, or nohup): muster up inherits that too and Ctrl-C cannot reach it; run the test command in the foreground")
                .isFalse();
        int port = freePort();
        int gatewayPort = freePort();
        int managementPort = freePort();
        Path config = dir.resolve("muster.properties");
        Files.writeString(config, "muster.embedded.port=" + port + "\n"
                + "muster.embedded.controller-port=" + freePort() + "\n"
                + "muster.embedded.data-dir=" + dir.resolve("broker") + "\n"
                + "muster.topics.partitions=2\n"
                + "muster.streams.state-dir=" + dir.resolve("streams") + "\n"
                + "muster.gateway.port=" + gatewayPort + "\n"
                + "muster.management.port=" + managementPort + "\n"
                + "muster.gateway.tls-dir=" + dir.resolve("pki") + "\n");

        try (MusterProcess up = MusterProcess.launch("muster up", "up", "--config", config.toString())) {
            List<String> seen = up.awaitLine(UpCommand.PRESS_CTRL_C, READY_WITHIN);
            List<ProcessHandle> children = up.process().descendants().toList();

            assertThat(seen).anyMatch(l -> l.startsWith(UpCommand.READY));
            assertThat(seen).anyMatch(l -> l.contains("127.0.0.1:" + port) && l.contains("embedded single-node KRaft broker"));
            assertThat(seen).anyMatch(l -> l.contains("processors: log of record and views running"));
            assertThat(seen).anyMatch(l -> l.contains("gateway: https://127.0.0.1:" + gatewayPort));
            assertThat(seen).anyMatch(l -> l.contains("dashboard: https://127.0.0.1:" + gatewayPort + "/dashboard/"));
            assertThat(seen).anyMatch(l -> l.contains("metrics: http://127.0.0.1:" + managementPort + "/metrics"));
            assertThat(seen).anyMatch(l -> l.contains("certificates: " + dir.resolve("pki") + "  [created]"));
            assertThat(dir.resolve("pki").resolve("clients").resolve("de-bsi.p12")).isRegularFile();
            assertThat(children).as("the broker runs as a child of muster").isNotEmpty();
            List<StatusCheck.Result> status = new StatusCheck(MusterConfig.load(config, Map.of(), new Properties()), Duration.ofSeconds(10)).run();
            assertThat(status).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());

            up.interrupt();

            assertThat(up.process().waitFor(60, TimeUnit.SECONDS)).as("muster exits after Ctrl-C").isTrue();
            assertThat(up.awaitLine("muster stopped", Duration.ofSeconds(5))).isNotEmpty();
            for (ProcessHandle child : children) {
                assertThat(child.onExit().completeOnTimeout(child, 30, TimeUnit.SECONDS).get().isAlive())
                        .as("child process %d is gone", child.pid()).isFalse();
            }
        }
    }

    /** Whether this process ignores SIGINT, where Linux tells (its {@code SigIgn} mask); elsewhere, false. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:")).findFirst()
                .map(line -> (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << (SIGINT - 1))) != 0)
                .orElse(false);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
