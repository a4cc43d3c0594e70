package eu.muster.app;

import eu.muster.broker.BrokerPortInUseException;
import eu.muster.broker.BrokerSettings;
import eu.muster.broker.EmbeddedBroker;
import eu.muster.contract.Organisation;
import eu.muster.topics.OrganisationDirectory;
import eu.muster.topics.SchemaPublication;
import eu.muster.topics.SchemaPublisher;
import eu.muster.topics.TopicProvisioner;
import eu.muster.topics.TopicSpec;
import eu.muster.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running backbone: the embedded broker when no cluster is configured, the topics muster owns
 * (and every registered organisation's submission topic), the published contract schemas, the
 * organisation directory, the stream processors and the HTTPS gateway.
 */
public final class Backbone implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Backbone.class);

    private final MusterConfig config;
    private final Topics topics;
    private final EmbeddedBroker broker;
    private final StreamProcessors processors;
    private GatewayService gateway;
    private final List<Organisation> organisations;
    private final List<String> createdTopics;
    private final SchemaPublication schemas;
    private final Duration startDuration;
    private boolean closed;

    private Backbone(MusterConfig config, Topics topics, EmbeddedBroker broker, StreamProcessors processors, List<Organisation> organisations,
            List<String> createdTopics, SchemaPublication schemas, Duration startDuration) {
        this.config = config;
        this.topics = topics;
        this.broker = broker;
        this.processors = processors;
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
        try {
            if (config.embedded()) {
                LOG.info("starting the embedded Kafka broker in {}", config.embeddedDataDirectory());
                broker = startBroker(config);
                LOG.info("embedded broker ready at {} in {} ms", broker.bootstrapServers(), broker.startDuration().toMillis());
            }
            List<Organisation> organisations = OrganisationFile.read(config.organisationsFile());
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
            LOG.info("organisation directory: {} organisation(s) from {}, {} updated", organisations.size(), config.organisationsFile(),
                    registered.size());
            processors = StreamProcessors.start(config, topics);
            Backbone backbone = new Backbone(config, topics, broker, processors, organisations, created, schemas,
                    Duration.ofNanos(System.nanoTime() - started));
            if (config.gatewayEnabled()) {
                backbone.gateway = GatewayService.start(config, topics, organisations, processors.streams());
            }
            return backbone;
        } catch (RuntimeException e) {
            if (processors != null) {
                processors.close();
            }
            if (broker != null) {
                broker.close();
            }
            throw e;
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
        if (gateway != null) {
            gateway.close();
        }
        processors.close();
        if (broker != null) {
            broker.close();
        }
    }
}
