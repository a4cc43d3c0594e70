package eu.muster.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import eu.muster.contract.RecordedEvent;
import eu.muster.coordination.CoordinationPolicy;
import eu.muster.coordination.CoordinationReplay;
import eu.muster.json.JsonContract;
import eu.muster.sla.SlaPolicy;
import eu.muster.sla.SlaReplay;
import eu.muster.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every view as it stood at an instant, rebuilt from the log of record in a run of its own: a
 * read-only pass over {@code incident.events} (no consumer group, no state of the live application
 * touched) folded by the very functions the live processors call ({@link SlaReplay} and
 * {@link CoordinationReplay} over {@code IncidentTimeline}, {@code IncidentFacts}, {@code SlaClocks},
 * {@code CoordinationViews} and {@code GroupViews}). So a replay to T equals what the live views
 * showed at T, field for field, wherever the live processors had read the log up to T.
 *
 * <p>Events recorded after T are not part of the log as it stood at T and are left out; so are
 * records past {@code until}, where an offset bound is given. The folded facts are held in memory,
 * one small fold per incident.
 */
public final class ViewReplay {

    private final LogReader reader;
    private final Topics topics;
    private final SlaPolicy slaPolicy;
    private final CoordinationPolicy coordinationPolicy;

    /**
     * @param reader             reads the log of record
     * @param topics             the log's serde
     * @param slaPolicy          the SLA windows the live processors run with (the same settings give the same views)
     * @param coordinationPolicy the acknowledgement window and SLA policy of the coordination views
     */
    public ViewReplay(LogReader reader, Topics topics, SlaPolicy slaPolicy, CoordinationPolicy coordinationPolicy) {
        this.reader = reader;
        this.topics = topics;
        this.slaPolicy = slaPolicy;
        this.coordinationPolicy = coordinationPolicy;
    }

    /**
     * Replays the log of record to {@code asOf}.
     *
     * @param asOf     the instant the views are read at
     * @param until    per partition, the last offset to include; partitions not named are read to their end
     * @param progress shown as the log is read
     */
    public Replayed replay(Instant asOf, Map<Integer, Long> until, Progress progress) {
        SlaReplay sla = new SlaReplay(slaPolicy, asOf);
        CoordinationReplay coordination = new CoordinationReplay(coordinationPolicy, asOf);
        long[] counted = new long[1];
        Map<Integer, Long> exclusive = new java.util.HashMap<>();
        until.forEach((partition, last) -> exclusive.put(partition, last + 1));
        LogReader.Extent extent = reader.read(Topics.INCIDENT_EVENTS, exclusive, (record, read, total) -> {
            RecordedEvent recorded = topics.recordedEventSerde().deserializer().deserialize(record.topic(), record.value());
            boolean onTheLog = sla.accept(recorded);
            coordination.accept(recorded); // the same rule (recordedAt <= asOf): both folds see every record
            if (onTheLog) {
                counted[0]++;
            }
            progress.update(read, total);
        });
        progress.finish(extent.records());
        return new Replayed(asOf, extent, counted[0], sla, coordination);
    }

    /** What a replay rebuilt: every view at the instant, and how much of the log it read. */
    public static final class Replayed {

        private final Instant asOf;
        private final LogReader.Extent extent;
        private final long eventsCounted;
        private final SlaReplay sla;
        private final CoordinationReplay coordination;

        Replayed(Instant asOf, LogReader.Extent extent, long eventsCounted, SlaReplay sla, CoordinationReplay coordination) {
            this.asOf = asOf;
            this.extent = extent;
            this.eventsCounted = eventsCounted;
            this.sla = sla;
            this.coordination = coordination;
        }

        /** The instant the views were read at. */
        public Instant asOf() {
            return asOf;
        }

        /** The part of the log read. */
        public LogReader.Extent extent() {
            return extent;
        }

        /** Events recorded by the instant, and so folded into the views. */
        public long eventsCounted() {
            return eventsCounted;
        }

        /**
         * The views as JSON, in the contract's JSON form: {@code asOf}, {@code log} (topic, partitions read with their
         * first and last offsets, records read, events counted) and {@code views}: {@code sla}, {@code coordination},
         * {@code review} by incident id, {@code memberState} by member state, {@code lessons} by group, {@code scorecard}
         * by provider. Keys sorted, so that equal replays print equal documents. The whole document is built in memory:
         * for a long history, {@link #writeJson} writes the same document a record at a time.
         */
        public ObjectNode toJson(ObjectMapper mapper, JsonContract json) {
            TokenBuffer buffer = new TokenBuffer(mapper, false);
            try {
                writeJson(buffer, mapper, json);
                return mapper.readTree(buffer.asParser());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot build the replay's JSON in memory: " + e.getMessage(), e);
            }
        }

        /**
         * Writes the document {@link #toJson} describes to {@code generator}, one view record at a time: the views are read
         * one kind after another and each record is rendered on its own, so the output of a long history never has to be
         * held whole (a replay of 690,000 events ran out of a 512 MiB heap while building it as one tree).
         */
        public void writeJson(JsonGenerator generator, ObjectMapper mapper, JsonContract json) throws IOException {
            generator.writeStartObject();
            generator.writeStringField("asOf", asOf.toString());
            generator.writeObjectFieldStart("log");
            generator.writeStringField("topic", extent.topic());
            generator.writeArrayFieldStart("partitions");
            for (LogReader.Extent.Partition partition : extent.partitions()) {
                generator.writeStartObject();
                generator.writeNumberField("partition", partition.partition());
                generator.writeNumberField("first", partition.first());
                generator.writeNumberField("last", partition.last());
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeNumberField("recordsRead", extent.records());
            generator.writeNumberField("eventsCounted", eventsCounted);
            generator.writeEndObject();
            generator.writeObjectFieldStart("views");
            write(generator, mapper, "sla", sla.views(), json);
            write(generator, mapper, "coordination", coordination.coordination(), json);
            write(generator, mapper, "review", coordination.review(), json);
            write(generator, mapper, "memberState", coordination.memberStates(), json);
            write(generator, mapper, "lessons", coordination.lessons(), json);
            write(generator, mapper, "scorecard", coordination.scorecards(), json);
            generator.writeEndObject();
            generator.writeEndObject();
            generator.flush();
        }

        private static void write(JsonGenerator generator, ObjectMapper mapper, String name, Map<String, ? extends SpecificRecord> values,
                JsonContract json) throws IOException {
            generator.writeObjectFieldStart(name);
            for (Map.Entry<String, ? extends SpecificRecord> entry : new TreeMap<>(values).entrySet()) {
                generator.writeFieldName(entry.getKey());
                mapper.writeTree(generator, json.write(entry.getValue()));
            }
            generator.writeEndObject();
        }
    }
}
