package eu.muster.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code muster audit replay} over the whole log of record, run as an auditor runs it (a process of
 * its own), timed, with its peak resident memory read from Linux while it runs.
 */
final class ReplayRun {

    /** What the replay did. */
    record Result(long events, Duration duration, long peakResidentBytes, long outputBytes) {
        double eventsPerSecond() {
            return events / (duration.toNanos() / 1e9);
        }
    }

    private ReplayRun() {
    }

    /**
     * Runs {@code <launcher> audit replay --config <config> --output <output>}.
     *
     * @throws IllegalStateException when it fails or outlasts {@code timeout}, quoting its log
     */
    static Result run(List<String> launcher, Path config, Path output, Path log, Duration timeout) throws InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("audit", "replay", "--config", config.toString(), "--output", output.toString()));
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch muster audit replay: " + e.getMessage(), e);
        }
        long peak = 0;
        long deadline = started + timeout.toNanos();
        // VmHWM only grows, so the last reading before the process ends is its peak, give or take the last 50 ms.
        while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, ProcessMemory.peakResidentBytes(process.pid()).orElse(0));
            if (System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("muster audit replay did not finish within " + timeout + "; see " + log);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("muster audit replay exited with " + process.exitValue() + ": " + tail(log));
        }
        try {
            return new Result(eventsCounted(output), took, peak, Files.size(output));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the replay's output " + output + ": " + e.getMessage(), e);
        }
    }

    /** {@code log.eventsCounted} of the replay's JSON, read as a stream: the views that follow it can be large. */
    static long eventsCounted(Path output) throws IOException {
        try (JsonParser parser = new ObjectMapper().getFactory().createParser(output.toFile())) {
            int depth = 0;
            boolean inLog = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    inLog = inLog && depth >= 2;
                } else if (token == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    if (depth == 1 && name.equals("log")) {
                        inLog = true;
                    } else if (inLog && depth == 2 && name.equals("eventsCounted")) {
                        parser.nextToken();
                        return parser.getLongValue();
                    }
                }
            }
        }
        throw new IllegalStateException("the replay's output " + output + " has no log.eventsCounted");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n  ", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(its log " + log + " cannot be read: " + e.getMessage() + ")";
        }
    }
}
