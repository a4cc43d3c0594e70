package eu.muster.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything needed to run one single-node KRaft broker (broker and controller in one process):
 * where it listens, where it keeps its data, where its runtime lives, and how it is started.
 *
 * <p>Instances are immutable and validated on construction; every rejection names the setting.
 * Start from {@link #of(Path)} or {@link #of(Path, Path)} and adjust with the {@code with...} methods:
 * <pre>{@code
 * BrokerSettings settings = BrokerSettings.of(Path.of("var/broker"))
 *         .withBrokerPort(9092)
 *         .withServerProperty("log.retention.hours", "-1");
 * }</pre>
 *
 * @param host address both listeners bind to and clients connect to; loopback by default, so
 *        the broker is not reachable from other machines
 * @param brokerPort port of the PLAINTEXT listener clients use
 * @param controllerPort port of the CONTROLLER (KRaft quorum) listener
 * @param dataDirectory directory holding the broker's configuration, log file and Kafka data;
 *        it survives restarts, so a broker started again on it finds its earlier records
 * @param runtimeLocation the built {@code muster-broker-runtime} module: its {@code target}
 *        directory, or the {@value #RUNTIME_CLASSPATH_FILE} file in it (see {@link #locateRuntime()})
 * @param jvmHeap maximum heap of the broker JVM, in {@code -Xmx} syntax such as {@code 512m}
 * @param startTimeout how long {@link EmbeddedBroker#start()} waits for the broker to be ready
 * @param extraServerProperties further Kafka settings; they may override the single-node defaults
 *        of {@link #serverProperties()}, but not the settings derived from the components above
 */
public record BrokerSettings(
        String host,
        int brokerPort,
        int controllerPort,
        Path dataDirectory,
        Path runtimeLocation,
        String jvmHeap,
        Duration startTimeout,
        Map<String, String> extraServerProperties) {

    /** Default {@link #host()}: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default {@link #brokerPort()}. */
    public static final int DEFAULT_BROKER_PORT = 9092;
    /** Default {@link #controllerPort()}. */
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    /** Default {@link #jvmHeap()}. */
    public static final String DEFAULT_JVM_HEAP = "512m";
    /** Default {@link #startTimeout()}. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /** System property naming the {@link #runtimeLocation()}; read by {@link #locateRuntime()}. */
    public static final String RUNTIME_PROPERTY = "muster.broker.runtime";
    /** Environment variable naming the {@link #runtimeLocation()}; read by {@link #locateRuntime()}. */
    public static final String RUNTIME_ENVIRONMENT_VARIABLE = "MUSTER_BROKER_RUNTIME";
    /** Name of the classpath file the broker-runtime build writes into its {@code target} directory. */
    public static final String RUNTIME_CLASSPATH_FILE = "broker-runtime.classpath";
    /** The broker-runtime build output, relative to the repository root. */
    static final Path RUNTIME_IN_REPOSITORY = Path.of("modules", "broker-runtime", "target");

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    /**
     * Kafka settings derived from the other components, with the components they come from: an
     * extra property setting one of them would contradict the listeners or the storage layout.
     */
    private static final Map<String, String> DERIVED = derivedSettings();

    /**
     * Validates and normalises the settings: directories become absolute, the extra properties an
     * unmodifiable copy.
     *
     * @throws IllegalArgumentException naming the setting, when one is missing or out of range
     */
    public BrokerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank; use " + DEFAULT_HOST + " to listen on loopback only");
        }
        if (!host.equals(host.strip()) || host.contains(",") || host.contains(":")) {
            throw new IllegalArgumentException("host must be a host name or IPv4 address without spaces, commas or"
                    + " colons (IPv6 literals are not supported), was '" + host + "'");
        }
        if (host.equals("0.0.0.0")) {
            throw new IllegalArgumentException("host must be an address clients can connect to, was 0.0.0.0;"
                    + " use " + DEFAULT_HOST + " (loopback) or a concrete address of this machine");
        }
        requirePort("brokerPort", brokerPort);
        requirePort("controllerPort", controllerPort);
        if (brokerPort == controllerPort) {
            throw new IllegalArgumentException("brokerPort and controllerPort must differ, both are " + brokerPort);
        }
        if (dataDirectory == null) {
            throw new IllegalArgumentException("dataDirectory must be set");
        }
        if (runtimeLocation == null) {
            throw new IllegalArgumentException("runtimeLocation must be set: the broker-runtime module's target"
                    + " directory or its " + RUNTIME_CLASSPATH_FILE + " (see BrokerSettings.locateRuntime())");
        }
        if (jvmHeap == null || !HEAP.matcher(jvmHeap).matches()) {
            throw new IllegalArgumentException("jvmHeap must be a size in -Xmx syntax such as 512m or 1g, was '" + jvmHeap + "'");
        }
        if (startTimeout == null || startTimeout.isZero() || startTimeout.isNegative()) {
            throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
        }
        if (extraServerProperties == null) {
            throw new IllegalArgumentException("extraServerProperties must not be null; use an empty map");
        }
        extraServerProperties.forEach(BrokerSettings::requireExtraProperty);

        dataDirectory = dataDirectory.toAbsolutePath().normalize();
        runtimeLocation = runtimeLocation.toAbsolutePath().normalize();
        // Sorted: server.properties comes out the same for the same settings.
        extraServerProperties = Collections.unmodifiableMap(new TreeMap<>(extraServerProperties));
    }

    /**
     * Default settings (loopback, ports 9092 and 9093, 512m heap, 60 s start timeout) for a broker
     * keeping its data in {@code dataDirectory} and running from {@code runtimeLocation}.
     */
    public static BrokerSettings of(Path dataDirectory, Path runtimeLocation) {
        return new BrokerSettings(DEFAULT_HOST, DEFAULT_BROKER_PORT, DEFAULT_CONTROLLER_PORT, dataDirectory,
                runtimeLocation, DEFAULT_JVM_HEAP, DEFAULT_START_TIMEOUT, Map.of());
    }

    /**
     * Default settings as {@link #of(Path, Path)}, with the runtime found by {@link #locateRuntime()}.
     *
     * @throws IllegalStateException when the runtime cannot be found; the message says where it looked
     */
    public static BrokerSettings of(Path dataDirectory) {
        return of(dataDirectory, locateRuntime());
    }

    /**
     * Finds the built broker runtime, in this order: the system property {@value #RUNTIME_PROPERTY},
     * the environment variable {@value #RUNTIME_ENVIRONMENT_VARIABLE}, and finally
     * {@code modules/broker-runtime/target} in the working directory or the nearest of its parents
     * that has one (which is what a build or a run from inside the repository needs).
     *
     * @return the runtime location, not yet checked for completeness ({@link EmbeddedBroker#start()} does that)
     * @throws IllegalStateException when none of these names a runtime; the message lists what was tried
     */
    public static Path locateRuntime() {
        List<String> tried = new ArrayList<>();
        String property = System.getProperty(RUNTIME_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property.strip());
        }
        tried.add("system property " + RUNTIME_PROPERTY + " (not set)");
        String environment = System.getenv(RUNTIME_ENVIRONMENT_VARIABLE);
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment.strip());
        }
        tried.add("environment variable " + RUNTIME_ENVIRONMENT_VARIABLE + " (not set)");
        Path workingDirectory = Path.of("").toAbsolutePath();
        Optional<Path> found = findInRepository(workingDirectory);
        if (found.isPresent()) {
            return found.get();
        }
        tried.add(RUNTIME_IN_REPOSITORY.resolve(RUNTIME_CLASSPATH_FILE) + " in " + workingDirectory
                + " and its parents (none found)");
        throw new IllegalStateException("cannot find the broker runtime. Build it with"
                + " 'mvn package -pl modules/broker-runtime' and point " + RUNTIME_PROPERTY + " or "
                + RUNTIME_ENVIRONMENT_VARIABLE + " at modules/broker-runtime/target. Tried: " + String.join("; ", tried));
    }

    static Optional<Path> findInRepository(Path start) {
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(RUNTIME_IN_REPOSITORY);
            if (Files.isRegularFile(candidate.resolve(RUNTIME_CLASSPATH_FILE))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The {@code bootstrap.servers} value clients use: {@code host:brokerPort}. */
    public String bootstrapServers() {
        return host + ":" + brokerPort;
    }

    /** Where Kafka keeps its partitions and KRaft metadata ({@code log.dirs}): {@code kafka-logs} in the data directory. */
    public Path kafkaLogDirectory() {
        return dataDirectory.resolve("kafka-logs");
    }

    /**
     * The complete broker configuration, in the order it is written to {@code server.properties}:
     * node identity and listeners derived from these settings, the settings a one-node cluster
     * needs (without them consumer groups silently get no records and transactions time out), and
     * finally the {@link #extraServerProperties()}, which replace defaults of the same name.
     */
    public Map<String, String> serverProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("node.id", "1");
        properties.put("process.roles", "broker,controller");
        properties.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("controller.listener.names", "CONTROLLER");
        // A dynamic quorum bootstrapped by this node alone: what 'format --standalone' expects.
        properties.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        properties.put("log.dirs", kafkaLogDirectory().toString());

        // One node: every internal topic gets one replica, or it is never created.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        // Nobody else will join: do not hold the first rebalance back.
        properties.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created deliberately, with their intended partitions and configuration.
        properties.put("auto.create.topics.enable", "false");
        // Kafka's 128 MiB default would take a quarter of the small default heap once compaction runs.
        properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(32 * 1024 * 1024));

        properties.putAll(extraServerProperties);
        return Collections.unmodifiableMap(properties);
    }

    /** These settings listening on {@code host}. */
    public BrokerSettings withHost(String host) {
        return new BrokerSettings(host, brokerPort, controllerPort, dataDirectory, runtimeLocation, jvmHeap, startTimeout, extraServerProperties);
    }

    /** These settings with clients connecting on {@code brokerPort}. */
    public BrokerSettings withBrokerPort(int brokerPort) {
        return new BrokerSettings(host, brokerPort, controllerPort, dataDirectory, runtimeLocation, jvmHeap, startTimeout, extraServerProperties);
    }

    /** These settings with the KRaft controller listening on {@code controllerPort}. */
    public BrokerSettings withControllerPort(int controllerPort) {
        return new BrokerSettings(host, brokerPort, controllerPort, dataDirectory, runtimeLocation, jvmHeap, startTimeout, extraServerProperties);
    }

    /**
     * These settings with two ports that are free on {@link #host()} right now, as tests and
     * side-by-side runs need. Another process may still take them before the broker binds them;
     * {@link EmbeddedBroker#start()} then reports which one.
     *
     * @throws UncheckedIOException when no port can be bound on the host
     */
    public BrokerSettings withFreePorts() {
        // Both sockets stay open until both ports are known, so the two differ.
        try (ServerSocket first = bindEphemeral(); ServerSocket second = bindEphemeral()) {
            return withBrokerPort(first.getLocalPort()).withControllerPort(second.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on host " + host + ": " + e.getMessage(), e);
        }
    }

    /** These settings keeping the broker's data in {@code dataDirectory}. */
    public BrokerSettings withDataDirectory(Path dataDirectory) {
        return new BrokerSettings(host, brokerPort, controllerPort, dataDirectory, runtimeLocation, jvmHeap, startTimeout, extraServerProperties);
    }

    /** These settings running the broker from {@code runtimeLocation}. */
    public BrokerSettings withRuntimeLocation(Path runtimeLocation) {
        return new BrokerSettings(host, brokerPort, controllerPort, dataDirectory, runtimeLocation, jvmHeap, startTimeout, extraServerProperties);
    }

    /** These settings with a broker JVM heap of {@code jvmHeap} ({@code -Xmx} syntax, e.g. {@code 1g}). */
    public BrokerSettings withJvmHeap(String jvmHeap) {
        return new BrokerSettings(host, brokerPort, controllerPort, dataDirectory, runtimeLocation, jvmHeap, startTimeout, extraServerProperties);
    }

    /** These settings waiting at most {@code startTimeout} for the broker to be ready. */
    public BrokerSettings withStartTimeout(Duration startTimeout) {
        return new BrokerSettings(host, brokerPort, controllerPort, dataDirectory, runtimeLocation, jvmHeap, startTimeout, extraServerProperties);
    }

    /** These settings with the Kafka setting {@code key} set to {@code value}, in addition to the present extras. */
    public BrokerSettings withServerProperty(String key, String value) {
        Map<String, String> extra = new TreeMap<>(extraServerProperties);
        if (key == null || value == null) {
            throw new IllegalArgumentException("extraServerProperties: key and value must not be null, got " + key + "=" + value);
        }
        extra.put(key, value);
        return withExtraServerProperties(extra);
    }

    /** These settings with {@code extraServerProperties} replacing the present extras. */
    public BrokerSettings withExtraServerProperties(Map<String, String> extraServerProperties) {
        return new BrokerSettings(host, brokerPort, controllerPort, dataDirectory, runtimeLocation, jvmHeap, startTimeout, extraServerProperties);
    }

    private ServerSocket bindEphemeral() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static void requirePort(String setting, int port) {
        if (port < 1 || port > 65_535) {
            // 0 (any free port) is refused: clients and the controller quorum need the port up front.
            throw new IllegalArgumentException(setting + " must be between 1 and 65535, was " + port
                    + "; for a free port use BrokerSettings.withFreePorts()");
        }
    }

    private static void requireExtraProperty(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("extraServerProperties contains a blank or null key");
        }
        if (value == null) {
            throw new IllegalArgumentException("extraServerProperties: '" + key + "' has no value");
        }
        if (containsLineBreak(key) || containsLineBreak(value)) {
            throw new IllegalArgumentException("extraServerProperties: '" + key.strip() + "' contains a line break");
        }
        String derivedFrom = DERIVED.get(key.strip());
        if (derivedFrom != null) {
            throw new IllegalArgumentException("extraServerProperties may not set '" + key.strip()
                    + "': it is derived from " + derivedFrom);
        }
    }

    private static boolean containsLineBreak(String text) {
        return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    }

    private static Map<String, String> derivedSettings() {
        Map<String, String> derived = new TreeMap<>();
        derived.put("node.id", "the single-node layout (node 1)");
        derived.put("process.roles", "the single-node layout (broker and controller in one process)");
        derived.put("listeners", "host, brokerPort and controllerPort");
        derived.put("advertised.listeners", "host and brokerPort");
        derived.put("listener.security.protocol.map", "the PLAINTEXT and CONTROLLER listeners");
        derived.put("inter.broker.listener.name", "the PLAINTEXT listener");
        derived.put("controller.listener.names", "the CONTROLLER listener");
        derived.put("controller.quorum.bootstrap.servers", "host and controllerPort");
        derived.put("controller.quorum.voters", "host and controllerPort (a dynamic quorum)");
        derived.put("log.dirs", "dataDirectory");
        derived.put("log.dir", "dataDirectory");
        derived.put("metadata.log.dir", "dataDirectory");
        return Collections.unmodifiableMap(derived);
    }
}
