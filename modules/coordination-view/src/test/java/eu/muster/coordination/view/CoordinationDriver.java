package eu.muster.coordination.view;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RecordedEvent;
import eu.muster.coordination.CoordinationPolicy;
import eu.muster.topics.TopicSettings;
import eu.muster.topics.Topics;
import eu.muster.view.clock.DriverWallClock;
import eu.muster.view.clock.LogOfRecordFeed;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;

/** The coordination topology under TopologyTestDriver: records events at chosen instants, moves the wall clock, reads every store. */
final class CoordinationDriver implements AutoCloseable {

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    final Topics topics = new Topics(new TopicSettings(3, (short) 1, 1));
    final TopologyTestDriver driver;
    final CoordinationQueries queries;
    private final LogOfRecordFeed feed;
    private final DriverWallClock wallClock;

    /** With group views written at every change, so that a test reads them right after the change. */
    CoordinationDriver(Path stateDir, CoordinationPolicy policy, Instant start) {
        this(stateDir, policy, start, Duration.ZERO);
    }

    CoordinationDriver(Path stateDir, CoordinationPolicy policy, Instant start, Duration groupInterval) {
        StreamsBuilder builder = new StreamsBuilder();
        CoordinationTopology.build(builder, topics, new CoordinationSettings(policy, CHECK_INTERVAL, 3, groupInterval));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "coordination-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(builder.build(props), props, start);
        wallClock = new DriverWallClock(driver, start);
        feed = new LogOfRecordFeed(driver, topics);
        queries = new CoordinationQueries(driver::getKeyValueStore);
    }

    /** Moves the wall clock to {@code recordedAt} if it is behind, then records {@code event} then. */
    RecordedEvent record(IncidentEvent event, Instant recordedAt) {
        if (recordedAt.isAfter(wallClock.now())) {
            wallClockAt(recordedAt);
        }
        return feed.record(event, recordedAt);
    }

    /** Moves the wall clock forward to {@code instant}, which runs the wall-clock punctuation once at that time. */
    void wallClockAt(Instant instant) {
        wallClock.moveTo(instant);
    }

    Instant wallClock() {
        return wallClock.now();
    }

    List<RecordedEvent> log() {
        return feed.log();
    }

    /** A store's whole content, each value as its complete JSON rendering (see CoordinationReplayEqualityTest). */
    Map<String, String> shown(String store) {
        Map<String, String> shown = new TreeMap<>();
        try (KeyValueIterator<String, Object> all = driver.<String, Object>getKeyValueStore(store).all()) {
            while (all.hasNext()) {
                KeyValue<String, Object> entry = all.next();
                shown.put(entry.key, String.valueOf(entry.value));
            }
        }
        return shown;
    }

    @Override
    public void close() {
        driver.close();
    }
}
