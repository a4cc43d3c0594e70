package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.codec.ContractTrust;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.SampleEvents;
import eu.muster.gateway.Gateway;
import eu.muster.gateway.TlsContexts;
import eu.muster.json.JsonContract;
import eu.muster.pki.DevelopmentCa;
import eu.muster.pki.DevelopmentCredentials;
import eu.muster.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS gateway of a running backbone, over real TLS, against the real broker and the real log of record. */
class GatewayIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonContract JSON = JsonContract.create();

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    @Test
    void aCertificateFilesARequestThatIsAcceptedAndEveryRefusalIsSpecificAndWritesNothing(@TempDir Path dir) throws Exception {
        Path pki = dir.resolve("pki");
        DevelopmentCredentials credentials = DevelopmentCa.ensure(pki, List.of("de-bsi", "fr-anssi"), List.of("127.0.0.1"), Clock.systemUTC());
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-gateway");
        Files.writeString(config, "muster.gateway.enabled=true\nmuster.gateway.port=0\nmuster.gateway.tls-dir=" + pki + "\n",
                StandardOpenOption.APPEND);
        IncidentEvent request = requestNow();

        try (Backbone backbone = Backbone.start(MusterConfig.load(config))) {
            String base = backbone.gateway().orElseThrow().baseUri();
            HttpClient de = client(TlsContexts.of(credentials.clientKeystores().get("de-bsi"), credentials.truststore(), credentials.password()));

            HttpResponse<String> submitted = post(de, base, JSON.writeBytes(request));
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
            JsonNode accepted = awaitOutcome(de, base, request.getEventId());
            assertThat(accepted.get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(accepted.get("sequence").asLong()).isEqualTo(1);

            HttpResponse<String> again = post(de, base, JSON.writeBytes(request));
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(MAPPER.readTree(again.body()).get("events").get(0).get("sequence").asLong()).isEqualTo(1);

            ObjectNode forFrance = JSON.write(request);
            forFrance.put("eventId", UUID.randomUUID().toString());
            ((ObjectNode) forFrance.get("producer")).put("id", "fr-anssi").put("memberState", "FR");
            assertProblem(post(de, base, MAPPER.writeValueAsBytes(forFrance)), 403, "producer-mismatch");

            HttpClient anonymous = client(TlsContexts.trusting(credentials.truststore(), credentials.password()));
            assertProblem(post(anonymous, base, JSON.writeBytes(request)), 401, "unauthenticated");

            ObjectNode badCountry = JSON.write(request);
            badCountry.put("eventId", UUID.randomUUID().toString());
            ((ObjectNode) badCountry.get("payload")).put("requestingMemberState", "XX");
            HttpResponse<String> invalid = post(de, base, MAPPER.writeValueAsBytes(badCountry));
            assertProblem(invalid, 400, "invalid-event");
            assertThat(MAPPER.readTree(invalid.body()).get("violations").findValuesAsText("path")).contains("payload.requestingMemberState");

            ObjectNode valid = JSON.write(request);
            assertViolation(post(de, base, "{\"eventId\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "");
            assertViolation(post(de, base, changed(valid, n -> n.put("colour", "red"))), "colour");
            assertViolation(post(de, base, changed(valid, n -> n.remove("occurredAt"))), "occurredAt");
            assertViolation(post(de, base, changed(valid, n -> n.put("tlp", "PURPLE"))), "tlp");
            assertViolation(post(de, base, changed(valid, n -> n.put("incidentId", "incident-42"))), "incidentId");
            assertProblem(post(de, base, new byte[2 * 1024 * 1024]), 413, "body-too-large");
            assertProblem(de.send(HttpRequest.newBuilder(URI.create(base + Gateway.EVENTS)).header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeBytes(request))).build(), HttpResponse.BodyHandlers.ofString()),
                    415, "unsupported-media-type");
        }

        List<RecordedEvent> recorded = TopicContents.read(BROKER.bootstrapServers(), Topics.INCIDENT_EVENTS).stream()
                .map(r -> Submissions.TOPICS.recordedEventSerde().deserializer().deserialize(Topics.INCIDENT_EVENTS, r.value()))
                .filter(e -> e.getIncidentId().equals(request.getIncidentId()))
                .toList();
        assertThat(recorded).as("the log of record holds the request once, whatever was resubmitted or refused").singleElement()
                .satisfies(e -> assertThat(e.getEvent().getEventId()).isEqualTo(request.getEventId()));
    }

    private static byte[] changed(ObjectNode valid, java.util.function.Consumer<ObjectNode> change) throws IOException {
        ObjectNode copy = valid.deepCopy();
        copy.put("eventId", UUID.randomUUID().toString());
        change.accept(copy);
        return MAPPER.writeValueAsBytes(copy);
    }

    private static void assertViolation(HttpResponse<String> response, String path) throws IOException {
        assertProblem(response, 400, "invalid-event");
        assertThat(MAPPER.readTree(response.body()).get("violations").findValuesAsText("path")).as(response.body()).contains(path);
    }

    private static IncidentEvent requestNow() {
        ContractTrust.trustContractClasses(); // the copy below happens before any codec exists in this JVM
        return IncidentEvent.newBuilder(SampleEvents.everyPayloadType().get(0)).setEventId(UUID.randomUUID().toString())
                .setIncidentId(UUID.randomUUID().toString()).setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();
    }

    private static JsonNode awaitOutcome(HttpClient client, String base, String eventId) throws IOException, InterruptedException {
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + Gateway.EVENTS + "/" + eventId + "/outcome"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode outcome = MAPPER.readTree(response.body());
                if (!outcome.get("status").asText().equals("PENDING")) {
                    return outcome;
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the poll interval, not a synchronisation
        }
        throw new AssertionError("no outcome for " + eventId + " within 60 s");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String kind) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(MAPPER.readTree(response.body()).get("type").asText()).endsWith("/" + kind);
    }

    private static HttpResponse<String> post(HttpClient client, String base, byte[] body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + Gateway.EVENTS)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
