package eu.muster.app;

import eu.muster.coordination.view.CoordinationSettings;
import eu.muster.coordination.view.CoordinationTopology;
import eu.muster.record.Decisions;
import eu.muster.record.LogOfRecordSettings;
import eu.muster.record.LogOfRecordTopology;
import eu.muster.sla.view.SlaSettings;
import eu.muster.sla.view.SlaTopology;
import eu.muster.topics.Topics;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * muster's Kafka Streams application: the log of record and every view. Started once the topics exist;
 * {@link #start} returns when every task is running, or fails with the reason.
 */
final class StreamProcessors implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamProcessors.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private volatile Throwable failure;

    private StreamProcessors(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Builds the topology from the configuration, starts it and waits for RUNNING: for the start-up timeout, or as long as
     * the stores' restoration advances, whichever is longer.
     *
     * @param applicationServer where other instances read this one's stores (the HTTPS server), if it serves them
     * @param decisions         hears of the log of record's decisions
     * @param created           sees the Streams client before it starts, to bind its metrics
     */
    static StreamProcessors start(MusterConfig config, Topics topics, Optional<HostInfo> applicationServer, Decisions decisions,
            Consumer<KafkaStreams> created) {
        Properties properties = properties(config);
        applicationServer.ifPresent(server -> properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.host() + ":" + server.port()));
        // Built from muster's configuration, so topology-level settings are muster's, not a default StreamsConfig's.
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties)));
        LogOfRecordTopology.build(builder, topics,
                new LogOfRecordSettings(config.maxClockSkew(), config.topicSettings().partitions()), decisions);
        SlaTopology.build(builder, topics, new SlaSettings(config.slaPolicy(), config.viewsCheckInterval()));
        CoordinationTopology.build(builder, topics,
                new CoordinationSettings(config.coordinationPolicy(), config.viewsCheckInterval(), config.topicSettings().partitions(),
                        config.groupViewsInterval()));
        Topology topology = builder.build(properties);
        StreamProcessors processors = new StreamProcessors(new KafkaStreams(topology, properties));
        created.accept(processors.streams);
        processors.run(config.startupTimeout());
        return processors;
    }

    static Properties properties(MusterConfig config) {
        Properties properties = new Properties();
        properties.putAll(config.clientProperties());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDirectory().toString());
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topicSettings().replicationFactor());
        properties.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), config.topicSettings().minInsyncReplicas());
        // Changelogs are compacted; segments small enough to close let the log cleaner keep them to the latest value per key.
        properties.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_BYTES_CONFIG), Topics.COMPACTED_SEGMENT_BYTES);
        properties.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // Kafka 5 makes this the default; with no handler configured a failure in the directory's global thread stops processing.
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // The views write records of repetitive Avro (group overviews list up to 50 entries), which compress well: lz4 halved
        // the bytes written per event in the benchmark (docs/benchmarks.md#tuning). A site's own compression.type wins.
        if (!properties.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG)
                && !properties.containsKey(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG))) {
            properties.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        }
        // One stream thread per core, up to one per partition: while one thread waits for its transaction's flush, the other
        // works. Two threads on two cores decided 20 % more per second in the benchmark (docs/benchmarks.md#tuning).
        if (!properties.containsKey(StreamsConfig.NUM_STREAM_THREADS_CONFIG)) {
            properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, defaultStreamThreads(config.topicSettings().partitions()));
        }
        // Opt-in: a bounded budget kept resident memory flat in the growth run but made RocksDB flush and compact far more
        // (docs/benchmarks.md#tuning). A site's own config setter wins.
        if (config.rocksDbMemoryBytes().isPresent() && !properties.containsKey(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)) {
            properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, StateMemoryBudget.class);
            properties.put(StateMemoryBudget.BUDGET_BYTES, config.rocksDbMemoryBytes().getAsLong());
        }
        // Pattern subscriptions see new submission topics when metadata refreshes; the default is five minutes.
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG),
                (int) config.submissionDiscoveryInterval().toMillis());
        return properties;
    }

    /** One stream thread per available core, at least one, and no more than there are partitions to share out. */
    static int defaultStreamThreads(int partitions) {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), partitions));
    }

    private void run(Duration timeout) {
        CountDownLatch settled = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR
                    || now == KafkaStreams.State.PENDING_SHUTDOWN) {
                settled.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(exception -> {
            failure = exception;
            LOG.error("a stream thread failed; stopping the processors so that nothing is decided twice or skipped", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        // Restoring a long history's stores can take far longer than the time-out: start-up waits while it advances.
        StateRestoration restoration = new StateRestoration(System::nanoTime);
        streams.setGlobalStateRestoreListener(restoration);
        streams.start();
        boolean inTime = false;
        try {
            while (restoration.quietFor().compareTo(timeout) < 0 && !(inTime = settled.await(1, TimeUnit.SECONDS))) {
                // polled once a second: the deadline moves with every restored batch
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting the stream processors", e);
        }
        KafkaStreams.State state = streams.state();
        if (!inTime || state != KafkaStreams.State.RUNNING) {
            close();
            throw new IllegalStateException(inTime
                    ? "the stream processors stopped while starting (state " + state + ")" + (failure == null ? "" : ": " + failure.getMessage())
                    : "the stream processors did not reach RUNNING, with no progress for " + timeout + " (state " + state + "; "
                            + restoration.progress() + "); see " + Setting.STARTUP_TIMEOUT.key(), failure);
        }
        LOG.info("stream processors running");
    }

    /** The running Streams client, for interactive queries. */
    KafkaStreams streams() {
        return streams;
    }

    /**
     * Stops the processors, committing what was processed, and leaves the consumer group, so that a
     * restarted or remaining instance takes the partitions over at once instead of after the session timeout.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
