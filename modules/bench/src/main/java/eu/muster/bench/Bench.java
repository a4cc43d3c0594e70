package eu.muster.bench;

import eu.muster.contract.Organisation;
import eu.muster.loadgen.Directory;
import eu.muster.loadgen.LoadGenerator;
import eu.muster.loadgen.LoadSettings;
import eu.muster.topics.TopicSettings;
import eu.muster.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * One benchmark run, top to bottom: start the backbone as an operator would and time it; measure
 * Kafka's own limits on its broker; drive it flat out, then at a moderate rate with breach probes;
 * read it with concurrent dashboards; replay its log as an auditor; stop it. Every figure goes into
 * a {@link BenchReport} beside the Kafka figure that bounds it.
 */
public final class Bench {

    private static final String THROUGHPUT_TOPIC = "bench.kafka-throughput";
    private static final String LATENCY_TOPIC = "bench.kafka-latency";
    private static final String TLS_PASSWORD = "muster-dev";
    /** Reads as ENISA, who may read every incident (CSA Art. 15), so that no probe is refused by the sharing rules. */
    private static final String READER = "enisa";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration DRAIN = Duration.ofMinutes(3);

    /**
     * Where the run happens and how muster is launched.
     *
     * @param java          the java executable
     * @param jvmArguments  what goes between java (and the heap option) and the main class: classpath and system properties
     * @param mainClass     muster's command line
     * @param toolsClasspath the file holding the classpath of Kafka's tools (kafka-tools-runtime's)
     * @param workDirectory an empty directory for the broker's data, the state, the logs and the report
     */
    public record Environment(Path java, List<String> jvmArguments, String mainClass, Path toolsClasspath, Path workDirectory) {

        List<String> launcher(String heap) {
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.add("-Xmx" + heap);
            command.addAll(jvmArguments);
            command.add(mainClass);
            return command;
        }
    }

    private final BenchSettings settings;
    private final Environment environment;
    /** The run so far: empty before the first segment, what earlier segments did for a resumed run. */
    private final KeptRun before;
    /** Which segment of the run this is: 1 for a fresh run; log and report files of later ones carry it in their names. */
    private final int segment;
    private final PrintStream out;
    private final BenchReport report = new BenchReport();
    private final List<String> growth = new ArrayList<>();

    private Bench(BenchSettings settings, Environment environment, KeptRun before, PrintStream out) {
        this.settings = settings;
        this.environment = environment;
        this.before = before;
        this.segment = before.segments() + 1;
        this.out = out;
        this.growth.addAll(before.growth());
        if (!growth.isEmpty()) {
            report.sample(String.join("\n", growth));
        }
    }

    /**
     * Runs the benchmark on a fresh broker and returns its report; progress goes to {@code out}. The
     * run's state is kept in its directory, so that {@link #resume} can go on with it when its broker
     * data and Streams state are kept too.
     */
    public static BenchReport run(BenchSettings settings, Environment environment, PrintStream out) throws IOException, InterruptedException {
        Path work = environment.workDirectory();
        if (KeptRun.isKept(work)) {
            throw new IllegalArgumentException(work + " already holds a benchmark run; resume it, or start in another directory");
        }
        return new Bench(settings, environment, KeptRun.first(settings, Instant.EPOCH), out).run();
    }

    /**
     * Goes on with the run kept in the environment's work directory, for one more segment: its broker
     * and Streams state as they were, the same traffic from where it stopped, {@code saturationTime} flat
     * out, then every other phase at the history's new size. The scale samples continue the run's.
     *
     * @param saturationTime how long this segment is flat out, or null for the run's default ({@code --short}: a minute)
     * @param replayHeap     the audit replay's heap for this segment, or null for the run's
     * @throws IllegalArgumentException when the directory holds no run that can be resumed, naming why
     */
    public static BenchReport resume(Environment environment, Duration saturationTime, String replayHeap, PrintStream out)
            throws IOException, InterruptedException {
        KeptRun kept = KeptRun.read(environment.workDirectory());
        BenchSettings settings = kept.settings().withPhases(saturationTime == null ? kept.settings().saturationTime() : saturationTime,
                        kept.settings().moderateRate(), kept.settings().sampleEvery())
                .withApplication(kept.settings().appHeap(), replayHeap == null ? kept.settings().replayHeap() : replayHeap,
                        kept.settings().appSettings());
        return new Bench(settings, environment, kept, out).run();
    }

    /** Records that the run in {@code workDirectory} lost its broker data and state (not kept), so that it is not resumed. */
    public static void markDiscarded(Path workDirectory) {
        KeptRun.markNotResumable(workDirectory, "its broker data and Streams state were deleted at its end (it ran without --keep)");
    }

    private boolean resumed() {
        return segment > 1;
    }

    /** A file of this segment: {@code name.ext} for the first, {@code name-<segment>.ext} for later ones. */
    private Path segmentFile(String name, String extension) {
        return environment.workDirectory().resolve(name + (resumed() ? "-" + segment : "") + "." + extension);
    }

    private BenchReport run() throws IOException, InterruptedException {
        Path work = environment.workDirectory();
        Files.createDirectories(work);
        Path config;
        Ports ports;
        if (resumed()) {
            config = work.resolve("muster.properties");
            ports = Ports.kept(config);
        } else {
            ports = Ports.free();
            config = writeConfig(work, ports);
        }
        String bootstrap = "127.0.0.1:" + ports.broker();
        List<String> launcher = environment.launcher(settings.appHeap());

        say(resumed() ? "resuming the run under %2$s, segment %3$d: starting muster up on its broker (%1$s) and state ..."
                : "starting muster up (embedded broker on %s, everything under %s) ...", bootstrap, work, segment);
        try (MusterProcess muster = MusterProcess.start(launcher, config, segmentFile("muster-up", "log"), Duration.ofMinutes(3))) {
            // Ctrl-C on the benchmark stops the backbone (and its broker) too, rather than leaving them running.
            Thread stopMuster = new Thread(muster::close, "muster-bench-stop");
            Runtime.getRuntime().addShutdownHook(stopMuster);
            try {
                measure(muster, config, bootstrap, ports, launcher);
            } finally {
                Runtime.getRuntime().removeShutdownHook(stopMuster);
            }
        }
        Files.writeString(segmentFile("report", "md"), report.markdown());
        return report;
    }

    private void measure(MusterProcess muster, Path config, String bootstrap, Ports ports, List<String> launcher) throws IOException, InterruptedException {
        Path work = environment.workDirectory();
        double startup = seconds(muster.startup());
        double brokerStartup = muster.brokerStartup().map(Bench::seconds).orElse(Double.NaN);
        say("up in %.1f s (its broker in %.1f s)", startup, brokerStartup);

        KafkaTools tools = new KafkaTools(environment.java(), Files.readString(environment.toolsClasspath()).trim(), work.resolve("kafka-tools"),
                Duration.ofMinutes(10));
        Files.createDirectories(work.resolve("kafka-tools"));
        tools.createTopic(bootstrap, THROUGHPUT_TOPIC);
        tools.createTopic(bootstrap, LATENCY_TOPIC);
        say("Kafka's ProducerPerformance: %,d records of %d bytes, acks=all, batch.size 256 KiB, linger.ms 20 ...", settings.toolRecords(),
                settings.toolRecordSize());
        ProducerFigures produced = tools.producerPerformance(bootstrap, THROUGHPUT_TOPIC, settings.toolRecords(), settings.toolRecordSize(),
                Map.of("batch.size", "262144", "linger.ms", "20"));
        say("  %,.0f records/s", produced.recordsPerSecond());
        say("Kafka's ConsumerPerformance: the same records, max.poll.records 2000 ...");
        ConsumerFigures consumed = tools.consumerPerformance(bootstrap, THROUGHPUT_TOPIC, settings.toolRecords(), Map.of("max.poll.records", "2000"));
        say("  %,.0f records/s", consumed.recordsPerSecond());
        say("Kafka's EndToEndLatency: %,d round trips, acks=all ...", settings.latencyRecords());
        LatencyFigures kafkaLatency = tools.endToEndLatency(bootstrap, LATENCY_TOPIC, settings.latencyRecords(), settings.toolRecordSize());
        say("  p50 %s, p99 %s, p99.9 %s", BenchReport.kafkaMillis(kafkaLatency.p50Ms()), BenchReport.kafkaMillis(kafkaLatency.p99Ms()),
                BenchReport.kafkaMillis(kafkaLatency.p999Ms()));

        report.add("start-up, launch to ready (s)", String.format(Locale.ROOT, "%.1f", startup),
                String.format(Locale.ROOT, "broker alone: %.1f s", brokerStartup), BenchReport.times(startup, brokerStartup));

        // For the serdes only; the partition count plays no part in them, and the readers find the partitions themselves.
        Topics topics = new Topics(new TopicSettings(6, (short) 1, 1));
        QueryClient reader = new QueryClient("https://127.0.0.1:" + ports.gateway(), work.resolve("pki"), TLS_PASSWORD.toCharArray(), READER);
        Instant now = Instant.now();
        LoadSettings load = LoadSettings.of(settings.seed(), settings.incidents(), now).withConcurrentIncidents(settings.concurrentIncidents())
                .withBriefShare(settings.briefShare()).withDirectory(Directory.development());
        load = resumed() ? load.withStart(before.trafficStart()) : load.endingBefore(now);
        KeptRun start = resumed() ? before : KeptRun.first(settings, load.start());
        Traffic traffic = traffic(load);
        // From here until the segment's state is written, a stop would leave what was sent unknown.
        KeptRun.markNotResumable(work, "segment " + segment + " stopped before its traffic was done (it began at " + now + ")");
        try (ViewWatch views = new ViewWatch(bootstrap, topics);
                SubmissionDriver driver = new SubmissionDriver(bootstrap, topics, views, Map.of());
                LatencyProbes probes = new LatencyProbes(reader, settings.probes(), settings.probeInterval(), Duration.ofMinutes(2));
                BreachProbe breaches = new BreachProbe(bootstrap, topics)) {

            say("saturation: flat out for %s, %,d incidents open at once ...", settings.saturationTime(), settings.concurrentIncidents());
            Scale scale = new Scale(muster.pid(), work, ports.management(), !growth.isEmpty());
            // Flat out until the time is up or the run's last incident is filed: the rest of the open incidents' lifecycles
            // is the traffic of the moderate phase, which would otherwise have none when a run files all its incidents.
            SubmissionDriver.Phase saturation = driver.run(traffic.untilEveryIncidentFiled(), Long.MAX_VALUE, SubmissionDriver.Pace.FLAT_OUT,
                    System.nanoTime() + settings.saturationTime().toNanos(), settings.concurrentIncidents(), DRAIN, probes, PROGRESS_EVERY,
                    progress("saturation", scale));
            if (traffic.everyIncidentFiled()) {
                String filedAll = String.format(Locale.ROOT, "the saturation phase ended after %.0f min of its %s: the run's %,d incidents were all filed",
                        (saturation.lastDecidedNanos() - saturation.firstSentNanos()) / 60e9, settings.saturationTime(), settings.incidents());
                say("  %s", filedAll);
                report.note(filedAll);
            }
            probes.check();
            LatencySamples saturated = probes.restart();
            long saturatedGaveUp = probes.gaveUp();
            phaseSummary("saturation", saturation);
            keep(start, traffic, driver, List.of(saturation), Duration.ofNanos(saturation.lastDecidedNanos() - saturation.firstSentNanos()));

            double rate = settings.moderateRate() > 0 ? settings.moderateRate()
                    : Math.max(1, Math.round(saturation.decidedPerSecond() * BenchSettings.MODERATE_SHARE));
            Organisation requester = Directory.development().requestingAuthorities().get(0);
            Duration spacing = settings.moderateTime().dividedBy(settings.breachProbes() + 2);
            say("moderate: %,.0f submissions/s for %s, with %d requests left to breach their request-to-match clock ...", rate,
                    settings.moderateTime(), settings.breachProbes());
            breaches.file(driver, requester, settings.breachProbes(), spacing, spacing, BenchSettings.REQUEST_TO_MATCH);
            SubmissionDriver.Phase moderate = driver.run(traffic, Long.MAX_VALUE, SubmissionDriver.Pace.of(rate),
                    System.nanoTime() + settings.moderateTime().toNanos(), settings.concurrentIncidents(), DRAIN, probes, PROGRESS_EVERY,
                    progress("moderate", null));
            probes.check();
            LatencySamples moderated = probes.restart();
            long moderateGaveUp = probes.gaveUp();
            phaseSummary("moderate", moderate);
            keep(start, traffic, driver, List.of(saturation, moderate),
                    Duration.ofNanos(saturation.lastDecidedNanos() - saturation.firstSentNanos()));
            if (!breaches.await(Duration.ofMinutes(1))) {
                report.note(breaches.missing() + " of " + settings.breachProbes() + " breach probes raised no alert within a minute of the phase's end");
            }

            ingestRows(saturation, moderate, rate, produced, consumed);
            latencyRows("moderate " + BenchReport.count(rate) + "/s", moderated, moderateGaveUp, kafkaLatency);
            latencyRows("near saturation", saturated, saturatedGaveUp, kafkaLatency);
            LatencySamples.Summary decided = moderate.decision().summary();
            report.add("submission to decision at moderate rate, p50 / p99", BenchReport.millis(decided.p50Ms()) + " / " + BenchReport.millis(decided.p99Ms()),
                    "EndToEndLatency p50 / p99", BenchReport.timesKafka(decided.p50Ms(), kafkaLatency.p50Ms()) + " / "
                            + BenchReport.timesKafka(decided.p99Ms(), kafkaLatency.p99Ms()));
            LatencySamples.Summary lag = breaches.lags().summary();
            report.add("breach detection, deadline to alert, p50 / max (" + lag.count() + " clocks)",
                    BenchReport.millis(lag.p50Ms()) + " / " + BenchReport.millis(lag.maxMs()), "EndToEndLatency p50 / p99",
                    BenchReport.timesKafka(lag.p50Ms(), kafkaLatency.p50Ms()) + " / " + BenchReport.timesKafka(lag.maxMs(), kafkaLatency.p99Ms()));
        }

        say("query API: %d concurrent readers for %s ...", settings.queryReaders(), settings.queryTime());
        try {
            QueryLoad.Result queried = QueryLoad.run(reader, settings.queryReaders(), settings.queryTime(), settings.seed());
            queryRows(queried, kafkaLatency);
        } catch (QueryLoad.NotStarted e) {
            // The figures so far and the replay still to come are worth a report; the cause goes in it.
            say("  %s", e.getMessage());
            report.add("query API, " + settings.queryReaders() + " readers", "not measured", "", "");
            report.note("the query load did not start: " + e.getMessage());
        }

        say("audit replay over the whole log of record ...");
        ReplayRun.Result replay = ReplayRun.run(environment.launcher(settings.replayHeap()), config, work.resolve("replay.json"),
                segmentFile("audit-replay", "log"), Duration.ofMinutes(60));
        report.add("audit replay of the whole log (" + BenchReport.count(replay.events()) + " events), events/s",
                BenchReport.count(replay.eventsPerSecond()), "ConsumerPerformance " + BenchReport.count(consumed.recordsPerSecond()) + " records/s",
                BenchReport.share(replay.eventsPerSecond(), consumed.recordsPerSecond()));
        report.add("audit replay, peak resident memory", BenchReport.mebibytes(replay.peakResidentBytes()), "heap limit -Xmx" + settings.replayHeap(), "");
        // Kafka's tools wrote the bench.* topics; the rest is muster's (and Kafka's own internal topics on its behalf).
        Map<String, Long> topicBytes = new HashMap<>(ProcessMemory.topicBytes(work.resolve("broker")));
        topicBytes.keySet().removeIf(topic -> topic.startsWith("bench."));
        long brokerDisk = topicBytes.values().stream().mapToLong(Long::longValue).sum();
        long stateDisk = ProcessMemory.diskBytes(work.resolve("streams"));
        report.add("disk: log segments / Streams state", BenchReport.mebibytes(brokerDisk) + " / " + BenchReport.mebibytes(stateDisk),
                "per event on the log: " + BenchReport.count(brokerDisk / (double) Math.max(1, replay.events())) + " bytes", "");
        report.note("largest topics (log segments): " + ProcessMemory.largest(topicBytes, 6));
        report.note("muster up ran with -Xmx" + settings.appHeap() + " and " + (settings.appSettings().isEmpty() ? "its default settings"
                : "these settings: " + settings.appSettings()) + "; seed " + settings.seed() + "; " + settings.concurrentIncidents()
                + " incidents open at once" + (settings.briefShare() > 0 ? String.format(Locale.ROOT, "; %.0f %% of them brief", settings.briefShare() * 100) : ""));
        if (resumed()) {
            report.note(String.format(Locale.ROOT, "segment %d of a resumed run; before it, %,d submissions decided, %,d events accepted, %,d incidents "
                    + "filed, %.0f min flat out", segment, before.decided(), before.accepted(), before.filed(), before.flatOut().toSeconds() / 60.0));
        }
    }

    /** The traffic from its start, or for a resumed run from where the kept run left it. */
    private Traffic traffic(LoadSettings load) {
        LoadGenerator generator = new LoadGenerator(load);
        if (!resumed()) {
            return Traffic.fresh(generator);
        }
        say("regenerating the kept run's %,d submissions to go on where it stopped (%,d of them unsent) ...", before.generated(),
                before.unsent().size());
        long started = System.nanoTime();
        Traffic traffic = Traffic.resumed(generator, before.generated(), before.lastGenerated(), before.unsent(),
                done -> say("  %,d of %,d", done, before.generated()));
        say("  done in %.0f s", (System.nanoTime() - started) / 1e9);
        return traffic;
    }

    /**
     * Writes where the run stands after this segment's phases so far, or marks it not resumable when
     * submissions are still in flight (undecided when the phase's drain time ran out): what was sent
     * is then not known exactly. Views still catching up do not matter here; they catch up on resuming.
     */
    private void keep(KeptRun start, Traffic traffic, SubmissionDriver driver, List<SubmissionDriver.Phase> phases, Duration flatOut) {
        Path work = environment.workDirectory();
        if (driver.inFlight() > 0) {
            KeptRun.markNotResumable(work, "segment " + segment + " ended with " + driver.inFlight() + " submissions undecided after the"
                    + " drain time");
            return;
        }
        long decided = phases.stream().mapToLong(phase -> phase.accepted() + phase.rejected()).sum();
        long accepted = phases.stream().mapToLong(SubmissionDriver.Phase::accepted).sum();
        long filed = phases.stream().mapToLong(SubmissionDriver.Phase::filed).sum();
        start.after(segment, traffic.generated(), traffic.lastGenerated(), traffic.unsent(driver.unsentEventIds()), decided, accepted, filed, flatOut,
                growth).write(work);
        try {
            Files.deleteIfExists(work.resolve(KeptRun.NOT_RESUMABLE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + work.resolve(KeptRun.NOT_RESUMABLE) + ": " + e.getMessage(), e);
        }
    }

    private void ingestRows(SubmissionDriver.Phase saturation, SubmissionDriver.Phase moderate, double rate, ProducerFigures produced,
            ConsumerFigures consumed) {
        String producer = "ProducerPerformance " + BenchReport.count(produced.recordsPerSecond()) + " records/s";
        report.add("log of record, flat out (submissions decided/s)", BenchReport.count(saturation.decidedPerSecond()), producer,
                BenchReport.share(saturation.decidedPerSecond(), produced.recordsPerSecond()));
        report.add("through every view, flat out (accepted events/s)", saturation.complete() ? BenchReport.count(saturation.viewsPerSecond()) : "incomplete",
                producer, BenchReport.share(saturation.viewsPerSecond(), produced.recordsPerSecond()));
        report.add("moderate phase, submissions decided/s (asked " + BenchReport.count(rate) + ")",
                BenchReport.count(moderate.decidedPerSecond()), producer, BenchReport.share(moderate.decidedPerSecond(), produced.recordsPerSecond()));
        for (SubmissionDriver.Phase phase : List.of(saturation, moderate)) {
            if (phase.unexpected() > 0) {
                report.note(phase.unexpected() + " outcomes differed from the generator's expectation, for example " + phase.unexpectedExamples());
            }
            if (!phase.complete()) {
                report.note("a phase did not complete within its drain time: " + phase.sent() + " sent, " + (phase.accepted() + phase.rejected()) + " decided");
            }
        }
        report.note(String.format(Locale.ROOT, "saturation: %,d submissions (%,d accepted, %,d rejected as the generator predicted: %s); moderate: %,d",
                saturation.sent(), saturation.accepted(), saturation.rejected(), saturation.unexpected() == 0 ? "all" : "not all", moderate.sent()));
    }

    private void latencyRows(String label, LatencySamples samples, long gaveUp, LatencyFigures kafka) {
        LatencySamples.Summary summary = samples.summary();
        report.add("submission to readable in the query API, " + label + ", p50 / p99 / p99.9 (" + summary.count() + " samples)",
                BenchReport.millis(summary.p50Ms()) + " / " + BenchReport.millis(summary.p99Ms()) + " / " + BenchReport.millis(summary.p999Ms()),
                "EndToEndLatency " + BenchReport.kafkaMillis(kafka.p50Ms()) + " / " + BenchReport.kafkaMillis(kafka.p99Ms()) + " / "
                        + BenchReport.kafkaMillis(kafka.p999Ms()),
                BenchReport.timesKafka(summary.p50Ms(), kafka.p50Ms()) + " / " + BenchReport.timesKafka(summary.p99Ms(), kafka.p99Ms()) + " / "
                        + BenchReport.timesKafka(summary.p999Ms(), kafka.p999Ms()));
        if (gaveUp > 0) {
            report.note(gaveUp + " followed submissions (" + label + ") were not readable within two minutes");
        }
    }

    private void queryRows(QueryLoad.Result queried, LatencyFigures kafka) {
        LatencySamples.Summary all = queried.all().summary();
        report.add("query API, " + queried.readers() + " readers: requests/s", BenchReport.count(queried.perSecond()), "", "");
        report.add("query API, all reads, p50 / p99", BenchReport.millis(all.p50Ms()) + " / " + BenchReport.millis(all.p99Ms()),
                "EndToEndLatency p50 / p99", BenchReport.timesKafka(all.p50Ms(), kafka.p50Ms()) + " / " + BenchReport.timesKafka(all.p99Ms(), kafka.p99Ms()));
        queried.byKind().forEach((kind, samples) -> {
            LatencySamples.Summary summary = samples.summary();
            report.add("  " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + summary.count() + "), p50 / p99",
                    BenchReport.millis(summary.p50Ms()) + " / " + BenchReport.millis(summary.p99Ms()), "", "");
        });
        if (queried.errors() > 0) {
            report.note(queried.errors() + " query API reads failed, the first: " + queried.firstError());
        }
    }

    private void phaseSummary(String phase, SubmissionDriver.Phase result) {
        say("  %s: %,d sent, %,d decided (%,.0f/s), views %s", phase, result.sent(), result.accepted() + result.rejected(), result.decidedPerSecond(),
                result.complete() ? String.format(Locale.ROOT, "caught up at %,.0f accepted events/s", result.viewsPerSecond()) : "NOT caught up");
    }

    private Consumer<SubmissionDriver.Progress> progress(String phase, Scale scale) {
        long[] lastDecided = {0};
        long[] lastNanos = {0};
        // The samples count the whole run's history, earlier segments' included.
        long every = Math.max(1, settings.sampleEvery());
        long[] nextSample = {(before.decided() / every + 1) * every - before.decided()};
        long[] lastSample = {0, 0}; // decided, elapsed nanos: the scale rows' rate is over the whole interval between them
        return progress -> {
            double rate = (progress.decided() - lastDecided[0]) * 1e9 / Math.max(1, progress.elapsedNanos() - lastNanos[0]);
            lastDecided[0] = progress.decided();
            lastNanos[0] = progress.elapsedNanos();
            say("  %s %4.0f s: %,d sent, %,d decided (%,.0f/s now), %,d in flight, %,d incidents behind in a view", phase,
                    progress.elapsedNanos() / 1e9, progress.sent(), progress.decided(), rate, progress.inFlight(), progress.viewsLagging());
            if (scale != null && settings.sampleEvery() > 0 && progress.decided() >= nextSample[0]) {
                double sampleRate = (progress.decided() - lastSample[0]) * 1e9 / Math.max(1, progress.elapsedNanos() - lastSample[1]);
                lastSample[0] = progress.decided();
                lastSample[1] = progress.elapsedNanos();
                String row = scale.sample(before.decided() + progress.decided(), before.filed() + progress.filed(), sampleRate);
                report.sample(row);
                growth.addAll(row.lines().toList());
                // Also in the progress: a long growth run's rows survive a failure of the phases after it.
                say("%s", row);
                nextSample[0] += settings.sampleEvery();
            }
        };
    }

    /** How the application's memory and the disk grow with the history: one Markdown row per sample. */
    private static final class Scale {
        private final long pid;
        private final Path work;
        private final int managementPort;
        private final HttpClient http = HttpClient.newHttpClient();
        private boolean headed;

        /** @param headed whether the table's head is already out: a resumed run's rows continue the earlier segments' table */
        Scale(long pid, Path work, int managementPort, boolean headed) {
            this.pid = pid;
            this.work = work;
            this.managementPort = managementPort;
            this.headed = headed;
        }

        String sample(long decided, long filed, double rate) {
            String head = headed ? "" : "| decided | incidents filed | decided/s since the row before | app heap used | app resident | log segments | Streams state |\n| --- | --- | --- | --- | --- | --- | --- |\n";
            headed = true;
            return head + String.format(Locale.ROOT, "| %,d | %,d | %,.0f | %s | %s | %s | %s |", decided, filed, rate, BenchReport.mebibytes(heapUsed()),
                    BenchReport.mebibytes(ProcessMemory.residentBytes(pid).orElse(0)), BenchReport.mebibytes(ProcessMemory.topicBytes(work.resolve("broker")).values().stream().mapToLong(Long::longValue).sum()),
                    BenchReport.mebibytes(ProcessMemory.diskBytes(work.resolve("streams"))));
        }

        /** The application's heap in use, from its Prometheus endpoint (jvm_memory_used_bytes, area heap, summed over pools). */
        private long heapUsed() {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.body().lines().filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the application's metrics: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Path writeConfig(Path work, Ports ports) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("muster.embedded.port", Integer.toString(ports.broker()));
        values.put("muster.embedded.controller-port", Integer.toString(ports.controller()));
        values.put("muster.embedded.data-dir", work.resolve("broker").toString());
        values.put("muster.streams.state-dir", work.resolve("streams").toString());
        values.put("muster.gateway.port", Integer.toString(ports.gateway()));
        values.put("muster.gateway.tls-dir", work.resolve("pki").toString());
        values.put("muster.management.port", Integer.toString(ports.management()));
        values.put("muster.sla.window.request-to-match", BenchSettings.REQUEST_TO_MATCH.toString());
        values.putAll(settings.appSettings());
        StringBuilder text = new StringBuilder("# Written by muster bench for one run.\n");
        values.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        Path config = work.resolve("muster.properties");
        Files.writeString(config, text);
        return config;
    }

    /** Free ports for the broker, its controller, the HTTPS server and the metrics, so a running muster up is left alone. */
    private record Ports(int broker, int controller, int gateway, int management) {

        /** The ports a kept run's configuration names: its broker's controller cannot move, its quorum knows it by address. */
        static Ports kept(Path config) throws IOException {
            Properties values = new Properties();
            try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                values.load(in);
            }
            Ports ports = new Ports(port(values, "muster.embedded.port", config), port(values, "muster.embedded.controller-port", config),
                    port(values, "muster.gateway.port", config), port(values, "muster.management.port", config));
            for (int port : List.of(ports.broker(), ports.controller(), ports.gateway(), ports.management())) {
                try (ServerSocket probe = new ServerSocket(port)) {
                    probe.setReuseAddress(true);
                } catch (IOException e) {
                    throw new IllegalStateException("port " + port + ", which the kept run's " + config + " names, is in use: stop what "
                            + "holds it, then resume (" + e.getMessage() + ")", e);
                }
            }
            return ports;
        }

        private static int port(Properties values, String key, Path config) {
            String value = values.getProperty(key);
            try {
                return Integer.parseInt(value == null ? "" : value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(config + " has no port " + key + " (" + value + ")", e);
            }
        }

        static Ports free() throws IOException {
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0); ServerSocket c = new ServerSocket(0);
                    ServerSocket d = new ServerSocket(0)) {
                return new Ports(a.getLocalPort(), b.getLocalPort(), c.getLocalPort(), d.getLocalPort());
            }
        }
    }

    private void say(String format, Object... arguments) {
        out.println(String.format(Locale.ROOT, format, arguments));
        out.flush();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
