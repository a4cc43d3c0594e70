package eu.muster.app;

import eu.muster.bench.Bench;
import eu.muster.bench.BenchReport;
import eu.muster.bench.BenchSettings;
import eu.muster.broker.BrokerSettings;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code muster bench}: measures the backbone against Kafka's own limits on the same broker, in one run. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure muster against Kafka's own limits on this machine, in one run, and print a table of every figure with its ratio to "
                + "Kafka's (docs/benchmarks.md).",
            "",
            "Starts 'muster up' as a process of its own on a fresh embedded broker (free ports; data under var/bench/<run>), runs Kafka's "
                + "ProducerPerformance, ConsumerPerformance and EndToEndLatency against that broker, drives muster flat out and then at a "
                + "moderate rate with generated incidents through the organisations' submission topics, follows submissions until the "
                + "HTTPS query API shows them, files requests that breach their clock, reads the query API with concurrent readers, "
                + "replays the log with 'muster audit replay', and stops muster. A running 'muster up' is left alone.",
            "",
            "The standard run takes about ten minutes; --short under five.",
            "",
            "A run kept with --keep can be resumed with --resume <its directory>: another segment on the same broker data and state, the "
                + "same traffic from where it stopped, the scale samples continued. For runs longer than one sitting."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--short", description = "The short run: one minute flat out, 45 s at the moderate rate, fewer Kafka tool records.")
    private boolean quick;

    @Option(names = "--incidents", paramLabel = "<n>",
            description = "Incidents the run files; the flat-out phase ends when the last is filed or after --saturation-time. Default: 1000000.")
    private Integer incidents;

    @Option(names = "--concurrent-incidents", paramLabel = "<n>",
            description = "Incidents open at once; each has one submission in flight at most, so this bounds the load. Default: 20000.")
    private Integer concurrentIncidents;

    @Option(names = "--saturation-time", paramLabel = "<duration>",
            description = "How long the flat-out phase takes new submissions, ISO-8601 such as PT3M. Default: PT3M (PT1M with --short).")
    private Duration saturationTime;

    @Option(names = "--brief-share", paramLabel = "<0..1>",
            description = "The share of brief incidents (one member state, remote support, about ten events each; the others average over "
                + "thirty). Default: 0.")
    private Double briefShare;

    @Option(names = "--rate", paramLabel = "<per-second>", description = "Submissions per second in the moderate phase. Default: a quarter of the rate the flat-out phase reached.")
    private Double rate;

    @Option(names = "--sample-every", paramLabel = "<n>",
            description = "For scale runs: a sample of throughput, heap, resident memory and disk every <n> decided submissions. Default: none.")
    private Long sampleEvery;

    @Option(names = "--app-heap", paramLabel = "<size>", description = "Maximum heap of the muster up under test, -Xmx syntax. Default: 512m.")
    private String appHeap;

    @Option(names = "--replay-heap", paramLabel = "<size>",
            description = "Maximum heap of the audit replay, which holds a fold of every incident, -Xmx syntax. Default: the app heap.")
    private String replayHeap;

    @Option(names = "--set", paramLabel = "<key>=<value>",
            description = "A muster setting for the application under test (repeatable), such as muster.kafka.client.commit.interval.ms=50.")
    private Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--keep", description = "Keep the run's broker data, Streams state and replay output (they are deleted by default), "
            + "so that it can be resumed.")
    private boolean keep;

    @Option(names = "--resume", paramLabel = "<run directory>",
            description = "Go on with a kept run for one more segment (--saturation-time flat out, then the other phases), keeping it again. "
                + "Its settings are the run's: only --saturation-time and --replay-heap may be given.")
    private Path resume;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (resume != null) {
            return resume();
        }
        BenchSettings base = quick ? BenchSettings.quick() : BenchSettings.standard();
        Map<String, String> appSettings = new LinkedHashMap<>(set);
        appSettings.keySet().stream().filter(key -> !key.startsWith("muster.")).findFirst().ifPresent(key -> {
            throw new CommandLine.ParameterException(spec.commandLine(), "--set " + key + ": muster settings start with 'muster.' (docs/operations.md)");
        });
        BenchSettings settings;
        try {
            String heap = appHeap == null ? base.appHeap() : appHeap;
            settings = base.withTraffic(incidents == null ? base.incidents() : incidents,
                            concurrentIncidents == null ? base.concurrentIncidents() : concurrentIncidents,
                            briefShare == null ? base.briefShare() : briefShare)
                    .withPhases(saturationTime == null ? base.saturationTime() : saturationTime, rate == null ? base.moderateRate() : rate,
                            sampleEvery == null ? base.sampleEvery() : sampleEvery)
                    .withApplication(heap, replayHeap == null ? heap : replayHeap, appSettings);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path work = MusterConfig.home().toAbsolutePath().resolve("var/bench").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        long started = System.nanoTime();
        PrintStream out = console();
        BenchReport report = Bench.run(settings, environment(work), out);
        finish(out, report, settings.name(), started, work, keep);
        return 0;
    }

    private Integer resume() throws IOException, InterruptedException {
        List<String> given = new ArrayList<>();
        if (quick) {
            given.add("--short");
        }
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("--incidents", incidents);
        fixed.put("--concurrent-incidents", concurrentIncidents);
        fixed.put("--brief-share", briefShare);
        fixed.put("--rate", rate);
        fixed.put("--sample-every", sampleEvery);
        fixed.put("--app-heap", appHeap);
        fixed.forEach((option, value) -> {
            if (value != null) {
                given.add(option);
            }
        });
        if (!set.isEmpty()) {
            given.add("--set");
        }
        if (!given.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume goes on with the kept run's own settings; "
                    + String.join(", ", given) + " cannot change them (only --saturation-time and --replay-heap can be given)");
        }
        Path work = resume.toAbsolutePath().normalize();
        if (!Files.isDirectory(work)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume " + resume + ": no such directory");
        }
        long started = System.nanoTime();
        PrintStream out = console();
        BenchReport report;
        try {
            report = Bench.resume(environment(work), saturationTime, replayHeap, out);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume " + resume + ": " + e.getMessage());
        }
        finish(out, report, "resumed", started, work, true);
        return 0;
    }

    private Bench.Environment environment(Path work) {
        Path home = MusterConfig.home().toAbsolutePath();
        Path tools = home.resolve("modules/kafka-tools-runtime/target/kafka-tools.classpath");
        if (!Files.isRegularFile(tools)) {
            throw new ConfigException("Kafka's tools are not built (" + tools + " is missing): run the build, or ./muster, which builds what is missing");
        }
        List<String> jvm = List.of("-cp", System.getProperty("java.class.path"), "-D" + MusterConfig.HOME_PROPERTY + "=" + home,
                "-D" + BrokerSettings.RUNTIME_PROPERTY + "=" + System.getProperty(BrokerSettings.RUNTIME_PROPERTY, home.resolve("modules/broker-runtime/target").toString()));
        Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        return new Bench.Environment(javaExecutable, jvm, Muster.class.getName(), tools, work);
    }

    /** UTF-8 whatever the locale: the table has × and %. */
    private static PrintStream console() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    private static void finish(PrintStream out, BenchReport report, String name, long started, Path work, boolean keep) {
        out.println();
        out.println(report.markdown());
        out.printf("muster bench (%s) took %.1f min; report in %s%n", name, (System.nanoTime() - started) / 60e9, work);
        if (keep) {
            out.printf("kept: resume with ./muster bench --resume %s%n", work);
        } else {
            Bench.markDiscarded(work);
            for (String scratch : List.of("broker", "streams", "replay.json")) {
                delete(work.resolve(scratch));
            }
        }
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the run's scratch data " + path + ": " + e.getMessage(), e);
        }
    }
}
