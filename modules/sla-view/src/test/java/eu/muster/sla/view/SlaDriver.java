package eu.muster.sla.view;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.SlaAlert;
import eu.muster.contract.SlaView;
import eu.muster.sla.SlaPolicy;
import eu.muster.topics.TopicSettings;
import eu.muster.topics.Topics;
import eu.muster.view.clock.DriverWallClock;
import eu.muster.view.clock.LogOfRecordFeed;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The SLA topology under TopologyTestDriver: records events on the log of record at chosen
 * instants, moves the wall clock, and collects every view and alert written.
 */
final class SlaDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    final Topics topics = new Topics(new TopicSettings(3, (short) 1, 1));
    final TopologyTestDriver driver;
    final SlaQueries queries;
    private final LogOfRecordFeed feed;
    private final TestOutputTopic<String, SlaView> viewTopic;
    private final TestOutputTopic<String, SlaAlert> alertTopic;
    private final List<TestRecord<String, SlaView>> views = new ArrayList<>();
    private final List<TestRecord<String, SlaAlert>> alerts = new ArrayList<>();
    private final DriverWallClock wallClock;

    SlaDriver(Path stateDir, SlaPolicy policy) {
        StreamsBuilder builder = new StreamsBuilder();
        SlaTopology.build(builder, topics, new SlaSettings(policy, CHECK_INTERVAL));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sla-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(builder.build(props), props, T0);
        wallClock = new DriverWallClock(driver, T0);
        feed = new LogOfRecordFeed(driver, topics);
        viewTopic = driver.createOutputTopic(Topics.VIEW_SLA, topics.incidentIdSerde().deserializer(), topics.slaViewSerde().deserializer());
        alertTopic = driver.createOutputTopic(Topics.ALERT_SLA, topics.incidentIdSerde().deserializer(), topics.slaAlertSerde().deserializer());
        queries = new SlaQueries(driver::getKeyValueStore);
    }

    /** Records {@code event} on the log of record at {@code recordedAt}, as the log of record would: next sequence, timestamp = recordedAt. */
    RecordedEvent record(IncidentEvent event, Instant recordedAt) {
        return feed.record(event, recordedAt);
    }

    /** Everything recorded on the log so far, in recording order. */
    List<RecordedEvent> log() {
        return feed.log();
    }

    /** Moves the wall clock forward to {@code instant}, which runs the wall-clock punctuation once at that time. */
    void wallClockAt(Instant instant) {
        wallClock.moveTo(instant);
    }

    Instant wallClock() {
        return wallClock.now();
    }

    /** Every alert written so far, in order. */
    List<TestRecord<String, SlaAlert>> alertRecords() {
        alerts.addAll(alertTopic.readRecordsToList());
        return List.copyOf(alerts);
    }

    /** Every alert value written so far, in order. */
    List<SlaAlert> alerts() {
        return alertRecords().stream().map(TestRecord::value).toList();
    }

    /** Every view written so far, in order. */
    List<TestRecord<String, SlaView>> viewRecords() {
        views.addAll(viewTopic.readRecordsToList());
        return List.copyOf(views);
    }

    /** The view store's content: what the live processor shows now. */
    Map<String, SlaView> shownNow() {
        Map<String, SlaView> shown = new TreeMap<>();
        try (KeyValueIterator<String, Object> all = driver.<String, Object>getKeyValueStore(SlaTopology.VIEW_STORE).all()) {
            while (all.hasNext()) {
                KeyValue<String, Object> entry = all.next();
                shown.put(entry.key, (SlaView) entry.value);
            }
        }
        return shown;
    }

    /** Entries of the due index: the incidents whose clocks will still change with no new event. */
    long dueEntries() {
        try (KeyValueIterator<String, Object> all = driver.<String, Object>getKeyValueStore(SlaTopology.DUE_STORE).all()) {
            long count = 0;
            while (all.hasNext()) {
                all.next();
                count++;
            }
            return count;
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
