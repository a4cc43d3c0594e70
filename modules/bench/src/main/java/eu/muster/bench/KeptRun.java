package eu.muster.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where a benchmark run stands after a segment, so that {@code muster bench --resume <run>} can go on
 * with it in another sitting, on the same broker data and Streams state: the traffic's settings and
 * how far along it the run has got, the history's counts, and the scale samples so far. A run of ten
 * million events takes longer than one sitting on a small machine; a resumed segment continues the
 * same traffic (the generator is reproducible), the same incidents, and the same growth table.
 *
 * <p>Kept in the run's directory: {@value #STATE} (the settings and counts), {@value #UNSENT} (the
 * eventIds generated but not yet sent, one per line) and {@value #GROWTH} (the scale samples); and
 * {@value #NOT_RESUMABLE} when a segment ended in a way that leaves the run impossible to resume.
 *
 * @param settings       the run's settings; a resumed segment may be given another saturation time and replay heap
 * @param trafficStart   the virtual instant the traffic starts at, fixed by the first segment
 * @param segments       segments run so far
 * @param generated      submissions generated so far
 * @param lastGenerated  the eventId of the last of them, empty if none
 * @param unsent         eventIds of generated submissions not yet sent
 * @param decided        submissions decided so far, in all phases
 * @param accepted       events accepted onto the log of record so far
 * @param filed          incidents filed so far (accepted requests of the generated traffic)
 * @param flatOut        time spent in the flat-out phases so far
 * @param growth         the scale samples so far, as Markdown table lines
 */
record KeptRun(BenchSettings settings, Instant trafficStart, int segments, long generated, String lastGenerated, Set<String> unsent,
        long decided, long accepted, long filed, Duration flatOut, List<String> growth) {

    static final String STATE = "run.properties";
    static final String UNSENT = "unsent.txt";
    static final String GROWTH = "growth.md";
    static final String NOT_RESUMABLE = "not-resumable.txt";
    private static final String SETTING_PREFIX = "set.";

    KeptRun {
        unsent = Set.copyOf(unsent); // in no order: a resumed run sends them in the order it regenerates them
        growth = List.copyOf(growth);
    }

    /** A run before its first segment. */
    static KeptRun first(BenchSettings settings, Instant trafficStart) {
        return new KeptRun(settings, trafficStart, 0, 0, "", Set.of(), 0, 0, 0, Duration.ZERO, List.of());
    }

    /** Whether {@code directory} holds a kept run. */
    static boolean isKept(Path directory) {
        return Files.isRegularFile(directory.resolve(STATE));
    }

    /**
     * Reads the kept run in {@code directory}.
     *
     * @throws IllegalArgumentException when it holds none, or one that cannot be read, naming what is wrong
     */
    static KeptRun read(Path directory) {
        Path state = directory.resolve(STATE);
        if (!Files.isRegularFile(state)) {
            throw new IllegalArgumentException(directory + " holds no kept benchmark run (no " + STATE + "); run with --keep to keep one");
        }
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(state, StandardCharsets.UTF_8)) {
            values.load(in);
            Path notResumable = directory.resolve(NOT_RESUMABLE);
            if (Files.isRegularFile(notResumable)) {
                throw new IllegalArgumentException("the run in " + directory + " cannot be resumed: " + Files.readString(notResumable).strip());
            }
            Map<String, String> appSettings = new TreeMap<>();
            values.stringPropertyNames().stream().filter(key -> key.startsWith(SETTING_PREFIX))
                    .forEach(key -> appSettings.put(key.substring(SETTING_PREFIX.length()), values.getProperty(key)));
            BenchSettings settings = new BenchSettings(required(values, "run", state), number(values, "seed", state),
                    integer(values, "incidents", state), integer(values, "concurrent-incidents", state), decimal(values, "brief-share", state),
                    duration(values, "saturation-time", state), decimal(values, "moderate-rate", state), duration(values, "moderate-time", state),
                    integer(values, "probes", state), duration(values, "probe-interval", state), integer(values, "breach-probes", state),
                    integer(values, "query-readers", state), duration(values, "query-time", state), number(values, "tool-records", state),
                    integer(values, "tool-record-size", state), integer(values, "latency-records", state), required(values, "app-heap", state),
                    required(values, "replay-heap", state), appSettings, number(values, "sample-every", state));
            Set<String> unsent = new LinkedHashSet<>();
            Path unsentFile = directory.resolve(UNSENT);
            if (Files.isRegularFile(unsentFile)) {
                Files.readAllLines(unsentFile, StandardCharsets.UTF_8).stream().map(String::strip).filter(line -> !line.isEmpty())
                        .forEach(unsent::add);
            }
            long unsentCount = number(values, "unsent", state);
            if (unsent.size() != unsentCount) {
                throw new IllegalArgumentException(unsentFile + " lists " + unsent.size() + " unsent submissions, " + state + " says " + unsentCount);
            }
            Path growthFile = directory.resolve(GROWTH);
            List<String> growth = Files.isRegularFile(growthFile) ? Files.readAllLines(growthFile, StandardCharsets.UTF_8) : List.of();
            return new KeptRun(settings, instant(values, "traffic-start", state), integer(values, "segments", state),
                    number(values, "generated", state), values.getProperty("last-generated", ""), unsent, number(values, "decided", state),
                    number(values, "accepted", state), number(values, "filed", state),
                    Duration.ofMillis(number(values, "flat-out-ms", state)), growth);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kept run in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Writes this run's state into {@code directory}, each file replaced whole, so that a crash leaves the old one or the new. */
    void write(Path directory) {
        Properties values = new Properties();
        values.setProperty("run", settings.name());
        values.setProperty("seed", Long.toString(settings.seed()));
        values.setProperty("incidents", Integer.toString(settings.incidents()));
        values.setProperty("concurrent-incidents", Integer.toString(settings.concurrentIncidents()));
        values.setProperty("brief-share", Double.toString(settings.briefShare()));
        values.setProperty("saturation-time", settings.saturationTime().toString());
        values.setProperty("moderate-rate", Double.toString(settings.moderateRate()));
        values.setProperty("moderate-time", settings.moderateTime().toString());
        values.setProperty("probes", Integer.toString(settings.probes()));
        values.setProperty("probe-interval", settings.probeInterval().toString());
        values.setProperty("breach-probes", Integer.toString(settings.breachProbes()));
        values.setProperty("query-readers", Integer.toString(settings.queryReaders()));
        values.setProperty("query-time", settings.queryTime().toString());
        values.setProperty("tool-records", Long.toString(settings.toolRecords()));
        values.setProperty("tool-record-size", Integer.toString(settings.toolRecordSize()));
        values.setProperty("latency-records", Integer.toString(settings.latencyRecords()));
        values.setProperty("sample-every", Long.toString(settings.sampleEvery()));
        values.setProperty("app-heap", settings.appHeap());
        values.setProperty("replay-heap", settings.replayHeap());
        settings.appSettings().forEach((key, value) -> values.setProperty(SETTING_PREFIX + key, value));
        values.setProperty("traffic-start", trafficStart.toString());
        values.setProperty("segments", Integer.toString(segments));
        values.setProperty("generated", Long.toString(generated));
        values.setProperty("last-generated", lastGenerated);
        values.setProperty("unsent", Integer.toString(unsent.size()));
        values.setProperty("decided", Long.toString(decided));
        values.setProperty("accepted", Long.toString(accepted));
        values.setProperty("filed", Long.toString(filed));
        values.setProperty("flat-out-ms", Long.toString(flatOut.toMillis()));
        try {
            // The unsent list first: the state names their count, and is what read() starts from.
            replace(directory.resolve(UNSENT), String.join("\n", unsent) + (unsent.isEmpty() ? "" : "\n"));
            replace(directory.resolve(GROWTH), growth.isEmpty() ? "" : String.join("\n", growth) + "\n");
            Path temporary = directory.resolve(STATE + ".new");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                values.store(out, "muster bench: where this kept run stands; 'muster bench --resume <this directory>' goes on with it");
            }
            Files.move(temporary, directory.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kept run's state into " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks the run in {@code directory} as one that cannot be resumed, and why: a segment ended with
     * submissions in flight, so what was sent is no longer known exactly.
     */
    static void markNotResumable(Path directory, String why) {
        try {
            Files.writeString(directory.resolve(NOT_RESUMABLE), why + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the run in " + directory + " as not resumable: " + e.getMessage(), e);
        }
    }

    /**
     * This run after (the phases so far of) segment {@code segment}, which began where this run stood.
     *
     * @param nowGenerated the submissions generated over the whole run, and the rest likewise the state now; the {@code more...} counts
     *                     are the segment's own
     */
    KeptRun after(int segment, long nowGenerated, String nowLastGenerated, Set<String> nowUnsent, long moreDecided, long moreAccepted,
            long moreFiled, Duration moreFlatOut, List<String> nowGrowth) {
        return new KeptRun(settings, trafficStart, segment, nowGenerated, nowLastGenerated, nowUnsent, decided + moreDecided,
                accepted + moreAccepted, filed + moreFiled, flatOut.plus(moreFlatOut), nowGrowth);
    }

    private static void replace(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String required(Properties values, String key, Path file) {
        String value = values.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(file + " has no " + key);
        }
        return value.strip();
    }

    private static long number(Properties values, String key, Path file) {
        return parsed(values, key, file, Long::parseLong, "a whole number");
    }

    private static int integer(Properties values, String key, Path file) {
        return Math.toIntExact(number(values, key, file));
    }

    private static double decimal(Properties values, String key, Path file) {
        return parsed(values, key, file, Double::parseDouble, "a number");
    }

    private static Duration duration(Properties values, String key, Path file) {
        return parsed(values, key, file, Duration::parse, "an ISO-8601 duration");
    }

    private static Instant instant(Properties values, String key, Path file) {
        return parsed(values, key, file, Instant::parse, "an instant");
    }

    /** The value of {@code key} read by {@code parser}; what it should have been ({@code kind}) is named when it cannot be read. */
    private static <T> T parsed(Properties values, String key, Path file, Function<String, T> parser, String kind) {
        String value = required(values, key, file);
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + key + " is not " + kind + ": " + value, e);
        }
    }
}
