package eu.muster.app;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code muster <args>} in its own JVM, launched as {@code ./muster} does, with its output collected line by line. */
final class MusterProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private MusterProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::drain, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    static MusterProcess launch(String name, String... args) throws IOException {
        String classpath = System.getProperty("muster.test.app.classes") + File.pathSeparator
                + Files.readString(Path.of(System.getProperty("muster.test.app.classpath"))).strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp", classpath,
                "-Dmuster.broker.runtime=" + System.getProperty("muster.broker.runtime"),
                "-Dmuster.organisations.file=" + System.getProperty("muster.organisations.file"),
                "eu.muster.app.Muster"));
        command.addAll(List.of(args));
        return new MusterProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Waits until a line containing {@code wanted} appears and returns every line seen so far. */
    List<String> awaitLine(String wanted, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.contains(wanted)) {
                    return List.copyOf(seen);
                }
            } else if (!process.isAlive() && lines.isEmpty()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before printing '" + wanted + "':\n"
                        + String.join("\n", seen));
            }
        }
        throw new AssertionError(name + " printed no '" + wanted + "' within " + within + ":\n" + String.join("\n", seen));
    }

    Process process() {
        return process;
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Kills the JVM at once (SIGKILL): no shutdown hook, no commit, no goodbye. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL for 30 s");
        }
    }

    private void drain() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println("[" + name + "] " + line);
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("<output of " + name + " closed: " + e.getMessage() + ">");
        }
    }

    /** Only for a test that failed half-way: whatever still runs is killed. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
