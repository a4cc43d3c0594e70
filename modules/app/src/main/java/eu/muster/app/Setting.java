package eu.muster.app;

/**
 * Every setting muster reads, with its key, default and meaning. docs/operations.md lists the same
 * table for operators. A key is set, from lowest to highest precedence, by its default, the
 * properties file given with {@code --config}, the environment variable named by {@link #environmentVariable()},
 * and a JVM system property of the same key.
 */
public enum Setting {

    KAFKA_BOOTSTRAP_SERVERS("muster.kafka.bootstrap-servers", "",
            "Kafka cluster to use, host:port[,host:port...]. Empty: start the embedded single-node broker."),
    EMBEDDED_HOST("muster.embedded.host", "127.0.0.1",
            "Address the embedded broker listens on. Loopback by default, so no other machine reaches it."),
    EMBEDDED_PORT("muster.embedded.port", "9092", "Client port of the embedded broker."),
    EMBEDDED_CONTROLLER_PORT("muster.embedded.controller-port", "9093", "KRaft controller port of the embedded broker."),
    EMBEDDED_DATA_DIR("muster.embedded.data-dir", "var/broker",
            "Data directory of the embedded broker; survives restarts. Relative to the installation (the launcher's folder)."),
    EMBEDDED_HEAP("muster.embedded.heap", "512m", "Maximum heap of the embedded broker's JVM (-Xmx syntax)."),
    TOPIC_PARTITIONS("muster.topics.partitions", "6",
            "Partitions of the incident-keyed topics. Fixed once the topics exist: incidents are partitioned by id."),
    TOPIC_REPLICATION_FACTOR("muster.topics.replication-factor", "",
            "Replication factor of the topics muster creates. Empty: 1 on the embedded broker, 3 on a cluster."),
    TOPIC_MIN_INSYNC_REPLICAS("muster.topics.min-insync-replicas", "",
            "min.insync.replicas of the topics muster creates. Empty: 1 on the embedded broker, 2 on a cluster."),
    ORGANISATIONS_FILE("muster.organisations.file", "deploy/organisations.dev.properties",
            "The organisation directory: who may submit, in which role and member state. Relative to the installation."),
    SUBMISSION_RETENTION("muster.submissions.retention", "P30D",
            "How long submission topics keep what was submitted, so nothing is lost while muster is down (ISO-8601 duration)."),
    SUBMISSION_DISCOVERY_INTERVAL("muster.submissions.discovery-interval", "PT10S",
            "How soon a newly created submission topic is picked up without a restart (ISO-8601 duration)."),
    MAX_CLOCK_SKEW("muster.log.max-clock-skew", "PT5M",
            "How far a submission's occurredAt may lie ahead of muster's clock before it is refused (ISO-8601 duration)."),
    SLA_REQUEST_TO_MATCH("muster.sla.window.request-to-match", "PT4H",
            "Default window from a request to ENISA's match of a provider (ISO-8601 duration). docs/sla.md says where each default comes from."),
    SLA_MATCH_TO_REMOTE_SUPPORT("muster.sla.window.match-to-remote-support", "PT2H",
            "Default window from the match to the start of remote support, where the contract terms give none."),
    SLA_MATCH_TO_ON_SITE("muster.sla.window.match-to-on-site", "PT24H",
            "Default window from the match to an on-site deployment (when on-site support was asked for), where the contract terms give none."),
    SLA_PHASE_INITIAL_RESPONSE("muster.sla.window.phase-initial-response", "P2D",
            "Budget of the initial-response phase, from the start of the engagement (the match)."),
    SLA_PHASE_INVESTIGATION("muster.sla.window.phase-investigation", "P7D",
            "Budget until investigation is over (containment and recovery begins), from the start of the engagement."),
    SLA_PHASE_CONTAINMENT_RECOVERY("muster.sla.window.phase-containment-recovery", "P30D",
            "Budget until closure, from the start of the engagement."),
    SLA_CLOSURE_TO_REVIEW("muster.sla.window.closure-to-review", "P30D",
            "Window from closure to the post-incident review."),
    SLA_SITUATION_REPORT_INTERVAL("muster.sla.window.situation-report-interval", "PT24H",
            "Default interval between situation reports while the engagement runs, where the contract terms give none."),
    SLA_AT_RISK_SHARE("muster.sla.at-risk-share", "0.8",
            "Share of a clock's window after which it is AT_RISK: a number above 0 and below 1."),
    COORDINATION_ACKNOWLEDGEMENT_WINDOW("muster.coordination.acknowledgement-window", "PT4H",
            "How long participants have to acknowledge a situation report before they are overdue (ISO-8601 duration)."),
    VIEWS_CHECK_INTERVAL("muster.views.check-interval", "PT1S",
            "How often the timed views (SLA, coordination, review) look for incidents that time has moved on: the most a breach alert trails its deadline."),
    VIEWS_GROUP_INTERVAL("muster.views.group-interval", "PT0.1S",
            "How often the member-state, scorecard and lessons views of the groups changed since are written (ISO-8601 duration); "
                    + "PT0S writes a group's view at every change. A busy member state changes many times a second."),
    GATEWAY_ENABLED("muster.gateway.enabled", "true",
            "Whether muster serves the HTTPS gateway for systems without a Kafka client (true or false)."),
    GATEWAY_HOST("muster.gateway.host", "127.0.0.1",
            "Address the HTTPS gateway listens on. Loopback by default, so no other machine reaches it."),
    GATEWAY_PORT("muster.gateway.port", "8443", "Port of the HTTPS gateway; 0 picks a free one."),
    GATEWAY_TLS_DIR("muster.gateway.tls-dir", "var/pki",
            "The gateway's TLS material: server.p12, truststore.p12 (the CA that issues client certificates) and token.secret. "
                    + "On the embedded broker, a development CA and certificates for every registered organisation are created there on first start. "
                    + "Relative to the installation."),
    GATEWAY_TLS_PASSWORD("muster.gateway.tls-password", "muster-dev",
            "Password of the gateway's PKCS12 files. The default is the development CA's; a production site sets its own."),
    GATEWAY_MAX_BODY_BYTES("muster.gateway.max-body-bytes", "1048576", "Largest request body the gateway accepts, in bytes (413 beyond)."),
    GATEWAY_MAX_BATCH("muster.gateway.max-batch", "500", "Most events in one request (413 beyond)."),
    GATEWAY_ADVERTISED_HOST("muster.gateway.advertised-host", "",
            "The host other instances of the application reach this one's HTTPS server at, to read the state it holds (Kafka Streams' "
                    + "application.server). Empty: the gateway's host, or localhost when that is a wildcard address."),
    QUERY_MAX_STREAMS("muster.query.max-streams", "64", "Most live event streams (GET /v1/stream) held open at once (503 beyond)."),
    QUERY_HEARTBEAT("muster.query.heartbeat", "PT15S", "How often an idle live event stream sends a comment line, so proxies keep it open."),
    QUERY_PEER_TIMEOUT("muster.query.peer-timeout", "PT5S", "How long another instance may take to answer a read of the state it holds (503 beyond)."),
    MANAGEMENT_ENABLED("muster.management.enabled", "true",
            "Whether muster serves Prometheus metrics and health checks over plain HTTP (true or false)."),
    MANAGEMENT_HOST("muster.management.host", "127.0.0.1",
            "Address the metrics and health endpoints listen on. Loopback by default; a site's Prometheus reaches it over its own network."),
    MANAGEMENT_PORT("muster.management.port", "9464", "Port of the metrics and health endpoints (/metrics, /health/live, /health/ready); 0 picks a free one."),
    STREAMS_APPLICATION_ID("muster.streams.application-id", "muster",
            "Kafka Streams application id: the consumer group and the prefix of internal topics. Instances with the same id share the work."),
    STREAMS_STATE_DIR("muster.streams.state-dir", "var/streams",
            "Where Kafka Streams keeps its local state (RocksDB). Relative to the installation."),
    STREAMS_ROCKSDB_MEMORY("muster.streams.rocksdb-memory-mib", "",
            "Memory all RocksDB stores of the process share outside the heap, in MiB: one block cache, which also holds their index "
                    + "and filter blocks and is charged for their write buffers. Resident memory is then about the heap plus this plus the "
                    + "JVM's own. Empty: Kafka Streams' own RocksDB settings, which bound nothing across stores but flush and compact less "
                    + "(docs/benchmarks.md#tuning)."),
    STARTUP_TIMEOUT("muster.startup.timeout", "PT60S",
            "How long start-up may wait for the broker and the cluster, and for the stores' restoration to advance (ISO-8601 duration).");

    /** Prefix of pass-through Kafka client settings: {@code muster.kafka.client.security.protocol=SSL} sets {@code security.protocol}. */
    public static final String CLIENT_PREFIX = "muster.kafka.client.";

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key in properties files and system properties. */
    public String key() {
        return key;
    }

    /** The value used when nothing sets the key; empty means "derived", as the description says. */
    public String defaultValue() {
        return defaultValue;
    }

    /** What the setting does, for help and docs. */
    public String description() {
        return description;
    }

    /** The environment variable that sets the key: {@code muster.embedded.data-dir} is {@code MUSTER_EMBEDDED_DATA_DIR}. */
    public String environmentVariable() {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
