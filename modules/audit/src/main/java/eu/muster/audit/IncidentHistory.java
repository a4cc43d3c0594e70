package eu.muster.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.codec.EventDecodingException;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RecordedEvent;
import eu.muster.json.JsonContract;
import eu.muster.topics.Topics;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The full history of one incident as the log of record keeps it: every accepted event of the
 * incident in sequence order, each with where it lies on {@code incident.events} and where its
 * producer submitted it. It answers the auditor's and the review board's question "who filed what,
 * and when": the producer is the organisation whose submission topic the event came from.
 *
 * <p>{@link #read} takes one read-only pass over the log ({@link LogReader}: no consumer group, no
 * committed offset, nothing written), decoding only the records keyed by the incident's id.
 * {@link #toJson} renders the history as JSON; {@link StixBundle} renders it as STIX 2.1.
 */
public final class IncidentHistory {

    private static final HexFormat HEX = HexFormat.of();

    private final String incidentId;
    private final List<Entry> entries;
    private final LogReader.Extent through;

    private IncidentHistory(String incidentId, List<Entry> entries, LogReader.Extent through) {
        this.incidentId = incidentId;
        this.entries = entries;
        this.through = through;
    }

    /**
     * A history of events already read, for tests and tools that hold the records themselves.
     *
     * @param incidentId the incident
     * @param entries    its events, in any order; they are put in sequence order
     * @param through    the part of the log they were read from
     * @throws IllegalArgumentException when {@code entries} is empty or holds another incident's event
     */
    public static IncidentHistory of(String incidentId, List<Entry> entries, LogReader.Extent through) {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(through, "through");
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("incident " + incidentId + " has no events: a history needs at least its request");
        }
        for (Entry entry : entries) {
            if (!entry.event().getIncidentId().equals(incidentId)) {
                throw new IllegalArgumentException("event " + entry.event().getEvent().getEventId() + " at " + entry.position()
                        + " belongs to incident " + entry.event().getIncidentId() + ", not " + incidentId);
            }
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong((Entry e) -> e.event().getSequence()).thenComparing(e -> e.position().partition())
                .thenComparingLong(e -> e.position().offset()));
        return new IncidentHistory(incidentId, List.copyOf(sorted), through);
    }

    /**
     * Reads the history of {@code incidentId} from the log of record, to where the log ended when the read began.
     *
     * @param reader     reads {@code incident.events}
     * @param topics     the log's serde
     * @param incidentId the incident, as keyed on the log
     * @param progress   shown as the log is read; the whole log is read, since any partition may hold the key
     * @throws UnknownIncidentException  when the log holds no event of the incident
     * @throws UnreadableEventException  when one of the incident's records does not decode
     * @throws IllegalArgumentException  when the log of record does not exist or is not visible to these credentials
     * @throws org.apache.kafka.common.KafkaException when the cluster cannot be read
     */
    public static IncidentHistory read(LogReader reader, Topics topics, String incidentId, Progress progress) {
        Objects.requireNonNull(incidentId, "incidentId");
        List<Entry> entries = new ArrayList<>();
        LogReader.Extent extent = reader.read(Topics.INCIDENT_EVENTS, Map.of(), (record, read, total) -> {
            if (incidentId.equals(record.key())) {
                entries.add(new Entry(decode(topics, record), new Position(record.topic(), record.partition(), record.offset())));
            }
            progress.update(read, total);
        });
        progress.finish(extent.records());
        if (entries.isEmpty()) {
            throw new UnknownIncidentException(incidentId, extent);
        }
        return of(incidentId, entries, extent);
    }

    private static RecordedEvent decode(Topics topics, ConsumerRecord<String, byte[]> record) {
        try {
            return topics.recordedEventSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (EventDecodingException e) {
            throw new UnreadableEventException(new Position(record.topic(), record.partition(), record.offset()), record.key(), e);
        }
    }

    /** The incident. */
    public String incidentId() {
        return incidentId;
    }

    /** Its events in sequence order, never empty. */
    public List<Entry> entries() {
        return entries;
    }

    /** The part of the log the history was read from. */
    public LogReader.Extent through() {
        return through;
    }

    /**
     * The history as JSON: {@code incidentId}; {@code events}, one object per event in sequence order with
     * {@code sequence}, {@code recordedAt}, {@code occurredAt}, {@code eventId}, {@code producer} (id, role,
     * memberState), {@code tlp}, {@code pap}, {@code type} (the payload's record name), {@code payload} (the
     * contract's JSON form of the payload, its {@code type} first), {@code hash} and {@code previousHash} (lower-case
     * hex), {@code position} (topic, partition and offset on the log of record) and {@code submission} (the topic,
     * partition and offset the producer submitted it at); and {@code through}, the part of the log read (topic,
     * partitions with first and last offsets, records read) with the last sequence number seen.
     */
    public ObjectNode toJson(JsonContract json) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode document = nodes.objectNode();
        document.put("incidentId", incidentId);
        ArrayNode events = document.putArray("events");
        for (Entry entry : entries) {
            RecordedEvent recorded = entry.event();
            IncidentEvent event = recorded.getEvent();
            ObjectNode written = json.write(event);
            ObjectNode item = events.addObject();
            item.put("sequence", recorded.getSequence());
            item.put("recordedAt", recorded.getRecordedAt().toString());
            item.set("occurredAt", written.get("occurredAt"));
            item.put("eventId", event.getEventId());
            item.set("producer", written.get("producer"));
            item.set("tlp", written.get("tlp"));
            item.set("pap", written.get("pap"));
            item.put("type", event.getPayload().getClass().getSimpleName());
            item.set("payload", written.get("payload"));
            item.put("hash", hex(recorded.getHash()));
            item.put("previousHash", hex(recorded.getPreviousHash()));
            ObjectNode position = item.putObject("position");
            position.put("topic", entry.position().topic());
            position.put("partition", entry.position().partition());
            position.put("offset", entry.position().offset());
            ObjectNode submission = item.putObject("submission");
            submission.put("topic", recorded.getSubmissionTopic());
            submission.put("partition", recorded.getSubmissionPartition());
            submission.put("offset", recorded.getSubmissionOffset());
        }
        ObjectNode log = document.putObject("through");
        log.put("topic", through.topic());
        ArrayNode partitions = log.putArray("partitions");
        for (LogReader.Extent.Partition partition : through.partitions()) {
            partitions.addObject().put("partition", partition.partition()).put("first", partition.first()).put("last", partition.last());
        }
        log.put("recordsRead", through.records());
        log.put("lastSequence", entries.get(entries.size() - 1).event().getSequence());
        return document;
    }

    /** Lower-case hex of a hash, without disturbing the buffer's position (the record keeps it). */
    static String hex(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return HEX.formatHex(copy);
    }

    /**
     * One event of the history.
     *
     * @param event    the event as recorded
     * @param position where it lies on the log of record
     */
    public record Entry(RecordedEvent event, Position position) {

        /** Validates. */
        public Entry {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * Where a record lies.
     *
     * @param topic     the topic
     * @param partition the partition
     * @param offset    the offset
     */
    public record Position(String topic, int partition, long offset) {

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    /** The log of record holds no event of the incident: the id is wrong, or the incident is not (yet) on the log. */
    public static final class UnknownIncidentException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String incidentId;

        UnknownIncidentException(String incidentId, LogReader.Extent extent) {
            super("no incident " + incidentId + " on " + extent.topic() + " (" + extent.records() + " records read)");
            this.incidentId = incidentId;
        }

        /** The id asked for. */
        public String incidentId() {
            return incidentId;
        }
    }

    /** One of the incident's records on the log of record does not decode: the log cannot be read as a history. */
    public static final class UnreadableEventException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Position position;

        UnreadableEventException(Position position, String incidentId, EventDecodingException cause) {
            super("the record of incident " + incidentId + " at " + position + " does not decode: " + cause.getMessage(), cause);
            this.position = position;
        }

        /** Where the record lies. */
        public Position position() {
            return position;
        }
    }
}
