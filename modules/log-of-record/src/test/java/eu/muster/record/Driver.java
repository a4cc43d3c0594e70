package eu.muster.record;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.Rejection;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.topics.TopicSettings;
import eu.muster.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The log-of-record topology under TopologyTestDriver, with the organisation directory filled and every output collected. */
final class Driver implements AutoCloseable {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    final Topics topics = new Topics(new TopicSettings(3, (short) 1, 1));
    final TopologyTestDriver driver;
    final List<RecordedEvent> recorded = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    final Map<String, SubmissionOutcome> outcomes = new HashMap<>();
    final List<SubmissionOutcome> outcomeRecords = new ArrayList<>();
    private final TestOutputTopic<String, RecordedEvent> log;
    private final TestOutputTopic<String, Rejection> rejected;
    private final TestOutputTopic<String, SubmissionOutcome> outcome;

    Driver(Instant wallClock, Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        LogOfRecordTopology.build(builder, topics, new LogOfRecordSettings(MAX_CLOCK_SKEW, 3));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "log-of-record-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(builder.build(props), props, wallClock);
        TestInputTopic<String, Organisation> directory = driver.createInputTopic(Topics.ORGANISATIONS,
                topics.idSerde().serializer(), topics.organisationSerde().serializer());
        Lifecycle.ALL.forEach(org -> directory.pipeInput(org.getId(), org));
        log = driver.createOutputTopic(Topics.INCIDENT_EVENTS, topics.incidentIdSerde().deserializer(), topics.recordedEventSerde().deserializer());
        rejected = driver.createOutputTopic(Topics.INCIDENT_REJECTIONS, topics.idSerde().deserializer(), topics.rejectionSerde().deserializer());
        outcome = driver.createOutputTopic(Topics.SUBMISSION_OUTCOMES, topics.idSerde().deserializer(), topics.outcomeSerde().deserializer());
    }

    /** Submits {@code event} on its producer's own topic. */
    SubmissionOutcome submit(IncidentEvent event) {
        return submitOn(event.getProducer().getId(), event);
    }

    /** Submits {@code event} on {@code organisationId}'s topic, whoever the envelope claims to be. */
    SubmissionOutcome submitOn(String organisationId, IncidentEvent event) {
        driver.createInputTopic(Topics.SUBMISSIONS_PREFIX + organisationId, topics.incidentIdSerde().serializer(),
                topics.incidentEventSerde().serializer()).pipeInput(event.getIncidentId(), event);
        collect();
        return outcomes.get(event.getEventId());
    }

    /** Writes raw bytes on {@code organisationId}'s topic. */
    void submitBytes(String organisationId, byte[] value) {
        driver.createInputTopic(Topics.SUBMISSIONS_PREFIX + organisationId, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(new byte[] {1, 2}, value);
        collect();
    }

    void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** The outcome lookup store, as a dashboard or the gateway would query it. */
    KeyValueStore<String, SubmissionOutcome> outcomeStore() {
        return driver.getKeyValueStore(LogOfRecordTopology.OUTCOME_QUERY_STORE);
    }

    private void collect() {
        recorded.addAll(log.readValuesToList());
        rejections.addAll(rejected.readValuesToList());
        for (SubmissionOutcome o : outcome.readValuesToList()) {
            outcomeRecords.add(o);
            outcomes.put(o.getEventId(), o);
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
