package eu.muster.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's own performance tools ({@code ProducerPerformance}, {@code ConsumerPerformance},
 * {@code EndToEndLatency} from kafka-tools), each run as a child JVM against a broker, their summary
 * lines parsed into figures. Child JVMs because the tools drag in Kafka's server-side jars, which must
 * not meet our classpath; the classpath they run with is the one {@code modules/kafka-tools-runtime}
 * writes to {@code target/kafka-tools.classpath}.
 *
 * <p>Every run leaves, in the work directory, {@code <Tool>-<n>.log} (everything the tool printed) and,
 * for the tools that take one, {@code <Tool>-<n>.properties} (the client configuration it was given); {@code n}
 * counts the runs of all tools, skipping numbers whose log exists already, so the files sort in run order.
 * The topics are not created implicitly: call {@link #createTopic} first so that a broker's auto-creation
 * defaults do not decide the layout.
 */
public final class KafkaTools {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTools.class);

    static final String PRODUCER_PERFORMANCE = "ProducerPerformance";
    static final String CONSUMER_PERFORMANCE = "ConsumerPerformance";
    static final String END_TO_END_LATENCY = "EndToEndLatency";

    private static final String TOOLS_PACKAGE = "org.apache.kafka.tools.";
    private static final String LOGGING_FILE = "kafka-tools-log4j2.properties";
    /** Tools log WARN and above to stderr, which lands in the same log: enough to diagnose, not enough to bury the summary. */
    private static final String LOGGING = """
            status = warn
            appender.stderr.type = Console
            appender.stderr.name = STDERR
            appender.stderr.target = SYSTEM_ERR
            appender.stderr.layout.type = PatternLayout
            appender.stderr.layout.pattern = [%d] %p %m (%c)%n
            rootLogger.level = warn
            rootLogger.appenderRef.stderr.ref = STDERR
            """;
    private static final int TAIL_LINES = 20;
    private static final int MAX_QUOTED_CHARS = 4_000;
    /** How long a killed tool may take to disappear; killing is SIGKILL, so this is only the kernel's reaping. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);
    /** EndToEndLatency 4.3 hard-codes its consumer's group id as "test-group-" + System.currentTimeMillis(). */
    private static final Pattern END_TO_END_GROUP = Pattern.compile("test-group-\\d+");
    /** Admin calls are tiny; a broker that takes longer than this to answer one is not going to. */
    private static final Duration ADMIN_TIMEOUT_LIMIT = Duration.ofSeconds(60);

    private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|NaN|-?Infinity)";
    /**
     * ProducerPerformance's final line, e.g. {@code 200000 records sent, 58122.638768 records/sec (28.38 MB/sec),
     * 428.16 ms avg latency, 764.00 ms max latency, 512 ms 50th, 674 ms 95th, 711 ms 99th, 729 ms 99.9th.}
     * The progress lines lack the percentiles, and the optional steady-state line says "steady state records
     * sent", so neither matches.
     */
    private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
            "^(\\d+) records sent, " + NUMBER + " records/sec \\(" + NUMBER + " MB/sec\\), "
                    + NUMBER + " ms avg latency, " + NUMBER + " ms max latency, "
                    + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99\\.9th\\.\\s*$",
            Pattern.MULTILINE);
    /**
     * ConsumerPerformance's data line under its header {@code start.time, end.time, data.consumed.in.MB, MB.sec,
     * data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec}.
     */
    private static final Pattern CONSUMER_SUMMARY = Pattern.compile(
            "^[^,\\n]+, [^,\\n]+, " + NUMBER + ", " + NUMBER + ", (\\d+), " + NUMBER + ", (-?\\d+), (-?\\d+), "
                    + NUMBER + ", " + NUMBER + "\\s*$",
            Pattern.MULTILINE);
    private static final Pattern LATENCY_AVERAGE = Pattern.compile("^Avg latency: " + NUMBER + " ms\\s*$", Pattern.MULTILINE);
    private static final Pattern LATENCY_PERCENTILES = Pattern.compile(
            "^Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)\\s*$", Pattern.MULTILINE);

    private final Path java;
    private final String classpath;
    private final Path workDirectory;
    private final Duration timeout;
    private final Duration adminTimeout;
    private final AtomicInteger runs = new AtomicInteger();

    /**
     * @param java          the java executable to launch
     * @param classpath     the tools' classpath (contents of kafka-tools.classpath; surrounding whitespace is ignored)
     * @param workDirectory where the tools' config files and output logs go; created if missing
     * @param timeout       how long one tool run may take before it is killed and reported; Admin calls (topic
     *                      creation, group clean-up) get the same, but at most a minute
     */
    public KafkaTools(Path java, String classpath, Path workDirectory, Duration timeout) {
        this.java = Objects.requireNonNull(java, "java");
        // The classpath file ends with a newline; java would take it as part of the last entry.
        this.classpath = Objects.requireNonNull(classpath, "classpath").strip();
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.adminTimeout = timeout.compareTo(ADMIN_TIMEOUT_LIMIT) < 0 ? timeout : ADMIN_TIMEOUT_LIMIT;
        if (this.classpath.isEmpty()) {
            throw new IllegalArgumentException("the tools' classpath is empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /**
     * Creates the topic (1 partition, replication factor 1) through an Admin client if it does not exist yet.
     * An existing topic is left as it is, whatever its layout.
     *
     * @throws IllegalStateException when the broker refuses or does not answer within the timeout
     */
    public void createTopic(String bootstrapServers, String topic) {
        try (Admin admin = admin(bootstrapServers)) {
            // Create-and-ignore-exists rather than list-then-create: no race with anyone creating it meanwhile.
            await(admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all(), "creating topic " + topic);
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * ProducerPerformance: --num-records records of recordSize bytes, --throughput -1, acks=all plus the given
     * producer properties (e.g. batch.size=262144, linger.ms=20), which are applied after acks=all and so may
     * override it.
     *
     * @throws IllegalStateException when the tool fails, times out, prints no summary or reports fewer records
     *                               acknowledged than asked for (sends that failed)
     */
    public ProducerFigures producerPerformance(String bootstrapServers, String topic, long records, int recordSize,
                                               Map<String, String> producerProperties) {
        requirePositive(records, "records");
        requirePositive(recordSize, "recordSize");
        Properties config = new Properties();
        config.setProperty("acks", "all");
        config.putAll(producerProperties);
        Run run = newRun(PRODUCER_PERFORMANCE);
        writeConfig(run, config);
        String output = run(run, List.of(
                "--bootstrap-server", bootstrapServers,
                "--topic", topic,
                "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize),
                "--throughput", "-1",
                "--command-config", run.config().toString()));
        ProducerFigures figures = parseProducerPerformance(output);
        // The tool counts only acknowledged sends and still exits 0 when some fail.
        if (figures.records() != records) {
            throw new IllegalStateException(PRODUCER_PERFORMANCE + " had " + figures.records() + " of " + records
                    + " records acknowledged; its output (" + run.log() + "):\n" + quote(output));
        }
        return figures;
    }

    /**
     * ConsumerPerformance: reads {@code records} records from the topic's start with the given consumer properties
     * (e.g. max.poll.records=2000). The tool insists on a consumer group, so it gets a fresh one per run, with
     * auto-commit off unless the properties say otherwise, and the group is deleted afterwards.
     *
     * @param consumerProperties consumer configuration; must not contain {@code group.id} (the tool would ignore it)
     * @throws IllegalStateException when the tool fails, times out, prints no summary or gives up before reading
     *                               {@code records} records (the topic holds fewer)
     */
    public ConsumerFigures consumerPerformance(String bootstrapServers, String topic, long records,
                                               Map<String, String> consumerProperties) {
        requirePositive(records, "records");
        if (consumerProperties.containsKey("group.id")) {
            throw new IllegalArgumentException("ConsumerPerformance sets group.id itself (--group); a fresh group is used per run");
        }
        Properties config = new Properties();
        // No offsets committed: the group holds nothing worth keeping and deleting it is all that is left to do.
        config.setProperty("enable.auto.commit", "false");
        config.putAll(consumerProperties);
        String group = "muster-bench-perf-" + UUID.randomUUID();
        Run run = newRun(CONSUMER_PERFORMANCE);
        writeConfig(run, config);
        List<String> arguments = new ArrayList<>(List.of(
                "--bootstrap-server", bootstrapServers,
                "--topic", topic,
                "--num-records", Long.toString(records),
                "--group", group,
                "--command-config", run.config().toString()));
        // The tool overwrites these two consumer settings with its own options' defaults (1 MiB, 2 MiB) after
        // reading the config file, so a caller's values must travel as those options to take effect.
        optionFor(consumerProperties, "max.partition.fetch.bytes", "--fetch-size", arguments);
        optionFor(consumerProperties, "receive.buffer.bytes", "--socket-buffer-size", arguments);
        String output;
        try {
            output = run(run, arguments);
        } finally {
            Optional<Admin> admin = cleanupAdmin(bootstrapServers);
            admin.ifPresent(a -> {
                deleteGroups(a, bootstrapServers, Set.of(group));
                a.close();
            });
        }
        ConsumerFigures figures = parseConsumerPerformance(output);
        // When the topic runs dry the tool waits --timeout (10 s), prints a WARNING and exits 0 with a
        // rate that includes the wait: not a figure to compare anything with.
        if (figures.records() < records) {
            throw new IllegalStateException(CONSUMER_PERFORMANCE + " read " + figures.records() + " of " + records
                    + " records from " + topic + " before giving up; its output (" + run.log() + "):\n" + quote(output));
        }
        return figures;
    }

    /**
     * EndToEndLatency: records round trips with acks=all and records of recordSize bytes, one at a time. The tool
     * creates the topic if it is missing and leaves a consumer group named {@code test-group-<millis>} behind;
     * groups of that name that appear during the run are deleted afterwards.
     *
     * @throws IllegalStateException when the tool fails, times out or prints no summary
     */
    public LatencyFigures endToEndLatency(String bootstrapServers, String topic, int records, int recordSize) {
        requirePositive(records, "records");
        if (recordSize < 0) {
            throw new IllegalArgumentException("recordSize must not be negative: " + recordSize);
        }
        Run run = newRun(END_TO_END_LATENCY);
        String output;
        Optional<Admin> admin = cleanupAdmin(bootstrapServers);
        try {
            // Without the groups from before, there is no telling the tool's group from anyone else's.
            Optional<Set<String>> groupsBefore = admin.flatMap(a -> endToEndGroups(a, bootstrapServers));
            try {
                // Named options; the positional form still works in 4.3 but prints a deprecation warning.
                output = run(run, List.of(
                        "--bootstrap-server", bootstrapServers,
                        "--topic", topic,
                        "--num-records", Integer.toString(records),
                        "--producer-acks", "all",
                        "--record-size", Integer.toString(recordSize)));
            } finally {
                if (admin.isPresent() && groupsBefore.isPresent()) {
                    Optional<Set<String>> groupsAfter = endToEndGroups(admin.get(), bootstrapServers);
                    if (groupsAfter.isPresent()) {
                        Set<String> left = new HashSet<>(groupsAfter.get());
                        left.removeAll(groupsBefore.get());
                        deleteGroups(admin.get(), bootstrapServers, left);
                    }
                }
            }
        } finally {
            admin.ifPresent(Admin::close);
        }
        return parseEndToEndLatency(output, records);
    }

    // ----------------------------------------------------------------------------------------------- parsers

    /** The figures from ProducerPerformance's whole output: its final summary line, not the progress lines. */
    static ProducerFigures parseProducerPerformance(String output) {
        MatchResult m = last(PRODUCER_SUMMARY, output, PRODUCER_PERFORMANCE);
        return new ProducerFigures(Long.parseLong(m.group(1)), number(m.group(2)), number(m.group(3)),
                number(m.group(4)), number(m.group(5)),
                number(m.group(6)), number(m.group(7)), number(m.group(8)), number(m.group(9)));
    }

    /** The figures from ConsumerPerformance's whole output: the count and the fetch-time rates of its data line. */
    static ConsumerFigures parseConsumerPerformance(String output) {
        MatchResult m = last(CONSUMER_SUMMARY, output, CONSUMER_PERFORMANCE);
        // Groups: 1 MB, 2 MB.sec, 3 nMsg, 4 nMsg.sec, 5 rebalance.time.ms, 6 fetch.time.ms, 7 fetch.MB.sec, 8 fetch.nMsg.sec.
        return new ConsumerFigures(Long.parseLong(m.group(3)), number(m.group(8)), number(m.group(7)));
    }

    /**
     * The figures from EndToEndLatency's whole output. The tool does not print how many round trips it made,
     * so the caller says.
     */
    static LatencyFigures parseEndToEndLatency(String output, long records) {
        MatchResult average = last(LATENCY_AVERAGE, output, END_TO_END_LATENCY);
        MatchResult percentiles = last(LATENCY_PERCENTILES, output, END_TO_END_LATENCY);
        return new LatencyFigures(records, number(average.group(1)),
                number(percentiles.group(1)), number(percentiles.group(2)), number(percentiles.group(3)));
    }

    /** The last match: a summary is printed once, at the end, after whatever the output held before. */
    private static MatchResult last(Pattern pattern, String output, String tool) {
        Matcher m = pattern.matcher(output);
        MatchResult found = null;
        while (m.find()) {
            found = m.toMatchResult();
        }
        if (found == null) {
            throw new IllegalStateException(tool + " printed no summary line; its output was:\n" + quote(output));
        }
        return found;
    }

    private static double number(String text) {
        return Double.parseDouble(text);
    }

    // ----------------------------------------------------------------------------------------------- running

    /** The files of one tool run; the log file exists already, which is how the number was claimed. */
    private record Run(String tool, Path log, Path config) {
    }

    private Run newRun(String tool) {
        try {
            Files.createDirectories(workDirectory);
            while (true) {
                String name = tool + "-" + runs.incrementAndGet();
                try {
                    // createFile is atomic: two runs (or two KafkaTools on one directory) never share a log.
                    Path log = Files.createFile(workDirectory.resolve(name + ".log"));
                    return new Run(tool, log, workDirectory.resolve(name + ".properties"));
                } catch (FileAlreadyExistsException taken) {
                    // an earlier benchmark's file; try the next number
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a log file for " + tool + " in " + workDirectory, e);
        }
    }

    private static void writeConfig(Run run, Properties config) {
        try (OutputStream out = Files.newOutputStream(run.config())) {
            config.store(out, run.tool() + " client configuration, written by " + KafkaTools.class.getName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.config(), e);
        }
    }

    /** Runs the tool to its end and returns everything it printed; throws unless it exited 0 within the timeout. */
    private String run(Run run, List<String> arguments) {
        Path logging = workDirectory.resolve(LOGGING_FILE);
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx512m",
                // Without a configuration log4j2 complains on stderr and falls back to ERROR; this one is explicit.
                "-Dlog4j2.configurationFile=" + logging.toAbsolutePath(),
                // The tools format numbers with the default locale; a decimal comma would break the parsers.
                "-Duser.language=en",
                "-Duser.country=US",
                "-cp", classpath,
                TOOLS_PACKAGE + run.tool()));
        command.addAll(arguments);
        Process process;
        try {
            Files.writeString(logging, LOGGING, StandardCharsets.UTF_8);
            process = new ProcessBuilder(command)
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(run.log().toFile())
                    .start();
            process.getOutputStream().close(); // the tools read no input
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + run.tool() + " with " + java, e);
        }
        LOG.debug("{} started (pid {}), output in {}", run.tool(), process.pid(), run.log());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new IllegalStateException(run.tool() + " did not finish within " + timeout + " and was killed; last lines of "
                        + run.log() + ":\n" + tail(read(run.log())));
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(run.tool() + " was interrupted and killed", e);
        }
        String output = read(run.log());
        int exit = process.exitValue();
        if (exit != 0) {
            throw new IllegalStateException(run.tool() + " exited with code " + exit + "; last lines of " + run.log() + ":\n"
                    + tail(output));
        }
        return output;
    }

    /** Kills the tool and whatever it started; children first, since once the parent is gone they can no longer be found. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("tool process {} still running {} after SIGKILL", process.pid(), KILL_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** The last {@value #TAIL_LINES} lines of the output, where a tool's error and stack trace end up. */
    static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    /** The output, shortened from the front if long: the summary and the errors are at the end. */
    private static String quote(String output) {
        return output.length() <= MAX_QUOTED_CHARS ? output : "..." + output.substring(output.length() - MAX_QUOTED_CHARS);
    }

    private static void optionFor(Map<String, String> properties, String property, String option, List<String> arguments) {
        String value = properties.get(property);
        if (value != null) {
            arguments.add(option);
            arguments.add(value);
        }
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    // ----------------------------------------------------------------------------------------------- admin

    private Admin admin(String bootstrapServers) {
        int millis = (int) adminTimeout.toMillis();
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "muster-bench-kafka-tools",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis));
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(adminTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not finish within " + adminTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }

    /**
     * An Admin client for cleaning up after a tool, or none if one cannot even be configured (a bootstrap address
     * the tool has already failed on): cleaning up must never hide the tool's own failure.
     */
    private Optional<Admin> cleanupAdmin(String bootstrapServers) {
        try {
            return Optional.of(admin(bootstrapServers));
        } catch (RuntimeException e) {
            LOG.warn("cannot clean up consumer groups on {}: {}", bootstrapServers, e.getMessage());
            return Optional.empty();
        }
    }

    /** The groups named like EndToEndLatency's, or none if they cannot be listed. */
    private Optional<Set<String>> endToEndGroups(Admin admin, String bootstrapServers) {
        try {
            Collection<GroupListing> groups = await(admin.listGroups().all(), "listing groups");
            return Optional.of(groups.stream()
                    .map(GroupListing::groupId)
                    .filter(id -> END_TO_END_GROUP.matcher(id).matches())
                    .collect(Collectors.toSet()));
        } catch (RuntimeException e) {
            LOG.warn("cannot list consumer groups on {}: {}", bootstrapServers, e.getMessage());
            return Optional.empty();
        }
    }

    /** Deletes the groups a tool left; a failure is logged, not thrown, since the figures are good either way. */
    private void deleteGroups(Admin admin, String bootstrapServers, Set<String> groups) {
        if (groups.isEmpty()) {
            return;
        }
        try {
            await(admin.deleteConsumerGroups(groups).all(), "deleting consumer groups " + groups);
        } catch (RuntimeException e) {
            // A group that never got created (the tool failed early) is exactly what we wanted.
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                LOG.warn("consumer groups {} left on {}: {}", groups, bootstrapServers, e.getMessage());
            }
        }
    }
}
