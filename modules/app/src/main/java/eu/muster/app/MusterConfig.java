package eu.muster.app;

import eu.muster.broker.BrokerSettings;
import eu.muster.coordination.CoordinationPolicy;
import eu.muster.gateway.GatewaySettings;
import eu.muster.query.QuerySettings;
import eu.muster.sla.ClockKind;
import eu.muster.sla.SlaPolicy;
import eu.muster.topics.TopicSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * muster's configuration, typed and validated once at start. Built from the defaults of
 * {@link Setting}, then a properties file, then the environment, then JVM system properties.
 * Every error names the key and what was expected.
 */
public final class MusterConfig {

    private final String bootstrapServers;
    private final Map<String, String> clientProperties;
    private final String embeddedHost;
    private final int embeddedPort;
    private final int embeddedControllerPort;
    private final Path embeddedDataDirectory;
    private final String embeddedHeap;
    private final TopicSettings topicSettings;
    private final Duration startupTimeout;
    private final Path organisationsFile;
    private final Duration submissionRetention;
    private final Duration submissionDiscoveryInterval;
    private final Duration maxClockSkew;
    private final String applicationId;
    private final Path stateDirectory;
    private final OptionalLong rocksDbMemoryBytes;
    private final SlaPolicy slaPolicy;
    private final Duration viewsCheckInterval;
    private final Duration groupViewsInterval;
    private final CoordinationPolicy coordinationPolicy;
    private final boolean gatewayEnabled;
    private final GatewaySettings gatewaySettings;
    private final Path gatewayTlsDirectory;
    private final char[] gatewayTlsPassword;
    private final String advertisedHost;
    private final QuerySettings querySettings;
    private final boolean managementEnabled;
    private final String managementHost;
    private final int managementPort;

    /** The setting of each clock's default window. */
    private static final Map<ClockKind, Setting> SLA_WINDOWS = Map.of(
            ClockKind.REQUEST_TO_MATCH, Setting.SLA_REQUEST_TO_MATCH,
            ClockKind.MATCH_TO_REMOTE_SUPPORT, Setting.SLA_MATCH_TO_REMOTE_SUPPORT,
            ClockKind.MATCH_TO_ON_SITE, Setting.SLA_MATCH_TO_ON_SITE,
            ClockKind.PHASE_INITIAL_RESPONSE, Setting.SLA_PHASE_INITIAL_RESPONSE,
            ClockKind.PHASE_INVESTIGATION, Setting.SLA_PHASE_INVESTIGATION,
            ClockKind.PHASE_CONTAINMENT_RECOVERY, Setting.SLA_PHASE_CONTAINMENT_RECOVERY,
            ClockKind.CLOSURE_TO_REVIEW, Setting.SLA_CLOSURE_TO_REVIEW,
            ClockKind.SITUATION_REPORT_CADENCE, Setting.SLA_SITUATION_REPORT_INTERVAL);

    /** System property the launcher sets to the installation's root; relative paths are resolved against it. */
    public static final String HOME_PROPERTY = "muster.home";

    private MusterConfig(Map<Setting, String> values, Map<String, String> clientProperties) {
        this.bootstrapServers = values.get(Setting.KAFKA_BOOTSTRAP_SERVERS).strip();
        this.clientProperties = Map.copyOf(clientProperties);
        this.embeddedHost = nonBlank(values, Setting.EMBEDDED_HOST);
        this.embeddedPort = port(values, Setting.EMBEDDED_PORT);
        this.embeddedControllerPort = port(values, Setting.EMBEDDED_CONTROLLER_PORT);
        if (embeddedPort == embeddedControllerPort) {
            throw new ConfigException(Setting.EMBEDDED_CONTROLLER_PORT.key() + ": must differ from " + Setting.EMBEDDED_PORT.key()
                    + " (both are " + embeddedPort + ")");
        }
        this.embeddedDataDirectory = home().resolve(nonBlank(values, Setting.EMBEDDED_DATA_DIR)).toAbsolutePath().normalize();
        this.embeddedHeap = nonBlank(values, Setting.EMBEDDED_HEAP);
        if (!embeddedHeap.matches("\\d+[kKmMgG]?")) {
            throw new ConfigException(Setting.EMBEDDED_HEAP.key() + ": expected a heap size such as 512m or 2g, got '" + embeddedHeap + "'");
        }
        int partitions = positive(values, Setting.TOPIC_PARTITIONS, null);
        int replicationFactor = positive(values, Setting.TOPIC_REPLICATION_FACTOR, embedded() ? 1 : 3);
        int minInsync = positive(values, Setting.TOPIC_MIN_INSYNC_REPLICAS, Math.min(replicationFactor, embedded() ? 1 : 2));
        if (replicationFactor > Short.MAX_VALUE) {
            throw new ConfigException(Setting.TOPIC_REPLICATION_FACTOR.key() + ": at most " + Short.MAX_VALUE + ", got " + replicationFactor);
        }
        if (minInsync > replicationFactor) {
            throw new ConfigException(Setting.TOPIC_MIN_INSYNC_REPLICAS.key() + ": " + minInsync + " exceeds the replication factor "
                    + replicationFactor + " (" + Setting.TOPIC_REPLICATION_FACTOR.key() + ")");
        }
        this.topicSettings = new TopicSettings(partitions, (short) replicationFactor, minInsync);
        this.startupTimeout = duration(values, Setting.STARTUP_TIMEOUT);
        this.organisationsFile = home().resolve(nonBlank(values, Setting.ORGANISATIONS_FILE)).toAbsolutePath().normalize();
        this.submissionRetention = duration(values, Setting.SUBMISSION_RETENTION);
        this.submissionDiscoveryInterval = duration(values, Setting.SUBMISSION_DISCOVERY_INTERVAL);
        this.maxClockSkew = duration(values, Setting.MAX_CLOCK_SKEW);
        this.applicationId = nonBlank(values, Setting.STREAMS_APPLICATION_ID);
        this.stateDirectory = home().resolve(nonBlank(values, Setting.STREAMS_STATE_DIR)).toAbsolutePath().normalize();
        this.rocksDbMemoryBytes = values.get(Setting.STREAMS_ROCKSDB_MEMORY).isBlank() ? OptionalLong.empty()
                : OptionalLong.of(positive(values, Setting.STREAMS_ROCKSDB_MEMORY, null) * 1024L * 1024L);
        Map<ClockKind, Duration> windows = new EnumMap<>(ClockKind.class);
        SLA_WINDOWS.forEach((kind, setting) -> windows.put(kind, duration(values, setting)));
        this.slaPolicy = new SlaPolicy(windows, share(values, Setting.SLA_AT_RISK_SHARE));
        this.viewsCheckInterval = duration(values, Setting.VIEWS_CHECK_INTERVAL);
        this.groupViewsInterval = durationOrZero(values, Setting.VIEWS_GROUP_INTERVAL);
        this.coordinationPolicy = new CoordinationPolicy(duration(values, Setting.COORDINATION_ACKNOWLEDGEMENT_WINDOW), slaPolicy);
        this.gatewayEnabled = bool(values, Setting.GATEWAY_ENABLED);
        int gatewayPort = values.get(Setting.GATEWAY_PORT).strip().equals("0") ? 0 : port(values, Setting.GATEWAY_PORT);
        int maxBody = positive(values, Setting.GATEWAY_MAX_BODY_BYTES, null);
        if (maxBody < 1024) {
            throw new ConfigException(Setting.GATEWAY_MAX_BODY_BYTES.key() + ": at least 1024, got " + maxBody);
        }
        this.gatewaySettings = new GatewaySettings(nonBlank(values, Setting.GATEWAY_HOST), gatewayPort, maxBody,
                positive(values, Setting.GATEWAY_MAX_BATCH, null), Duration.ofSeconds(30), 4);
        this.gatewayTlsDirectory = home().resolve(nonBlank(values, Setting.GATEWAY_TLS_DIR)).toAbsolutePath().normalize();
        this.gatewayTlsPassword = nonBlank(values, Setting.GATEWAY_TLS_PASSWORD).toCharArray();
        String advertised = values.get(Setting.GATEWAY_ADVERTISED_HOST).strip();
        String gatewayHost = gatewaySettings.host();
        this.advertisedHost = !advertised.isEmpty() ? advertised
                : gatewayHost.equals("0.0.0.0") || gatewayHost.equals("::") ? "localhost" : gatewayHost;
        this.querySettings = new QuerySettings(topicSettings.partitions(), positive(values, Setting.QUERY_MAX_STREAMS, null),
                duration(values, Setting.QUERY_HEARTBEAT), duration(values, Setting.QUERY_PEER_TIMEOUT));
        this.managementEnabled = bool(values, Setting.MANAGEMENT_ENABLED);
        this.managementHost = nonBlank(values, Setting.MANAGEMENT_HOST);
        this.managementPort = values.get(Setting.MANAGEMENT_PORT).strip().equals("0") ? 0 : port(values, Setting.MANAGEMENT_PORT);
    }

    /** The configuration from defaults alone. */
    public static MusterConfig defaults() {
        return load(null, Map.of(), new Properties());
    }

    /** The configuration this process was started with: {@code file} (may be null), the environment and system properties. */
    public static MusterConfig load(Path file) {
        return load(file, System.getenv(), System.getProperties());
    }

    /**
     * The configuration from the given sources, each overriding the one before.
     *
     * @param file        a properties file, or null
     * @param environment environment variables
     * @param system      JVM system properties
     */
    public static MusterConfig load(Path file, Map<String, String> environment, Properties system) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, setting.defaultValue());
        }
        Map<String, String> clientProperties = new TreeMap<>();
        if (file != null) {
            apply(read(file), "file " + file, values, clientProperties);
        }
        for (Setting setting : Setting.values()) {
            String value = environment.get(setting.environmentVariable());
            if (value != null) {
                values.put(setting, value);
            }
        }
        // Only known keys: a JVM may carry other muster.* properties (the launcher's, a test harness's).
        Map<String, String> fromSystem = new HashMap<>();
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith(Setting.CLIENT_PREFIX) || Arrays.stream(Setting.values()).anyMatch(s -> s.key().equals(key))) {
                fromSystem.put(key, system.getProperty(key));
            }
        }
        apply(fromSystem, "system properties", values, clientProperties);
        return new MusterConfig(values, clientProperties);
    }

    private static void apply(Map<String, String> source, String origin, Map<Setting, String> values, Map<String, String> clientProperties) {
        Map<String, Setting> byKey = Arrays.stream(Setting.values()).collect(Collectors.toMap(Setting::key, s -> s));
        for (Map.Entry<String, String> entry : source.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(Setting.CLIENT_PREFIX)) {
                String clientKey = key.substring(Setting.CLIENT_PREFIX.length());
                if (clientKey.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
                    throw new ConfigException(key + " (" + origin + "): set " + Setting.KAFKA_BOOTSTRAP_SERVERS.key() + " instead");
                }
                clientProperties.put(clientKey, entry.getValue());
            } else if (byKey.containsKey(key)) {
                values.put(byKey.get(key), entry.getValue());
            } else {
                throw new ConfigException("unknown setting " + key + " (" + origin + "); known settings: "
                        + byKey.keySet().stream().sorted().collect(Collectors.joining(", ")) + ", and " + Setting.CLIENT_PREFIX + "*");
            }
        }
    }

    private static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file + " does not exist");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return values;
    }

    /** Where relative paths start: the launcher's {@value #HOME_PROPERTY}, else the working directory. */
    static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }

    /** The embedded broker's data directory. */
    public Path embeddedDataDirectory() {
        return embeddedDataDirectory;
    }

    /** Whether muster starts its own single-node broker, because no cluster is configured. */
    public boolean embedded() {
        return bootstrapServers.isEmpty();
    }

    /** The settings of the embedded broker; meaningful when {@link #embedded()}. */
    public BrokerSettings brokerSettings() {
        return BrokerSettings.of(embeddedDataDirectory, BrokerSettings.locateRuntime())
                .withHost(embeddedHost)
                .withBrokerPort(embeddedPort)
                .withControllerPort(embeddedControllerPort)
                .withJvmHeap(embeddedHeap)
                .withStartTimeout(startupTimeout);
    }

    /** Where clients connect: the configured cluster, or the embedded broker. */
    public String bootstrapServers() {
        return embedded() ? embeddedHost + ":" + embeddedPort : bootstrapServers;
    }

    /** Settings every Kafka client muster creates starts from: bootstrap servers and the pass-through client settings. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /** How muster sizes the topics it creates. */
    public TopicSettings topicSettings() {
        return topicSettings;
    }

    /** The organisation directory file. */
    public Path organisationsFile() {
        return organisationsFile;
    }

    /** How long submission topics keep records. */
    public Duration submissionRetention() {
        return submissionRetention;
    }

    /** How soon a new submission topic is picked up. */
    public Duration submissionDiscoveryInterval() {
        return submissionDiscoveryInterval;
    }

    /** How far occurredAt may lie ahead of muster's clock. */
    public Duration maxClockSkew() {
        return maxClockSkew;
    }

    /** The Kafka Streams application id. */
    public String applicationId() {
        return applicationId;
    }

    /** Kafka Streams' local state directory. */
    public Path stateDirectory() {
        return stateDirectory;
    }

    /** What the RocksDB stores of this process may take outside the heap, together, in bytes; empty for Kafka Streams' own settings. */
    public OptionalLong rocksDbMemoryBytes() {
        return rocksDbMemoryBytes;
    }

    /** The SLA clocks' default windows and at-risk share. */
    public SlaPolicy slaPolicy() {
        return slaPolicy;
    }

    /** The acknowledgement window and the SLA policy the coordination and review views use. */
    public CoordinationPolicy coordinationPolicy() {
        return coordinationPolicy;
    }

    /** Whether muster serves the HTTPS gateway. */
    public boolean gatewayEnabled() {
        return gatewayEnabled;
    }

    /** How the gateway listens and what it accepts. */
    public GatewaySettings gatewaySettings() {
        return gatewaySettings;
    }

    /** The gateway's TLS material. */
    public Path gatewayTlsDirectory() {
        return gatewayTlsDirectory;
    }

    /** The host other instances reach this one's HTTPS server at: its Kafka Streams {@code application.server} host. */
    public String advertisedHost() {
        return advertisedHost;
    }

    /** How the query API reads and streams. */
    public QuerySettings querySettings() {
        return querySettings;
    }

    /** Whether the metrics and health endpoints are served. */
    public boolean managementEnabled() {
        return managementEnabled;
    }

    /** The address the metrics and health endpoints listen on. */
    public String managementHost() {
        return managementHost;
    }

    /** The port of the metrics and health endpoints; 0 picks a free one. */
    public int managementPort() {
        return managementPort;
    }

    /** The password of the gateway's PKCS12 files. */
    public char[] gatewayTlsPassword() {
        return gatewayTlsPassword.clone();
    }

    /** How often the timed views look for incidents that time has moved on. */
    public Duration viewsCheckInterval() {
        return viewsCheckInterval;
    }

    /** How often the member-state, scorecard and lessons views of the groups changed since are written; zero: at every change. */
    public Duration groupViewsInterval() {
        return groupViewsInterval;
    }

    /** How long start-up may wait for the broker and the cluster. */
    public Duration startupTimeout() {
        return startupTimeout;
    }

    private static String nonBlank(Map<Setting, String> values, Setting setting) {
        String value = values.get(setting).strip();
        if (value.isEmpty()) {
            throw new ConfigException(setting.key() + ": must not be empty");
        }
        return value;
    }

    private static int port(Map<Setting, String> values, Setting setting) {
        String value = values.get(setting).strip();
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw new ConfigException(setting.key() + ": expected a port between 1 and 65535, got '" + value + "'");
    }

    private static int positive(Map<Setting, String> values, Setting setting, Integer derived) {
        String value = values.get(setting).strip();
        if (value.isEmpty() && derived != null) {
            return derived;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw new ConfigException(setting.key() + ": expected a whole number of at least 1, got '" + value + "'");
    }

    private static boolean bool(Map<Setting, String> values, Setting setting) {
        String value = values.get(setting).strip();
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new ConfigException(setting.key() + ": expected true or false, got '" + value + "'");
    }

    private static double share(Map<Setting, String> values, Setting setting) {
        String value = values.get(setting).strip();
        try {
            double share = Double.parseDouble(value);
            if (share > 0 && share < 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw new ConfigException(setting.key() + ": expected a number above 0 and below 1 such as 0.8, got '" + value + "'");
    }

    private static Duration duration(Map<Setting, String> values, Setting setting) {
        return duration(values, setting, false);
    }

    private static Duration durationOrZero(Map<Setting, String> values, Setting setting) {
        return duration(values, setting, true);
    }

    private static Duration duration(Map<Setting, String> values, Setting setting, boolean zeroAllowed) {
        String value = values.get(setting).strip();
        try {
            Duration duration = Duration.parse(value);
            if (!duration.isNegative() && (zeroAllowed || !duration.isZero())) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // reported below with the key
        }
        throw new ConfigException(setting.key() + (zeroAllowed
                ? ": expected an ISO-8601 duration of zero or more such as PT0.1S, got '"
                : ": expected a positive ISO-8601 duration such as PT60S, got '") + value + "'");
    }
}
