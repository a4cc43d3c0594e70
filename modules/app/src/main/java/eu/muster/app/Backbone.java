package eu.muster.app;

import eu.muster.broker.BrokerPortInUseException;
import eu.muster.broker.BrokerSettings;
import eu.muster.broker.EmbeddedBroker;
import eu.muster.contract.Organisation;
import eu.muster.contract.RejectionReason;
import eu.muster.metrics.ManagementServer;
import eu.muster.metrics.MusterMetrics;
import eu.muster.record.Decisions;
import eu.muster.topics.OrganisationDirectory;
import eu.muster.topics.SchemaPublication;
import eu.muster.topics.SchemaPublisher;
import eu.muster.topics.TopicProvisioner;
import eu.muster.topics.TopicSpec;
import eu.muster.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running backbone: the embedded broker when no cluster is configured, the topics muster owns
 * (and every registered organisation's submission topic), the published contract schemas, the
 * organisation directory, the HTTPS server (gateway, query API, live stream, dashboard), the stream
 * processors, and the metrics and health endpoints.
 */
public final class Backbone implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Backbone.class);

    private final MusterConfig config;
    private final Topics topics;
    private final EmbeddedBroker broker;
    private final StreamProcessors processors;
    private final GatewayService gateway;
    private final MusterMetrics metrics;
    private ManagementServer management;
    private final List<Organisation> organisations;
    private final List<String> createdTopics;
    private final SchemaPublication schemas;
    private final Duration startDuration;
    private boolean closed;

    private Backbone(MusterConfig config, Topics topics, EmbeddedBroker broker, StreamProcessors processors, GatewayService gateway,
            MusterMetrics metrics, List<Organisation> organisations, List<String> createdTopics, SchemaPublication schemas, Duration startDuration) {
        this.config = config;
        this.topics = topics;
        this.broker = broker;
        this.processors = processors;
        this.gateway = gateway;
        this.metrics = metrics;
        this.organisations = organisations;
        this.createdTopics = createdTopics;
        this.schemas = schemas;
        this.startDuration = startDuration;
    }

    /**
     * Starts the embedded broker if no cluster is configured, provisions the topics and publishes the
     * contract's schemas. On failure, whatever was started is stopped again before the exception leaves.
     */
    public static Backbone start(MusterConfig config) {
        long started = System.nanoTime();
        Topics topics = new Topics(config.topicSettings());
        EmbeddedBroker broker = null;
        StreamProcessors processors = null;
        GatewayService gateway = null;
        MusterMetrics metrics = MusterMetrics.create();
        try {
            if (config.embedded()) {
                LOG.info("starting the embedded Kafka broker in {}", config.embeddedDataDirectory());
                broker = startBroker(config);
                LOG.info("embedded broker ready at {} in {} ms", broker.bootstrapServers(), broker.startDuration().toMillis());
            }
            OrganisationFile.Entries entries = OrganisationFile.read(config.organisationsFile());
            List<Organisation> organisations = entries.organisations();
            List<TopicSpec> specs = new ArrayList<>(topics.owned());
            organisations.forEach(o -> specs.add(topics.submissionTopic(o.getId(), config.submissionRetention())));
            List<String> created;
            try (Admin admin = Admin.create(config.clientProperties())) {
                created = new TopicProvisioner(admin, config.startupTimeout()).provision(specs);
            }
            SchemaPublication schemas = new SchemaPublisher(config.clientProperties(), Topics.SCHEMAS, config.startupTimeout())
                    .publish(topics.contractSchemas());
            List<String> registered = new OrganisationDirectory(config.clientProperties(), topics, config.startupTimeout())
                    .register(organisations);
            LOG.info("organisation directory: {} organisation(s) and {} auditor(s) from {}, {} updated", organisations.size(),
                    entries.auditors().size(), config.organisationsFile(), registered.size());
            AtomicReference<KafkaStreams> running = new AtomicReference<>();
            Optional<HostInfo> applicationServer = Optional.empty();
            if (config.gatewayEnabled()) {
                gateway = GatewayService.start(config, topics, entries, running::get, metrics);
                applicationServer = Optional.of(new HostInfo(config.advertisedHost(), gateway.port()));
            }
            processors = StreamProcessors.start(config, topics, applicationServer, new CountedDecisions(metrics), streams -> {
                metrics.bindStreams(streams);
                metrics.openBreaches(() -> ViewGauges.openBreachesByClock(streams));
                metrics.reviewBacklog(() -> ViewGauges.reviewBacklog(streams));
            });
            running.set(processors.streams());
            Backbone backbone = new Backbone(config, topics, broker, processors, gateway, metrics, organisations, created, schemas,
                    Duration.ofNanos(System.nanoTime() - started));
            if (config.managementEnabled()) {
                backbone.management = startManagement(config, metrics, processors.streams());
            }
            return backbone;
        } catch (RuntimeException e) {
            if (processors != null) {
                processors.close();
            }
            if (gateway != null) {
                gateway.close();
            }
            if (broker != null) {
                broker.close();
            }
            metrics.close();
            throw e;
        }
    }

    private static ManagementServer startManagement(MusterConfig config, MusterMetrics metrics, KafkaStreams streams) {
        try {
            return ManagementServer.start(config.managementHost(), config.managementPort(), metrics, ManagementServer.Health.of(streams));
        } catch (IOException e) {
            throw new ConfigException("cannot serve metrics and health on " + config.managementHost() + ":" + config.managementPort() + " ("
                    + Setting.MANAGEMENT_PORT.key() + "): " + e.getMessage(), e);
        }
    }

    /** The log of record's decisions, counted. */
    private record CountedDecisions(MusterMetrics metrics) implements Decisions {
        @Override
        public void accepted() {
            metrics.submissionAccepted();
        }

        @Override
        public void rejected(RejectionReason reason) {
            metrics.submissionRejected(reason.name());
        }
    }

    private static EmbeddedBroker startBroker(MusterConfig config) {
        BrokerSettings settings = config.brokerSettings();
        try {
            return new EmbeddedBroker(settings).start();
        } catch (BrokerPortInUseException e) {
            // Say it in the operator's terms: the setting to change, not the launcher's field.
            Setting setting = e.port() == settings.controllerPort() ? Setting.EMBEDDED_CONTROLLER_PORT : Setting.EMBEDDED_PORT;
            throw new ConfigException("port " + e.port() + " on " + e.host() + " is already in use (" + setting.key()
                    + "): another broker or program listens there; stop it or set " + setting.key(), e);
        }
    }

    /** Where Kafka clients connect. */
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    /** The embedded broker, when muster started one. */
    public Optional<EmbeddedBroker> embeddedBroker() {
        return Optional.ofNullable(broker);
    }

    /** The topic registry the backbone provisioned. */
    public Topics topics() {
        return topics;
    }

    /** The organisations registered from the directory file. */
    public List<Organisation> organisations() {
        return organisations;
    }

    /** The running Kafka Streams client, for interactive queries. */
    public KafkaStreams streams() {
        return processors.streams();
    }

    /** The HTTPS gateway, unless disabled. */
    Optional<GatewayService> gateway() {
        return Optional.ofNullable(gateway);
    }

    /** The metrics and health endpoints, unless disabled. */
    Optional<ManagementServer> management() {
        return Optional.ofNullable(management);
    }

    /** The application's meters. */
    public MusterMetrics metrics() {
        return metrics;
    }

    /** Topics this start created (the others existed already). */
    public List<String> createdTopics() {
        return createdTopics;
    }

    /** What publishing the schemas did. */
    public SchemaPublication schemas() {
        return schemas;
    }

    /** From the call to {@link #start} to ready. */
    public Duration startDuration() {
        return startDuration;
    }

    /** Stops whatever this backbone started. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (management != null) {
            management.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        processors.close();
        metrics.close();
        if (broker != null) {
            broker.close();
        }
    }
}
