package eu.muster.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.muster.broker.testing.SharedBroker;

/** Against real brokers: the shared one where a test only needs a broker, its own ones otherwise. */
@ExtendWith(SharedBroker.class)
class EmbeddedBrokerIT {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerIT.class);
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void recordWrittenWithAcksAllIsReadBackByAConsumerGroup(TestInfo test) throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        String topic = "incidents-" + test.getTestMethod().orElseThrow().getName();
        Kafka.createTopic(bootstrap, topic);

        RecordMetadata written = Kafka.produce(bootstrap, topic, "incident-1", "reported");
        List<ConsumerRecord<String, String>> read = Kafka.consume(bootstrap, topic, "readers", 1, CONSUME_TIMEOUT);

        assertThat(written.offset()).isZero();
        assertThat(read).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("incident-1");
            assertThat(record.value()).isEqualTo("reported");
            assertThat(record.offset()).isEqualTo(written.offset());
        });
    }

    @Test
    void secondBrokerOnAnOccupiedPortFailsNamingThePort() {
        BrokerSettings shared = SharedBroker.settings();
        BrokerSettings second = BrokerSettings.of(directory.resolve("second"), shared.runtimeLocation())
                .withFreePorts()
                .withBrokerPort(shared.brokerPort());
        EmbeddedBroker broker = new EmbeddedBroker(second);

        assertThatThrownBy(broker::start)
                .isInstanceOfSatisfying(BrokerPortInUseException.class, e -> assertThat(e.port()).isEqualTo(shared.brokerPort()))
                .hasMessageContaining("brokerPort " + shared.brokerPort() + " is already in use");
        assertThat(broker.process()).isEmpty();
        assertThat(SharedBroker.bootstrapServers()).isEqualTo(shared.bootstrapServers());
    }

    @Test
    void dataSurvivesARestartOnTheSameDataDirectory() throws Exception {
        BrokerSettings settings = BrokerSettings.of(directory.resolve("broker")).withFreePorts();
        String clusterId;
        RecordMetadata written;
        try (EmbeddedBroker first = new EmbeddedBroker(settings).start()) {
            Kafka.createTopic(first.bootstrapServers(), "timeline");
            written = Kafka.produce(first.bootstrapServers(), "timeline", "incident-7", "escalated");
            clusterId = clusterId(settings);
        }

        try (EmbeddedBroker second = new EmbeddedBroker(settings).start()) {
            LOG.info("Restart on existing data: ready after {} ms", second.startDuration().toMillis());
            List<ConsumerRecord<String, String>> read = Kafka.consume(second.bootstrapServers(), "timeline", "after-restart", 1, CONSUME_TIMEOUT);

            assertThat(read).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo("escalated");
                assertThat(record.offset()).isEqualTo(written.offset());
            });
            assertThat(clusterId(settings)).as("cluster id after restart: the storage was not formatted again").isEqualTo(clusterId);
            assertThat(Files.readString(second.logFile())).contains("already formatted").doesNotContain("Formatting KRaft storage");
            assertThat(second.dataDirectory().resolve(EmbeddedBroker.PREVIOUS_LOG_FILE)).content().contains("Formatting KRaft storage");
        }
    }

    @Test
    void closeStopsTheBrokerProcessGracefullyAndOnlyOnce() throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(BrokerSettings.of(directory.resolve("broker")).withFreePorts()).start();
        ProcessHandle process = broker.process().orElseThrow();
        assertThat(process.isAlive()).isTrue();
        assertThat(broker.isAlive()).isTrue();
        LOG.info("Fresh broker: ready after {} ms", broker.startDuration().toMillis());

        broker.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(broker.isAlive()).isFalse();
        Duration stopped = broker.stopDuration().orElseThrow();
        LOG.info("Close: broker process gone after {} ms", stopped.toMillis());
        assertThat(stopped).isLessThan(EmbeddedBroker.GRACEFUL_STOP_TIMEOUT);
        // The broker's own account: it saw its standard input close and shut down in a controlled way.
        assertThat(Files.readString(broker.logFile())).contains("standard input closed");

        broker.close();
        assertThat(broker.stopDuration()).contains(stopped);
        assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void brokerThatExitsDuringStartIsReportedWithItsLog() {
        BrokerSettings settings = BrokerSettings.of(directory.resolve("broker")).withFreePorts()
                .withServerProperty("num.io.threads", "many");
        EmbeddedBroker broker = new EmbeddedBroker(settings);

        assertThatThrownBy(broker::start)
                .isInstanceOfSatisfying(BrokerStartException.class, e -> assertThat(e.logFile()).contains(broker.logFile()))
                .hasMessageContaining("exited with code 3 during start-up")
                .hasMessageContaining("Last ")
                .hasMessageContaining(broker.logFile().toString())
                .hasMessageContaining("num.io.threads");
        assertThat(broker.isAlive()).isFalse();
    }

    @Test
    void brokerNotReadyInTimeIsStoppedAndReported() {
        BrokerSettings settings = BrokerSettings.of(directory.resolve("broker")).withFreePorts()
                .withStartTimeout(Duration.ofMillis(300));
        EmbeddedBroker broker = new EmbeddedBroker(settings);

        assertThatThrownBy(broker::start)
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("was not ready within startTimeout 300 ms")
                .hasMessageContaining("The broker process was stopped")
                .hasMessageContaining(broker.logFile().toString());
        assertThat(broker.process()).hasValueSatisfying(process -> assertThat(process.isAlive()).isFalse());
    }

    private static String clusterId(BrokerSettings settings) throws Exception {
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(settings.kafkaLogDirectory().resolve("meta.properties"))) {
            meta.load(reader);
        }
        assertThat(meta.getProperty("cluster.id")).isNotBlank();
        return meta.getProperty("cluster.id");
    }
}
