package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.muster.audit.StixBundle;
import eu.muster.codec.ContractTrust;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SubmissionOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code muster audit timeline} against a real broker and a running backbone: a scenario is filed,
 * then its history is exported as JSON (every event in sequence, with its producer) and as a STIX 2.1
 * bundle (the same twice over), an unknown incident is refused with exit status 1 and an unreachable
 * cluster with 2.
 *
 * <p>The bundle is checked with {@link StixBundle#requiredPropertyProblems}, an interim check of the STIX
 * 2.1 specification's mandatory properties, not the OASIS JSON schemas, which no package registry the
 * build may use distributes (see {@code StixBundleTest}).
 */
class AuditTimelineIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    @Test
    void theTimelineOfAnIncidentIsExportedAsJsonAndAsAStixBundle(@TempDir Path dir) throws Exception {
        ContractTrust.trustContractClasses();
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-audit-timeline");
        String incident = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        Instant t0 = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
        // Request, match, remote deployment, a participant, a situation report and its acknowledgement, closure, review.
        List<IncidentEvent> filed = events(incident, t0, 0, 1, 2, 3, 4, 5, 14, 15);
        List<IncidentEvent> elsewhere = events(other, t0, 0, 1);

        try (Backbone backbone = Backbone.start(MusterConfig.load(config));
             Submissions submissions = new Submissions(BROKER.bootstrapServers())) {
            // One at a time, so that the log's order is the order filed; the other incident's events interleave.
            submit(submissions, filed.get(0));
            submit(submissions, elsewhere.get(0));
            submit(submissions, filed.get(1));
            submit(submissions, elsewhere.get(1));
            for (IncidentEvent event : filed.subList(2, filed.size())) {
                submit(submissions, event);
            }

            Path json = dir.resolve("timeline.json");
            assertThat(timeline(config, incident, "--format", "json", "--output", json.toString())).isZero();
            JsonNode timeline = MAPPER.readTree(json.toFile());
            assertThat(timeline.get("incidentId").asText()).isEqualTo(incident);
            JsonNode events = timeline.get("events");
            assertThat(events).hasSize(filed.size());
            for (int i = 0; i < filed.size(); i++) {
                JsonNode event = events.get(i);
                assertThat(event.get("sequence").asLong()).isEqualTo(i + 1);
                assertThat(event.get("eventId").asText()).isEqualTo(filed.get(i).getEventId());
                assertThat(event.get("producer").get("id").asText()).as("who filed event %d", i + 1).isEqualTo(filed.get(i).getProducer().getId());
                assertThat(event.get("occurredAt").asText()).isEqualTo(filed.get(i).getOccurredAt().toString());
                assertThat(event.get("type").asText()).isEqualTo(filed.get(i).getPayload().getClass().getSimpleName());
                assertThat(event.get("submission").get("topic").asText()).isEqualTo("submissions." + filed.get(i).getProducer().getId());
                assertThat(event.get("position").get("topic").asText()).isEqualTo("incident.events");
                assertThat(Instant.parse(event.get("recordedAt").asText())).isAfterOrEqualTo(t0);
                assertThat(event.get("previousHash").asText()).isEqualTo(i == 0 ? "0".repeat(64) : events.get(i - 1).get("hash").asText());
            }
            assertThat(timeline.get("through").get("recordsRead").asLong()).isEqualTo(filed.size() + elsewhere.size());

            Path stix = dir.resolve("timeline.stix.json");
            assertThat(timeline(config, incident, "--format", "stix", "--output", stix.toString())).isZero();
            JsonNode bundle = MAPPER.readTree(stix.toFile());
            assertThat(StixBundle.requiredPropertyProblems(bundle)).isEmpty();
            assertThat(ofType(bundle, "incident")).singleElement().satisfies(object -> {
                assertThat(object.get("name").asText()).isEqualTo("Ransomware at regional hospitals");
                assertThat(object.get("id").asText()).isEqualTo(StixBundle.id("incident", "incident:" + incident));
            });
            assertThat(ofType(bundle, "identity")).extracting(o -> o.get("name").asText())
                    .containsExactly("de-bsi", "enisa", "mssp-nordwind");
            assertThat(ofType(bundle, "relationship")).hasSize(3);
            assertThat(ofType(bundle, "note")).extracting(o -> o.get("authors").get(0).asText()).containsExactly("mssp-nordwind", "enisa");
            Set<String> markings = ofType(bundle, "marking-definition").stream().map(o -> o.get("id").asText()).collect(Collectors.toSet());
            for (JsonNode object : bundle.get("objects")) {
                if (!object.get("type").asText().equals("marking-definition")) {
                    assertThat(markings).as("%s is marked with a definition of the bundle", object.get("id")).contains(object.get("object_marking_refs").get(0).asText());
                }
            }

            Path again = dir.resolve("timeline-again.stix.json");
            assertThat(timeline(config, incident, "--format", "stix", "--output", again.toString())).isZero();
            assertThat(Files.readString(again)).as("the same history gives the same bundle").isEqualTo(Files.readString(stix));

            StringWriter err = new StringWriter();
            String unknown = UUID.randomUUID().toString();
            int status = Muster.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                    .execute("audit", "timeline", unknown, "--config", config.toString());
            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).contains("no incident " + unknown + " on incident.events");
        }
    }

    @Test
    void aClusterThatDoesNotAnswerExitsWith2(@TempDir Path dir) throws Exception {
        // Port 1 on the loopback address: nothing listens there.
        Path config = OwnBroker.clusterConfig(dir, "127.0.0.1:1", "muster-audit-timeline-nowhere");
        StringWriter err = new StringWriter();
        int status = Muster.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("audit", "timeline", UUID.randomUUID().toString(), "--config", config.toString(), "--timeout", "PT1S");
        assertThat(status).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read the log of record");
    }

    /** Runs {@code muster audit timeline} as an auditor would and returns its exit status; its error output goes into the failure message. */
    private static int timeline(Path config, String incidentId, String... options) {
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("audit", "timeline", incidentId, "--config", config.toString()));
        args.addAll(List.of(options));
        int status = Muster.commandLine().setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
        assertThat(status).as(err.toString()).isZero();
        return status;
    }

    /** The sample events {@code indices} for {@code incidentId}, a second apart from {@code t0} in the order given. */
    private static List<IncidentEvent> events(String incidentId, Instant t0, int... indices) {
        List<IncidentEvent> samples = SampleEvents.everyPayloadType();
        List<IncidentEvent> events = new ArrayList<>();
        for (int n = 0; n < indices.length; n++) {
            events.add(IncidentEvent.newBuilder(samples.get(indices[n])).setEventId(UUID.randomUUID().toString())
                    .setIncidentId(incidentId).setOccurredAt(t0.plusSeconds(n)).build());
        }
        return events;
    }

    private static void submit(Submissions submissions, IncidentEvent event) {
        submissions.submit(event);
        Map<String, SubmissionOutcome> outcomes = submissions.awaitOutcomes(Set.of(event.getEventId()), Duration.ofSeconds(60));
        assertThat(Submissions.accepted(outcomes.get(event.getEventId()))).as("%s", outcomes.get(event.getEventId())).isTrue();
    }

    private static List<JsonNode> ofType(JsonNode bundle, String type) {
        return StreamSupport.stream(bundle.get("objects").spliterator(), false).filter(o -> o.get("type").asText().equals(type)).toList();
    }
}
