package eu.muster.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.OutcomeStatus;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.json.JsonContract;
import eu.muster.pki.BearerTokens;
import eu.muster.pki.DevelopmentCa;
import eu.muster.pki.DevelopmentCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway over real HTTPS with the development PKI; Kafka stands behind a recording
 * {@link Submitter} here (the real-broker test is the app's GatewayIT): what reaches it is exactly
 * what would reach the submission topic.
 */
class GatewayTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonContract JSON = JsonContract.create();
    private static final Organisation DE = org("de-bsi", OrganisationRole.NCA, "DE");
    private static final Organisation FR = org("fr-anssi", OrganisationRole.NCA, "FR");
    private static final Map<String, Organisation> DIRECTORY = Map.of("de-bsi", DE, "fr-anssi", FR,
            "enisa", org("enisa", OrganisationRole.ENISA, null));

    @TempDir
    static Path pki;
    private static DevelopmentCredentials credentials;
    private static Gateway gateway;
    private static BearerTokens tokens;
    private static final String AUDITOR = "eu-audit";
    private static final List<Map.Entry<String, IncidentEvent>> SUBMITTED = new CopyOnWriteArrayList<>();
    private static final Map<String, SubmissionOutcome> OUTCOMES = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        List<String> identities = new java.util.ArrayList<>(DIRECTORY.keySet());
        identities.add(AUDITOR);
        credentials = DevelopmentCa.ensure(pki, identities, List.of("127.0.0.1", "localhost"), Clock.systemUTC());
        tokens = BearerTokens.fromSecretFile(credentials.tokenSecret(), Clock.systemUTC());
        gateway = Gateway.start(new GatewaySettings("127.0.0.1", 0, 64 * 1024, 5, Duration.ofSeconds(5), 2),
                TlsContexts.of(credentials.serverKeystore(), credentials.truststore(), credentials.password()),
                new Authenticator(DIRECTORY, java.util.Set.of(AUDITOR), tokens),
                (organisationId, event) -> SUBMITTED.add(Map.entry(organisationId, event)),
                eventId -> Optional.ofNullable(OUTCOMES.get(eventId)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void forget() {
        SUBMITTED.clear();
        OUTCOMES.clear();
    }

    @Test
    void aMemberStatesCertificateFilesItsRequestWhichReachesItsOwnTopicOnly() throws Exception {
        IncidentEvent request = SampleEvents.everyPayloadType().get(0);

        HttpResponse<String> response = post(as("de-bsi"), JSON.writeBytes(request));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode result = MAPPER.readTree(response.body()).get("events").get(0);
        assertThat(result.get("status").asText()).isEqualTo("PENDING");
        assertThat(result.get("outcome").asText()).isEqualTo("/v1/events/" + request.getEventId() + "/outcome");
        assertThat(SUBMITTED).singleElement().satisfies(entry -> {
            assertThat(entry.getKey()).isEqualTo("de-bsi");
            assertThat(entry.getValue().toString()).isEqualTo(request.toString());
        });
    }

    @Test
    void theSameCertificateFilingForAnotherMemberStateIsRefusedWith403AndNothingIsWritten() throws Exception {
        IncidentEvent request = SampleEvents.everyPayloadType().get(0);
        ObjectNode claimsFrance = JSON.write(request);
        ((ObjectNode) claimsFrance.get("producer")).put("id", "fr-anssi").put("memberState", "FR");

        HttpResponse<String> response = post(as("de-bsi"), MAPPER.writeValueAsBytes(claimsFrance));

        assertProblem(response, 403, "producer-mismatch");
        assertThat(MAPPER.readTree(response.body()).get("violations").get(0).get("path").asText()).isEqualTo("producer");
        assertThat(SUBMITTED).isEmpty();
    }

    @Test
    void withNeitherCertificateNorTokenTheCallerGets401AndWithAValidTokenItIsServed() throws Exception {
        HttpClient anonymous = client(TlsContexts.trusting(credentials.truststore(), credentials.password()));
        byte[] body = JSON.writeBytes(SampleEvents.everyPayloadType().get(0));

        HttpResponse<String> refused = anonymous.send(request(Gateway.EVENTS).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(refused, 401, "unauthenticated");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"muster\"");

        HttpResponse<String> badToken = anonymous.send(request(Gateway.EVENTS).header("Authorization", "Bearer not.a.token")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(badToken, 401, "invalid-token");

        HttpResponse<String> served = anonymous.send(request(Gateway.EVENTS)
                .header("Authorization", "Bearer " + tokens.issue("de-bsi", Duration.ofMinutes(5)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).as(served.body()).isEqualTo(202);
        assertThat(SUBMITTED).hasSize(1);
    }

    @Test
    void anAuditorsCertificateIsRecognisedButMaySubmitNothing() throws Exception {
        HttpResponse<String> refused = post(as(AUDITOR), JSON.writeBytes(SampleEvents.everyPayloadType().get(0)));

        assertProblem(refused, 403, "read-only");
        assertThat(SUBMITTED).isEmpty();
    }

    @Test
    void theInstancesOwnPrincipalIsNoCallerOfThePublicApi() throws Exception {
        HttpClient anonymous = client(TlsContexts.trusting(credentials.truststore(), credentials.password()));
        HttpResponse<String> refused = anonymous.send(request(Gateway.EVENTS)
                .header("Authorization", "Bearer " + tokens.issue(Authenticator.INSTANCE, Duration.ofMinutes(5)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeBytes(SampleEvents.everyPayloadType().get(0)))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(refused, 403, "unknown-organisation");
        assertThat(SUBMITTED).isEmpty();
    }

    @Test
    void aTokenForAnOrganisationOutsideTheDirectoryIsRefusedWith403() throws Exception {
        HttpClient anonymous = client(TlsContexts.trusting(credentials.truststore(), credentials.password()));

        HttpResponse<String> response = anonymous.send(request(Gateway.EVENTS + "/" + SampleEvents.everyPayloadType().get(0).getEventId() + "/outcome")
                .header("Authorization", "Bearer " + tokens.issue("it-acn", Duration.ofMinutes(5))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 403, "unknown-organisation");
    }

    @Test
    void eachKindOfBadInputGetsItsOwnProblemNamingTheFieldAndNothingIsWritten() throws Exception {
        HttpClient de = as("de-bsi");
        ObjectNode valid = JSON.write(SampleEvents.everyPayloadType().get(0));

        assertViolation(post(de, "{\"eventId\": ".getBytes()), 400, "");
        assertViolation(post(de, with(valid, n -> n.put("colour", "red"))), 400, "colour");
        assertViolation(post(de, with(valid, n -> n.remove("incidentId"))), 400, "incidentId");
        assertViolation(post(de, with(valid, n -> n.put("tlp", "PURPLE"))), 400, "tlp");
        assertViolation(post(de, with(valid, n -> ((ObjectNode) n.get("payload")).put("requestingMemberState", "XX"))), 400,
                "payload.requestingMemberState");
        assertViolation(post(de, with(valid, n -> n.put("eventId", "not-a-uuid"))), 400, "eventId");
        assertProblem(post(de, new byte[70 * 1024]), 413, "body-too-large");
        assertProblem(de.send(request(Gateway.EVENTS).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(valid))).build(), HttpResponse.BodyHandlers.ofString()),
                415, "unsupported-media-type");
        assertProblem(de.send(request(Gateway.EVENTS).GET().build(), HttpResponse.BodyHandlers.ofString()), 405, "method-not-allowed");
        assertProblem(de.send(request("/v1/nothing").GET().build(), HttpResponse.BodyHandlers.ofString()), 404, "not-found");
        assertThat(SUBMITTED).isEmpty();
    }

    @Test
    void aBatchWithOneBadEventWritesNoneOfItsEvents() throws Exception {
        List<IncidentEvent> sample = SampleEvents.everyPayloadType();
        ArrayNode batch = MAPPER.createArrayNode().add(JSON.write(sample.get(0))).add(changed(JSON.write(sample.get(5)), n -> n.put("pap", "NOPE")));

        assertViolation(post(as("de-bsi"), MAPPER.writeValueAsBytes(batch)), 400, "[1].pap");
        assertThat(SUBMITTED).isEmpty();

        ArrayNode tooMany = MAPPER.createArrayNode();
        for (int i = 0; i < 6; i++) {
            tooMany.add(JSON.write(sample.get(0)));
        }
        assertProblem(post(as("de-bsi"), MAPPER.writeValueAsBytes(tooMany)), 413, "batch-too-large");
        assertThat(SUBMITTED).isEmpty();
    }

    @Test
    void aResubmittedEventIdGetsItsFirstOutcomeAndIsNotWrittenAgain() throws Exception {
        IncidentEvent request = SampleEvents.everyPayloadType().get(0);
        SubmissionOutcome accepted = SubmissionOutcome.newBuilder().setEventId(request.getEventId()).setIncidentId(request.getIncidentId())
                .setStatus(OutcomeStatus.ACCEPTED).setSequence(1L).setReason(null).setMessage(null).setRule(null)
                .setDecidedAt(Instant.parse("2026-03-02T08:16:00Z")).setDuplicates(0).build();
        OUTCOMES.put(request.getEventId(), accepted);

        HttpResponse<String> again = post(as("de-bsi"), JSON.writeBytes(request));
        HttpResponse<String> outcome = as("de-bsi").send(request(Gateway.EVENTS + "/" + request.getEventId() + "/outcome").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(again.body()).get("events").get(0).get("sequence").asLong()).isEqualTo(1);
        assertThat(SUBMITTED).isEmpty();
        assertThat(MAPPER.readTree(outcome.body()).get("status").asText()).isEqualTo("ACCEPTED");
        assertViolation(as("de-bsi").send(request(Gateway.EVENTS + "/nope/outcome").GET().build(), HttpResponse.BodyHandlers.ofString()),
                400, "eventId");
    }

    @Test
    void theOpenApiDocumentServedIsTheOneInDocs() throws Exception {
        HttpResponse<String> response = as("de-bsi").send(request(Gateway.OPENAPI).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(response.body())).isEqualTo(MAPPER.readTree(Files.readString(Path.of("../../docs/openapi.json"))));
    }

    @Test
    void aClientPresentingACertificateFromAnotherCaFailsTheHandshake(@TempDir Path otherPki) throws Exception {
        DevelopmentCredentials other = DevelopmentCa.ensure(otherPki, List.of("de-bsi"), List.of("127.0.0.1"), Clock.systemUTC());
        HttpClient impostor = client(TlsContexts.of(other.clientKeystores().get("de-bsi"), other.truststore(), other.password()));

        assertThatThrownBy(() -> impostor.send(request(Gateway.OPENAPI).GET().build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void randomAndMutatedBodiesNeverGetA5xxAndOnlyWholeValidEventsAreWritten() throws Exception {
        Random random = new Random(42);
        HttpClient de = as("de-bsi");
        List<IncidentEvent> sample = SampleEvents.everyPayloadType().stream().filter(e -> e.getProducer().getId().equals("de-bsi")).toList();
        int tries = 300;
        for (int i = 0; i < tries; i++) {
            byte[] body = JSON.writeBytes(sample.get(random.nextInt(sample.size())));
            for (int m = random.nextInt(4); m >= 0; m--) {
                body = mutate(body, random);
            }
            HttpResponse<String> response = post(de, body);
            assertThat(response.statusCode()).as("body %s", new String(body, java.nio.charset.StandardCharsets.UTF_8)).isLessThan(500);
        }
        for (Map.Entry<String, IncidentEvent> written : SUBMITTED) {
            assertThat(JSON.readEvent(JSON.writeBytes(written.getValue())).toString()).isEqualTo(written.getValue().toString());
        }
        assertThat(SUBMITTED.stream().map(Map.Entry::getKey).collect(Collectors.toSet())).isSubsetOf("de-bsi");
    }

    // ------------------------------------------------------------------

    private static byte[] mutate(byte[] body, Random random) {
        int at = random.nextInt(Math.max(1, body.length));
        return switch (body.length == 0 ? 3 : random.nextInt(4)) {
            case 0 -> java.util.Arrays.copyOf(body, at); // truncated
            case 1 -> { // a byte flipped
                byte[] copy = body.clone();
                copy[at] = (byte) random.nextInt(256);
                yield copy;
            }
            case 2 -> { // a span removed
                int end = Math.min(body.length, at + 1 + random.nextInt(20));
                byte[] copy = new byte[body.length - (end - at)];
                System.arraycopy(body, 0, copy, 0, at);
                System.arraycopy(body, end, copy, at, body.length - end);
                yield copy;
            }
            default -> { // a token inserted
                String[] tokens = {"null", "[]", "{}", "\"x\"", "-1", "1e309", "\"\\u0000\"", ",", ":", "true"};
                byte[] token = tokens[random.nextInt(tokens.length)].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] copy = new byte[body.length + token.length];
                System.arraycopy(body, 0, copy, 0, at);
                System.arraycopy(token, 0, copy, at, token.length);
                System.arraycopy(body, at, copy, at + token.length, body.length - at);
                yield copy;
            }
        };
    }

    /** The bytes of a copy of {@code valid} with one change. */
    private static byte[] with(ObjectNode valid, java.util.function.Consumer<ObjectNode> change) throws IOException {
        return MAPPER.writeValueAsBytes(changed(valid, change));
    }

    private static ObjectNode changed(ObjectNode valid, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = valid.deepCopy();
        change.accept(copy);
        return copy;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String kind) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(Problem.MEDIA_TYPE));
        JsonNode problem = MAPPER.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo(Problem.TYPE_PREFIX + kind);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private static void assertViolation(HttpResponse<String> response, int status, String path) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode violations = MAPPER.readTree(response.body()).get("violations");
        assertThat(violations).as(response.body()).isNotNull();
        assertThat(violations.findValuesAsText("path")).as(response.body()).contains(path);
    }

    private static HttpResponse<String> post(HttpClient client, byte[] body) throws IOException, InterruptedException {
        return client.send(request(Gateway.EVENTS).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway.baseUri() + path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpClient as(String organisationId) throws IOException {
        return client(TlsContexts.of(credentials.clientKeystores().get(organisationId), credentials.truststore(), credentials.password()));
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static Organisation org(String id, OrganisationRole role, String memberState) {
        return Organisation.newBuilder().setId(id).setRole(role).setMemberState(memberState).build();
    }
}
