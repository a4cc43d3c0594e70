package eu.muster.client;

import eu.muster.broker.testing.SharedBroker;
import eu.muster.contract.Organisation;
import eu.muster.record.LogOfRecordSettings;
import eu.muster.record.LogOfRecordTopology;
import eu.muster.topics.OrganisationDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * muster's real log-of-record processor on the shared broker, with the given organisations in its
 * directory: what the client talks to in production, so the examples test the client against it.
 */
final class RunningProcessor implements AutoCloseable {

    private final KafkaStreams streams;
    private final Path stateDirectory;

    RunningProcessor(List<Organisation> organisations) throws IOException, InterruptedException {
        new OrganisationDirectory(BrokerTopics.connection(), BrokerTopics.TOPICS, BrokerTopics.TIMEOUT).register(organisations);
        stateDirectory = Files.createTempDirectory("muster-client-processor-");
        StreamsBuilder builder = new StreamsBuilder();
        LogOfRecordTopology.build(builder, BrokerTopics.TOPICS, new LogOfRecordSettings(Duration.ofMinutes(5), BrokerTopics.PARTITIONS));
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "muster-client-example-" + UUID.randomUUID());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        properties.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        streams = new KafkaStreams(builder.build(properties), properties);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(BrokerTopics.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("the log-of-record processor did not reach RUNNING within " + BrokerTopics.TIMEOUT);
        }
    }

    @Override
    public void close() throws IOException {
        streams.close(Duration.ofSeconds(30));
        try (Stream<Path> files = Files.walk(stateDirectory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
