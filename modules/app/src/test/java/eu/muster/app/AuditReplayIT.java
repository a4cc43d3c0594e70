package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.muster.codec.ContractTrust;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SlaAlert;
import eu.muster.contract.SlaClockState;
import eu.muster.contract.Tlp;
import eu.muster.json.JsonContract;
import eu.muster.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's guarantee on a real broker: a scenario runs live while time moves clocks on by
 * itself; afterwards every view as the live processors wrote it is read back at several instants,
 * and {@code muster audit replay --as-of} each instant, a fresh run every time, prints the same
 * views, field for field.
 */
class AuditReplayIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonContract JSON = JsonContract.create();
    private static final Topics TOPICS = Submissions.TOPICS;
    /** Each view topic and its name in the replay's output. */
    private static final Map<String, String> VIEWS = Map.of(
            Topics.VIEW_SLA, "sla",
            Topics.VIEW_COORDINATION, "coordination",
            Topics.VIEW_REVIEW, "review",
            Topics.VIEW_MEMBER_STATE, "memberState",
            Topics.VIEW_LESSONS, "lessons",
            Topics.VIEW_MSSP_SCORECARD, "scorecard");

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    @Test
    void theViewsReplayedToEachInstantEqualTheLiveViewsAtThatInstant(@TempDir Path dir) throws Exception {
        ContractTrust.trustContractClasses();
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-audit-replay");
        Files.writeString(config, "muster.sla.window.request-to-match=PT3S\nmuster.coordination.acknowledgement-window=PT3S\n"
                + "muster.views.check-interval=PT0.2S\n", StandardOpenOption.APPEND);
        String de = UUID.randomUUID().toString();
        String fr = UUID.randomUUID().toString();

        try (Backbone backbone = Backbone.start(MusterConfig.load(config));
             Submissions submissions = new Submissions(BROKER.bootstrapServers())) {
            // Two requests; FR's is never matched, so time alone breaches its match clock.
            submit(submissions, sample(de, 0), DashboardsIT.request(fr, DashboardsIT.FR_NCA, "Wiper at a grid operator", Tlp.AMBER, Instant.now()));
            awaitAlert(alert -> alert.getIncidentId().equals(fr) && alert.getClock().getState() == SlaClockState.BREACHED);
            // DE's is matched and served; its report goes unacknowledged until the window passes by itself.
            submit(submissions, sample(de, 1), sample(de, 2), sample(de, 4));
            awaitLiveRecord(Topics.VIEW_COORDINATION, de, view -> view.contains("ACKNOWLEDGEMENT_OVERDUE"));
            // Closed and reviewed: the lessons and the scorecard follow.
            submit(submissions, sample(de, 14), sample(de, 15));
            awaitLiveRecord(Topics.VIEW_LESSONS, "taxonomy:INTRUSIONS", view -> view.contains(de));
            awaitLiveRecord(Topics.VIEW_MSSP_SCORECARD, "mssp-nordwind", view -> view.contains("\"reviewsCiting\": 1"));

            Map<String, List<ConsumerRecord<String, byte[]>>> live = new LinkedHashMap<>();
            VIEWS.keySet().forEach(topic -> live.put(topic, TopicContents.read(BROKER.bootstrapServers(), topic)));
            List<Instant> instants = instants(live);
            assertThat(instants).hasSizeGreaterThanOrEqualTo(8);

            for (Instant instant : instants) {
                JsonNode replayed = replay(config, dir.resolve("replay-" + instant.toEpochMilli() + ".json"), instant);
                for (Map.Entry<String, String> view : VIEWS.entrySet()) {
                    Map<String, JsonNode> expected = liveAt(live.get(view.getKey()), view.getKey(), instant);
                    Map<String, JsonNode> actual = new TreeMap<>();
                    JsonNode replayedView = replayed.get("views").get(view.getValue());
                    replayedView.fieldNames().forEachRemaining(key -> actual.put(key, replayedView.get(key)));
                    assertThat(actual).as("%s at %s", view.getValue(), instant).isEqualTo(expected);
                }
            }
            assertThat(backbone.streams().state()).as("the live processors ran throughout").isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
            JsonNode now = replay(config, dir.resolve("replay-now.json"), null);
            assertThat(now.get("log").get("eventsCounted").asLong()).isEqualTo(7);
            assertThat(now.get("views").get("review").get(de).get("state").asText()).isEqualTo("FILED");

            // Bounded by offset instead: DE's partition only through its first record, the others to their end.
            ConsumerRecord<String, byte[]> first = TopicContents.read(BROKER.bootstrapServers(), Topics.INCIDENT_EVENTS).stream()
                    .filter(record -> record.key().equals(de)).findFirst().orElseThrow();
            JsonNode bounded = replay(config, dir.resolve("replay-bounded.json"), null,
                    "--until-offset", first.partition() + ":" + first.offset());
            assertThat(bounded.get("views").get("coordination").get(de).get("throughSequence").asLong()).isEqualTo(1);
            assertThat(bounded.get("views").get("coordination").get(de).get("status").asText()).isEqualTo("REQUESTED");
            if (TopicContents.read(BROKER.bootstrapServers(), Topics.INCIDENT_EVENTS).stream().noneMatch(r -> r.key().equals(fr)
                    && r.partition() == first.partition())) {
                assertThat(bounded.get("views").get("coordination").get(fr)).as("the other partition is read to its end")
                        .isEqualTo(now.get("views").get("coordination").get(fr));
            }
            assertThat(replayStatus(config, "--until-offset", "zero:1")).as("a bad bound is refused").isEqualTo(2);
        }
    }

    /** Every instant a live view record stands for, and the midpoints between them, in order; then now. */
    private static List<Instant> instants(Map<String, List<ConsumerRecord<String, byte[]>>> live) {
        TreeSet<Instant> stamps = live.values().stream().flatMap(List::stream).map(r -> Instant.ofEpochMilli(r.timestamp()))
                .collect(Collectors.toCollection(TreeSet::new));
        List<Instant> instants = new ArrayList<>();
        Instant previous = null;
        for (Instant stamp : stamps) {
            if (previous != null && Duration.between(previous, stamp).toMillis() > 2) {
                instants.add(previous.plus(Duration.between(previous, stamp).dividedBy(2)));
            }
            instants.add(stamp);
            previous = stamp;
        }
        instants.add(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return instants;
    }

    /** The live view at {@code instant}: for each key, its latest record stamped at or before it; a tombstone removes the key. */
    private static Map<String, JsonNode> liveAt(List<ConsumerRecord<String, byte[]>> records, String topic, Instant instant) {
        Deserializer<? extends SpecificRecord> deserializer = deserializer(topic);
        Map<String, ConsumerRecord<String, byte[]>> latest = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.timestamp() <= instant.toEpochMilli()) {
                ConsumerRecord<String, byte[]> seen = latest.get(record.key());
                if (seen == null || seen.timestamp() <= record.timestamp()) {
                    latest.put(record.key(), record); // a key lives in one partition, read in offset order
                }
            }
        }
        Map<String, JsonNode> view = new TreeMap<>();
        latest.forEach((key, record) -> {
            if (record.value() != null) {
                view.put(key, asRead(JSON.write(deserializer.deserialize(topic, record.value()))));
            }
        });
        return view;
    }

    /** As a JSON reader sees it (a long that fits an int reads as an int), so that the live and replayed trees compare by value. */
    private static JsonNode asRead(JsonNode written) {
        try {
            return MAPPER.readTree(written.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Deserializer<? extends SpecificRecord> deserializer(String topic) {
        return switch (topic) {
            case Topics.VIEW_SLA -> TOPICS.slaViewSerde().deserializer();
            case Topics.VIEW_COORDINATION -> TOPICS.coordinationViewSerde().deserializer();
            case Topics.VIEW_REVIEW -> TOPICS.reviewViewSerde().deserializer();
            case Topics.VIEW_MEMBER_STATE -> TOPICS.memberStateViewSerde().deserializer();
            case Topics.VIEW_LESSONS -> TOPICS.lessonsViewSerde().deserializer();
            case Topics.VIEW_MSSP_SCORECARD -> TOPICS.scorecardSerde().deserializer();
            default -> throw new IllegalArgumentException(topic);
        };
    }

    /** Runs {@code muster audit replay} as an auditor would, in a run of its own, and reads what it wrote. */
    private static JsonNode replay(Path config, Path output, Instant asOf, String... more) throws Exception {
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("audit", "replay", "--config", config.toString(), "--output", output.toString()));
        if (asOf != null) {
            args.addAll(List.of("--as-of", asOf.toString()));
        }
        args.addAll(List.of(more));
        int status = Muster.commandLine().setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
        assertThat(status).as(err.toString()).isZero();
        return MAPPER.readTree(output.toFile());
    }

    private static int replayStatus(Path config, String... more) {
        List<String> args = new ArrayList<>(List.of("audit", "replay", "--config", config.toString()));
        args.addAll(List.of(more));
        return Muster.commandLine().setErr(new PrintWriter(new StringWriter())).setOut(new PrintWriter(new StringWriter()))
                .execute(args.toArray(String[]::new));
    }

    /** The sample event {@code index} for incident {@code incidentId}, occurring now. */
    private static IncidentEvent sample(String incidentId, int index) {
        return IncidentEvent.newBuilder(SampleEvents.everyPayloadType().get(index)).setEventId(UUID.randomUUID().toString())
                .setIncidentId(incidentId).setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();
    }

    private static void submit(Submissions submissions, IncidentEvent... events) {
        for (IncidentEvent event : events) {
            submissions.submit(event);
            Map<String, eu.muster.contract.SubmissionOutcome> outcomes = submissions.awaitOutcomes(Set.of(event.getEventId()), Duration.ofSeconds(60));
            assertThat(Submissions.accepted(outcomes.get(event.getEventId()))).as("%s", outcomes.get(event.getEventId())).isTrue();
        }
    }

    private static void awaitAlert(Predicate<SlaAlert> wanted) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : TopicContents.read(BROKER.bootstrapServers(), Topics.ALERT_SLA)) {
                if (wanted.test(TOPICS.slaAlertSerde().deserializer().deserialize(Topics.ALERT_SLA, record.value()))) {
                    return;
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // the poll interval, not a synchronisation
        }
        throw new AssertionError("no such alert within 60 s");
    }

    private static void awaitLiveRecord(String topic, String key, Predicate<String> wanted) {
        Deserializer<? extends SpecificRecord> deserializer = deserializer(topic);
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : TopicContents.read(BROKER.bootstrapServers(), topic)) {
                if (key.equals(record.key()) && record.value() != null
                        && wanted.test(deserializer.deserialize(topic, record.value()).toString())) {
                    return;
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // the poll interval, not a synchronisation
        }
        throw new AssertionError("no such record on " + topic + " under " + key + " within 60 s");
    }

}
