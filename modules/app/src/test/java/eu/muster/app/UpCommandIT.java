package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code muster up} as a user runs it: its own JVM (launched like {@code ./muster} does), its own
 * embedded broker, stopped with SIGINT as Ctrl-C would, leaving no process behind.
 */
class UpCommandIT {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    @Test
    void upStartsTheEmbeddedBackboneAndCtrlCStopsEverything(@TempDir Path dir) throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        Path config = dir.resolve("muster.properties");
        Files.writeString(config, "muster.embedded.port=" + port + "\n"
                + "muster.embedded.controller-port=" + controllerPort + "\n"
                + "muster.embedded.data-dir=" + dir.resolve("broker") + "\n"
                + "muster.topics.partitions=2\n");

        Process up = launch("up", "--config", config.toString());
        try {
            upAndDown(up, port, config);
        } finally {
            // Only when an assertion failed half-way; the broker child follows when its stdin pipe closes.
            up.destroyForcibly();
        }
    }

    private static void upAndDown(Process up, int port, Path configFile) throws Exception {
        BlockingQueue<String> lines = drain(up);
        List<String> seen = awaitLine(lines, UpCommand.PRESS_CTRL_C, up);
        List<ProcessHandle> children = up.descendants().toList();

        assertThat(seen).anyMatch(l -> l.startsWith(UpCommand.READY));
        assertThat(seen).anyMatch(l -> l.contains("127.0.0.1:" + port) && l.contains("embedded single-node KRaft broker"));
        assertThat(children).as("the broker runs as a child of muster").isNotEmpty();
        MusterConfig config = MusterConfig.load(configFile, Map.of(), new Properties());
        List<StatusCheck.Result> status = new StatusCheck(config, Duration.ofSeconds(10)).run();
        assertThat(status).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());

        new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).inheritIO().start().waitFor();

        assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("muster exits after Ctrl-C").isTrue();
        assertThat(awaitLine(lines, "muster stopped", up)).isNotEmpty();
        for (ProcessHandle child : children) {
            assertThat(child.onExit().completeOnTimeout(child, 30, TimeUnit.SECONDS).get().isAlive())
                    .as("child process %d is gone", child.pid()).isFalse();
        }
    }

    private static Process launch(String... args) throws IOException {
        String classpath = System.getProperty("muster.test.app.classes") + java.io.File.pathSeparator
                + Files.readString(Path.of(System.getProperty("muster.test.app.classpath"))).strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp", classpath,
                "-Dmuster.broker.runtime=" + System.getProperty("muster.broker.runtime"),
                "eu.muster.app.Muster"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Every line the process prints, in a queue, so the test can wait for one with a deadline. */
    private static BlockingQueue<String> drain(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("[muster up] " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<output closed: " + e.getMessage() + ">");
            }
        }, "muster-up-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static List<String> awaitLine(BlockingQueue<String> lines, String wanted, Process process) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.contains(wanted)) {
                    return seen;
                }
            } else if (!process.isAlive() && lines.isEmpty()) {
                throw new AssertionError("muster exited with " + process.exitValue() + " before printing '" + wanted + "':\n"
                        + String.join("\n", seen));
            }
        }
        process.destroyForcibly();
        throw new AssertionError("no '" + wanted + "' within " + READY_WITHIN + ":\n" + String.join("\n", seen));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
