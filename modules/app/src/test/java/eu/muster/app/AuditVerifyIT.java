package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.muster.codec.ContractTrust;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code muster audit verify} against a real log of record written by a whole backbone: the live log
 * holds; a copy with one altered byte, and a copy with one event left out, are each reported at
 * exactly the place the copy was tampered with.
 */
class AuditVerifyIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    /** What one run of the command line left behind. */
    private record Run(int status, String out, String err) {
    }

    @Test
    void theLiveLogHoldsAndATamperedCopyIsReportedAtExactlyTheTamperedPlace(@TempDir Path dir) throws Exception {
        ContractTrust.trustContractClasses(); // the copies below happen before any codec exists in this JVM
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-audit-verify");
        Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        List<IncidentEvent> scenario = interleaved(List.of(incident(a, 6, t0), incident(b, 5, t0.plusSeconds(1)), incident(c, 3, t0.plusSeconds(2))));
        int total = scenario.size();

        // The backbone only runs while the scenario is recorded: verify reads the log with no processor running.
        Backbone backbone = Backbone.start(MusterConfig.load(config));
        try (backbone; Submissions submissions = new Submissions(BROKER.bootstrapServers())) {
            scenario.forEach(submissions::submit);
            Set<String> ids = scenario.stream().map(IncidentEvent::getEventId).collect(Collectors.toSet());
            Map<String, SubmissionOutcome> outcomes = submissions.awaitOutcomes(ids, Duration.ofSeconds(60));
            assertThat(ids).allSatisfy(id -> assertThat(Submissions.accepted(outcomes.get(id))).as("%s", outcomes.get(id)).isTrue());
        }
        List<ConsumerRecord<String, byte[]>> log = awaitLog(total);
        Map<Integer, long[]> extents = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : log) {
            extents.computeIfAbsent(record.partition(), p -> new long[] {record.offset(), record.offset()})[1] = record.offset();
        }

        // The live log of record: intact, counted, with its offsets.
        Run live = muster("audit", "verify", "--config", config.toString());
        assertThat(live.status()).as(live.err()).isZero();
        List<String> summary = live.out().lines().map(String::strip).toList();
        assertThat(summary).startsWith(Topics.INCIDENT_EVENTS + ": chain intact", "incidents  3", "events     " + total);
        extents.forEach((partition, offsets) -> assertThat(summary).contains("partition " + partition + ": offsets " + offsets[0] + " to " + offsets[1]));
        assertThat(live.err()).as("the final progress line, plain off a terminal").contains("verify: " + total + " events in ");

        Run liveJson = muster("audit", "verify", "--config", config.toString(), "--json");
        assertThat(liveJson.status()).as(liveJson.err()).isZero();
        JsonNode report = MAPPER.readTree(liveJson.out());
        assertThat(report.get("topic").asText()).isEqualTo(Topics.INCIDENT_EVENTS);
        assertThat(report.get("result").asText()).isEqualTo("INTACT");
        assertThat(report.get("incidents").asInt()).isEqualTo(3);
        assertThat(report.get("events").asLong()).isEqualTo(total);
        assertThat(report.get("firstBreak").isNull()).isTrue();
        Map<Integer, List<Long>> reported = new TreeMap<>();
        report.get("partitions").forEach(p -> {
            if (p.get("first").asLong() >= 0) {
                reported.put(p.get("partition").asInt(), List.of(p.get("first").asLong(), p.get("last").asLong()));
            }
        });
        Map<Integer, List<Long>> expected = new TreeMap<>();
        extents.forEach((partition, offsets) -> expected.put(partition, List.of(offsets[0], offsets[1])));
        assertThat(reported).isEqualTo(expected);

        // One byte altered in b's third event, inside previousHash: the value ends with previousHash (32 bytes),
        // the hash's one-byte length and the hash (32 bytes); both hashes feed the recomputed hash.
        ConsumerRecord<String, byte[]> altered = find(log, b, 3);
        Map<String, Long> alteredCopy = copy(log, "audit.altered", record -> {
            if (record != altered) {
                return record.value();
            }
            byte[] value = record.value().clone();
            value[value.length - 40] ^= 0x01;
            return value;
        });
        Run alteredRun = muster("audit", "verify", "--config", config.toString(), "--topic", "audit.altered", "--json");
        assertThat(alteredRun.status()).as(alteredRun.out() + alteredRun.err()).isEqualTo(1);
        JsonNode alteredBreak = MAPPER.readTree(alteredRun.out()).get("firstBreak");
        assertThat(MAPPER.readTree(alteredRun.out()).get("result").asText()).isEqualTo("BROKEN");
        assertThat(alteredBreak.get("topic").asText()).isEqualTo("audit.altered");
        assertThat(alteredBreak.get("partition").asInt()).isEqualTo(altered.partition());
        assertThat(alteredBreak.get("offset").asLong()).isEqualTo(alteredCopy.get(place(altered)));
        assertThat(alteredBreak.get("incidentId").asText()).isEqualTo(b);
        assertThat(alteredBreak.get("kind").asText()).isEqualTo("HASH_MISMATCH");

        // One event left out in the middle of a's history (6 events): the gap shows at a's next event.
        ConsumerRecord<String, byte[]> removed = find(log, a, 3);
        ConsumerRecord<String, byte[]> next = find(log, a, 4);
        Map<String, Long> shortCopy = copy(log, "audit.short", record -> record == removed ? null : record.value());
        Run shortRun = muster("audit", "verify", "--config", config.toString(), "--topic", "audit.short");
        assertThat(shortRun.status()).as(shortRun.out() + shortRun.err()).isEqualTo(1);
        assertThat(shortRun.out().lines().map(String::strip).toList()).contains(
                "partition  " + next.partition(),
                "offset     " + shortCopy.get(place(next)),
                "incident   " + a,
                "kind       SEQUENCE_GAP",
                "detail     expected sequence 3 after 2, found 4: an event is missing before this one");

        // A topic that is not there: status 2, a message naming it, and the topic still not there.
        Run missing = muster("audit", "verify", "--config", config.toString(), "--topic", "no-such-topic", "--timeout", "PT10S");
        assertThat(missing.status()).as(missing.out() + missing.err()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).contains("muster audit verify: cannot read no-such-topic").contains("does not exist");
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain("no-such-topic");
        }
    }

    /** The first {@code n} sample events, as incident {@code id}'s lifecycle from {@code base} on, a minute apart. */
    private static List<IncidentEvent> incident(String id, int n, Instant base) {
        List<IncidentEvent> events = new ArrayList<>();
        List<IncidentEvent> samples = SampleEvents.everyPayloadType();
        for (int i = 0; i < n; i++) {
            events.add(IncidentEvent.newBuilder(samples.get(i)).setEventId(UUID.randomUUID().toString()).setIncidentId(id)
                    .setOccurredAt(base.plus(Duration.ofMinutes(i))).build());
        }
        return events;
    }

    /** The incidents' events taken in turn, so that incidents sharing a partition are interleaved on it. */
    private static List<IncidentEvent> interleaved(List<List<IncidentEvent>> incidents) {
        List<IncidentEvent> all = new ArrayList<>();
        int longest = incidents.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<IncidentEvent> incident : incidents) {
                if (i < incident.size()) {
                    all.add(incident.get(i));
                }
            }
        }
        return all;
    }

    /** The log of record once it holds {@code total} events, within a minute. */
    private static List<ConsumerRecord<String, byte[]>> awaitLog(int total) {
        Instant deadline = Instant.now().plusSeconds(60);
        List<ConsumerRecord<String, byte[]>> log = TopicContents.read(BROKER.bootstrapServers(), Topics.INCIDENT_EVENTS);
        while (log.size() < total) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the log of record holds " + log.size() + " of " + total + " events after 60 s");
            }
            log = TopicContents.read(BROKER.bootstrapServers(), Topics.INCIDENT_EVENTS);
        }
        assertThat(log).hasSize(total);
        return log;
    }

    /** The record of incident {@code incidentId} with sequence {@code sequence}. */
    private static ConsumerRecord<String, byte[]> find(List<ConsumerRecord<String, byte[]>> log, String incidentId, long sequence) {
        for (ConsumerRecord<String, byte[]> record : log) {
            RecordedEvent event = Submissions.TOPICS.recordedEventSerde().deserializer().deserialize(record.topic(), record.value());
            if (event.getIncidentId().equals(incidentId) && event.getSequence() == sequence) {
                return record;
            }
        }
        throw new AssertionError("no sequence " + sequence + " of incident " + incidentId + " on the log");
    }

    /**
     * Copies {@code log} to a new topic {@code scratch} with as many partitions, each record to the same
     * partition with the same key, headers and timestamp, and the value {@code value} gives it (none: the
     * record is left out).
     *
     * @return the offset each copied record got in the copy, by {@link #place} of the original
     */
    private static Map<String, Long> copy(List<ConsumerRecord<String, byte[]>> log, String scratch,
            Function<ConsumerRecord<String, byte[]>, byte[]> value) throws InterruptedException, ExecutionException {
        try (Admin admin = admin()) {
            int partitions = admin.describeTopics(List.of(Topics.INCIDENT_EVENTS)).allTopicNames().get()
                    .get(Topics.INCIDENT_EVENTS).partitions().size();
            admin.createTopics(List.of(new NewTopic(scratch, partitions, (short) 1))).all().get();
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<String, Long> offsets = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> record : log) {
                byte[] copied = value.apply(record);
                if (copied != null) {
                    // One at a time: the copy keeps the log's order within each partition, and each offset is known.
                    long offset = producer.send(new ProducerRecord<>(scratch, record.partition(), record.timestamp(), record.key(), copied,
                            record.headers())).get().offset();
                    offsets.put(place(record), offset);
                }
            }
        }
        return offsets;
    }

    private static String place(ConsumerRecord<String, byte[]> record) {
        return record.partition() + "@" + record.offset();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()));
    }

    /** Runs the command line as a user would, with its standard output and error captured. */
    private static Run muster(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Muster.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }
}
