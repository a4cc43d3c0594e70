package eu.muster.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backbone under test, {@code muster up}, as a process of its own: started the way an operator
 * starts it, timed from launch to its "muster is up" line, stopped with SIGTERM as Ctrl-C would.
 * Everything it prints goes to a log file in the benchmark's directory.
 */
final class MusterProcess implements AutoCloseable {

    /** The line {@code muster up} prints once everything is up (UpCommand.READY). */
    static final String READY = "muster is up";
    /** The last line of its start-up summary (UpCommand.PRESS_CTRL_C): everything it says about itself has been said. */
    static final String SUMMARY_END = "Press Ctrl-C to stop.";
    private static final Pattern BROKER_READY = Pattern.compile("Kafka: .*ready in ([0-9.]+) s");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final List<String> output = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Duration startup;
    private volatile long lastOutput = System.nanoTime();

    private MusterProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Launches {@code <launcher> up --config <config>} and waits for it to be up, for as long as it
     * keeps saying something: restoring a long history's state after an unclean stop takes minutes,
     * and {@code muster up} logs its progress meanwhile.
     *
     * @param launcher the command that runs muster's command line (java, its options, the main class)
     * @param silence  how long it may print nothing before it is given up on
     * @throws IllegalStateException when it exits or is silent for {@code silence}; the message quotes its last lines
     */
    static MusterProcess start(List<String> launcher, Path config, Path log, Duration silence) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("up", "--config", config.toString()));
        long launched = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch muster up: " + e.getMessage(), e);
        }
        MusterProcess muster = new MusterProcess(process, log);
        Thread reader = new Thread(() -> muster.read(launched), "muster-up-output");
        reader.setDaemon(true);
        reader.start();
        boolean up;
        try {
            boolean settled = false;
            while (!settled && System.nanoTime() - muster.lastOutput < silence.toNanos()) {
                settled = muster.ready.await(1, TimeUnit.SECONDS);
            }
            up = settled && muster.startup != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            muster.close();
            throw new IllegalStateException("interrupted while muster up was starting", e);
        }
        if (!up) {
            muster.close();
            throw new IllegalStateException("muster up was not up" + (process.isAlive() ? ", and silent for " + silence : " (it exited with "
                    + process.exitValue() + ")") + "; its last lines:\n  " + String.join("\n  ", muster.lastLines(20)) + "\n(all of it in " + log + ")");
        }
        return muster;
    }

    private void read(long launched) {
        try (Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
                BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                lastOutput = System.nanoTime();
                if (line.startsWith(READY) && startup == null) {
                    startup = Duration.ofNanos(System.nanoTime() - launched);
                }
                synchronized (output) {
                    output.add(line);
                }
                if (line.equals(SUMMARY_END)) {
                    ready.countDown();
                }
                file.write(line);
                file.write('\n');
                file.flush();
            }
        } catch (IOException e) {
            synchronized (output) {
                output.add("(the benchmark could not read muster's output: " + e.getMessage() + ")");
            }
        } finally {
            ready.countDown();
            ended.countDown();
        }
    }

    private List<String> lastLines(int count) {
        synchronized (output) {
            return new ArrayList<>(output.subList(Math.max(0, output.size() - count), output.size()));
        }
    }

    /** From launch to the "muster is up" line: the JVM, the embedded broker, topics, schemas, the HTTPS server and the processors. */
    Duration startup() {
        return startup;
    }

    /** The embedded broker's own start-up, as {@code muster up} reported it, if it did. */
    Optional<Duration> brokerStartup() {
        synchronized (output) {
            for (String line : output) {
                Matcher matcher = BROKER_READY.matcher(line);
                if (matcher.find()) {
                    return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(matcher.group(1)) * 1000)));
                }
            }
        }
        return Optional.empty();
    }

    /** The process id of {@code muster up} (the broker is its child). */
    long pid() {
        return process.pid();
    }

    /** Whether it is still running. */
    boolean alive() {
        return process.isAlive();
    }

    /** Stops it as Ctrl-C does, and waits; kills it (and the broker it started) only when it does not stop within a minute. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                descendants.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            ended.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
