package eu.muster.view.clock;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RecordedEvent;
import eu.muster.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Records events on {@code incident.events} of a TopologyTestDriver as the log of record would:
 * the next sequence number of the incident, the chosen recording instant as {@code recordedAt} and
 * as the record timestamp. Keeps everything recorded, for replays. The hashes are placeholders:
 * views do not read them.
 */
public final class LogOfRecordFeed {

    private final TestInputTopic<String, RecordedEvent> input;
    private final List<RecordedEvent> log = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    /** A feed into {@code driver}'s log of record. */
    public LogOfRecordFeed(TopologyTestDriver driver, Topics topics) {
        input = driver.createInputTopic(Topics.INCIDENT_EVENTS, topics.incidentIdSerde().serializer(), topics.recordedEventSerde().serializer());
    }

    /** Records {@code event} at {@code recordedAt}. */
    public RecordedEvent record(IncidentEvent event, Instant recordedAt) {
        long sequence = sequences.merge(event.getIncidentId(), 1L, Long::sum);
        RecordedEvent recorded = RecordedEvent.newBuilder()
                .setIncidentId(event.getIncidentId())
                .setSequence(sequence)
                .setRecordedAt(recordedAt)
                .setSubmissionTopic(Topics.SUBMISSIONS_PREFIX + event.getProducer().getId())
                .setSubmissionPartition(0)
                .setSubmissionOffset(log.size())
                .setEvent(event)
                .setPreviousHash(ByteBuffer.wrap(new byte[32]))
                .setHash(ByteBuffer.wrap(new byte[32]))
                .build();
        log.add(recorded);
        input.pipeInput(event.getIncidentId(), recorded, recordedAt);
        return recorded;
    }

    /** Everything recorded so far, in recording order. */
    public List<RecordedEvent> log() {
        return List.copyOf(log);
    }
}
