package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import eu.muster.codec.ContractTrust;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.MsspMatched;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.SampleEvents;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.contract.Tlp;
import eu.muster.gateway.TlsContexts;
import eu.muster.pki.DevelopmentCa;
import eu.muster.pki.DevelopmentCredentials;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards' side of a running backbone on a real broker, over real HTTPS: what each of several
 * organisations may read under TLP, the lists' filters and refusals, the live stream announcing only
 * what its reader may see, and the domain metrics scraped after a known scenario.
 */
class DashboardsIT {

    static final Organisation DE_NCA = org("de-bsi", OrganisationRole.NCA, "DE");
    static final Organisation FR_NCA = org("fr-anssi", OrganisationRole.NCA, "FR");
    static final Organisation ENISA = org("enisa", OrganisationRole.ENISA, null);
    static final Organisation NORDWIND = org("mssp-nordwind", OrganisationRole.MSSP, "NL");

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    @Test
    void eachOrganisationReadsWhatTlpLetsItSeeLiveAndTheMetricsCountTheScenario(@TempDir Path dir) throws Exception {
        ContractTrust.trustContractClasses();
        Path pki = dir.resolve("pki");
        DevelopmentCredentials credentials = DevelopmentCa.ensure(pki, List.of("de-bsi"), List.of("127.0.0.1"), Clock.systemUTC());
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-dashboards");
        Files.writeString(config, "muster.gateway.enabled=true\nmuster.gateway.port=0\nmuster.gateway.tls-dir=" + pki + "\n"
                + "muster.sla.window.request-to-match=PT3S\nmuster.views.check-interval=PT0.2S\n", StandardOpenOption.APPEND);
        Instant t0 = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        // A: DE's AMBER incident, matched, assisted by AT's CSIRT, closed (its review is due).
        List<IncidentEvent> amber = new ArrayList<>();
        List<IncidentEvent> samples = SampleEvents.everyPayloadType();
        for (int i : new int[] {0, 1, 2, 3, 14}) {
            amber.add(IncidentEvent.newBuilder(samples.get(i)).setEventId(UUID.randomUUID().toString()).setIncidentId(a)
                    .setOccurredAt(t0.plusSeconds(amber.size())).setTlp(Tlp.AMBER).build());
        }
        // B: FR's RED incident, never matched; C: DE's GREEN one, never matched.
        IncidentEvent red = request(b, FR_NCA, "Ransomware at a hospital group", Tlp.RED, t0);
        IncidentEvent green = request(c, DE_NCA, "DDoS on public portals", Tlp.GREEN, t0);
        // Refused: a match from a member state, a deployment on an unmatched incident.
        IncidentEvent wrongMatcher = event(c, DE_NCA, Tlp.GREEN, t0.plusSeconds(5), MsspMatched.newBuilder((MsspMatched) samples.get(1).getPayload()).build());
        IncidentEvent unmatchedDeployment = event(b, NORDWIND, Tlp.RED, t0.plusSeconds(5), samples.get(2).getPayload());

        try (Backbone backbone = Backbone.start(MusterConfig.load(config));
             Submissions submissions = new Submissions(BROKER.bootstrapServers())) {
            Readers readers = new Readers(backbone.gateway().orElseThrow().baseUri(), credentials);
            List<IncidentEvent> valid = new ArrayList<>(amber);
            valid.add(red);
            valid.add(green);
            valid.forEach(submissions::submit);
            Map<String, SubmissionOutcome> outcomes = submissions.awaitOutcomes(ids(valid), Duration.ofSeconds(60));
            assertThat(valid).allSatisfy(e -> assertThat(Submissions.accepted(outcomes.get(e.getEventId()))).as("%s", outcomes.get(e.getEventId())).isTrue());
            submissions.submit(wrongMatcher);
            submissions.submit(unmatchedDeployment);
            Map<String, SubmissionOutcome> refusals = submissions.awaitOutcomes(ids(List.of(wrongMatcher, unmatchedDeployment)), Duration.ofSeconds(60));

            // Sharing: every reader's list of incidents.
            readers.await("eu-audit", "/v1/incidents", page -> incidentIds(page).size() == 3
                    && page.get("items").findValues("throughSequence").stream().mapToLong(JsonNode::asLong).sum() == amber.size() + 2);
            assertThat(incidentIds(readers.json("eu-audit", "/v1/incidents"))).as("an auditor reads everything").containsExactlyInAnyOrder(a, b, c);
            assertThat(incidentIds(readers.json("enisa", "/v1/incidents"))).as("ENISA is addressed by every request").containsExactlyInAnyOrder(a, b, c);
            assertThat(incidentIds(readers.json("de-bsi", "/v1/incidents"))).as("the requester; RED is not its").containsExactlyInAnyOrder(a, c);
            assertThat(incidentIds(readers.json("fr-anssi", "/v1/incidents"))).as("its own RED one and the GREEN one").containsExactlyInAnyOrder(b, c);
            assertThat(incidentIds(readers.json("at-certat", "/v1/incidents"))).as("a participant of the AMBER one").containsExactlyInAnyOrder(a, c);
            assertThat(incidentIds(readers.json("de-certbund", "/v1/incidents"))).as("an authority of a participant's member state reads AMBER")
                    .containsExactlyInAnyOrder(a, c);
            assertThat(incidentIds(readers.json("mssp-baltic", "/v1/incidents"))).as("a stranger reads GREEN only").containsExactly(c);

            JsonNode redIncident = readers.json("fr-anssi", "/v1/incidents/" + b);
            assertThat(redIncident.get("tlp").asText()).isEqualTo("RED");
            assertThat(redIncident.get("coordination").get("requestingMemberState").asText()).isEqualTo("FR");
            HttpResponse<String> hidden = readers.get("de-bsi", "/v1/incidents/" + b);
            assertThat(hidden.statusCode()).as("a RED incident one may not read does not exist for the reader").isEqualTo(404);
            assertThat(readers.get("de-bsi", "/v1/incidents/" + UUID.randomUUID()).body()).as("the same answer as for no incident at all")
                    .contains("that you may read");

            JsonNode detail = readers.json("at-certat", "/v1/incidents/" + a);
            assertThat(detail.get("tlp").asText()).isEqualTo("AMBER");
            assertThat(detail.get("coordination").get("status").asText()).isEqualTo("CLOSED");
            assertThat(detail.get("review").get("state").asText()).isEqualTo("DUE");
            assertThat(detail.get("sla").get("msspId").asText()).isEqualTo("mssp-nordwind");

            // Lists, filters and refusals.
            JsonNode breaches = readers.await("enisa", "/v1/breaches?clock=REQUEST_TO_MATCH", page -> page.get("total").asInt() == 2);
            assertThat(breaches.get("items").findValuesAsText("incidentId")).containsExactlyInAnyOrder(b, c);
            assertThat(readers.json("de-bsi", "/v1/breaches").get("items").findValuesAsText("incidentId")).containsExactly(c);
            JsonNode firstPage = readers.json("eu-audit", "/v1/incidents?limit=2&sort=incidentId");
            assertThat(firstPage.get("total").asInt()).isEqualTo(3);
            assertThat(firstPage.get("items")).hasSize(2);
            assertThat(firstPage.get("next").asText()).contains("offset=2");
            assertThat(incidentIds(readers.json("eu-audit", firstPage.get("next").asText()))).hasSize(1);
            assertThat(incidentIds(readers.json("eu-audit", "/v1/incidents?status=CLOSED"))).containsExactly(a);
            assertThat(incidentIds(readers.json("eu-audit", "/v1/incidents?memberState=AT"))).containsExactly(a);
            HttpResponse<String> typo = readers.get("eu-audit", "/v1/incidents?stauts=CLOSED&status=SHUT");
            assertThat(typo.statusCode()).isEqualTo(400);
            assertThat(Readers.parse(typo.body()).get("violations").findValuesAsText("path")).containsExactly("stauts", "status");
            assertThat(readers.json("enisa", "/v1/reviews").get("items").findValuesAsText("incidentId")).containsExactly(a);
            assertThat(readers.json("fr-anssi", "/v1/reviews").get("total").asInt()).isZero();
            assertThat(readers.json("mssp-nordwind", "/v1/scorecards").get("items").findValuesAsText("msspId")).containsExactly("mssp-nordwind");
            assertThat(readers.json("mssp-baltic", "/v1/scorecards").get("total").asInt()).as("another provider's scorecard").isZero();
            assertThat(readers.json("de-bsi", "/v1/member-states/AT").get("incidents").findValuesAsText("incidentId")).containsExactly(a);
            assertThat(readers.json("mssp-baltic", "/v1/member-states/AT").get("incidents")).isEmpty();
            assertThat(readers.json("de-bsi", "/v1/member-states/AT").get("incidentCount").asInt()).isEqualTo(1);
            assertThat(readers.json("mssp-baltic", "/v1/member-states/AT").get("incidentCount").asInt()).as("counts over what it may read").isZero();
            assertThat(readers.json("at-certat", "/v1/member-states/AT/incidents").get("items").findValuesAsText("incidentId")).containsExactly(a);
            assertThat(readers.json("mssp-baltic", "/v1/member-states/AT/incidents").get("total").asInt()).isZero();
            assertThat(readers.json("mssp-nordwind", "/v1/scorecards/mssp-nordwind/engagements").get("items").findValuesAsText("incidentId"))
                    .containsExactly(a);
            assertThat(readers.json("fr-anssi", "/v1/me").get("role").asText()).isEqualTo("NCA");
            assertThat(readers.json("eu-audit", "/v1/me").get("auditor").asBoolean()).isTrue();
            assertThat(readers.get("eu-audit", "/v1/clocks?state=SOON").statusCode()).isEqualTo(400);

            // Metrics, after the scenario: decisions by outcome and reason, open breaches by clock, the review backlog.
            URI metrics = backbone.management().orElseThrow().baseUri().resolve("metrics");
            Map<String, Long> reasons = Stream.of(wrongMatcher, unmatchedDeployment).map(refused -> refusals.get(refused.getEventId())).collect(Collectors.groupingBy(o -> o.getReason().name(), Collectors.counting()));
            assertThat(reasons.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
            String scrape = awaitScrape(metrics, text -> value(text, "muster_sla_open_breaches", "clock=\"REQUEST_TO_MATCH\"") == 2
                    && value(text, "muster_review_backlog", "state=\"DUE\"") == 1);
            assertThat(value(scrape, "muster_submissions_total", "outcome=\"accepted\"")).isEqualTo((double) valid.size());
            reasons.forEach((reason, count) -> assertThat(value(scrape, "muster_submissions_total", "reason=\"" + reason + "\""))
                    .as("rejected for %s", reason).isEqualTo(count.doubleValue()));
            assertThat(value(scrape, "muster_review_backlog", "state=\"OVERDUE\"")).isZero();
            assertThat(value(scrape, "muster_view_latency_seconds_count", "view=\"coordination\"")).isPositive();
            assertThat(scrape).contains("kafka_stream_thread_process_rate").contains("jvm_memory_used_bytes");

            // The live stream: FR hears of its RED incident, DE does not, and both hear of a GREEN one.
            try (EventStream de = EventStream.open(backbone.gateway().orElseThrow().baseUri(), credentials, readers.token("de-bsi"));
                 EventStream fr = EventStream.open(backbone.gateway().orElseThrow().baseUri(), credentials, readers.token("fr-anssi"))) {
                String d = UUID.randomUUID().toString();
                submissions.submit(request(d, FR_NCA, "Data leak at a ministry", Tlp.RED, Instant.now()));
                fr.awaitChange("coordination", d);
                String e = UUID.randomUUID().toString();
                submissions.submit(request(e, DE_NCA, "Phishing wave", Tlp.GREEN, Instant.now()));
                List<String> heardByDe = de.awaitChange("coordination", e);
                fr.awaitChange("coordination", e);
                assertThat(heardByDe).as("every change DE heard of before E's; D's was announced before E was even filed")
                        .noneMatch(line -> line.contains(d));
            }
            // A stream ends when the credential it was opened with expires.
            try (EventStream brief = EventStream.open(backbone.gateway().orElseThrow().baseUri(), credentials,
                    readers.token("de-bsi", Duration.ofSeconds(2)))) {
                brief.awaitLine(line -> line.equals("event: expired"));
            }
        }
    }

    /** Incident ids of a page of coordination views. */
    private static Set<String> incidentIds(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(item -> item.get("incidentId").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static IncidentEvent request(String incidentId, Organisation requester, String title, Tlp tlp, Instant at) {
        RequestFiled sample = (RequestFiled) SampleEvents.everyPayloadType().get(0).getPayload();
        RequestFiled request = RequestFiled.newBuilder(sample).setRequestingAuthority(requester.getId())
                .setRequestingMemberState(requester.getMemberState()).setTitle(title).setAffectedMemberStates(List.of(requester.getMemberState()))
                .setAffectedEntities(sample.getAffectedEntities().stream().map(entity -> eu.muster.contract.AffectedEntity.newBuilder(entity)
                        .setMemberState(requester.getMemberState()).build()).toList())
                .build();
        return event(incidentId, requester, tlp, at, request);
    }

    static IncidentEvent event(String incidentId, Organisation producer, Tlp tlp, Instant at, Object payload) {
        return IncidentEvent.newBuilder(SampleEvents.everyPayloadType().get(0)).setEventId(UUID.randomUUID().toString())
                .setIncidentId(incidentId).setOccurredAt(at.truncatedTo(ChronoUnit.MILLIS)).setProducer(producer).setTlp(tlp)
                .setPayload(payload).build();
    }

    private static Set<String> ids(List<IncidentEvent> events) {
        return events.stream().map(IncidentEvent::getEventId).collect(Collectors.toSet());
    }

    static Organisation org(String id, OrganisationRole role, String memberState) {
        return Organisation.newBuilder().setId(id).setRole(role).setMemberState(memberState).build();
    }

    /** Scrapes until {@code until} holds, within a minute: the gauges are computed at most every few seconds. */
    private static String awaitScrape(URI metrics, java.util.function.Predicate<String> until) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(60);
        String text = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            text = response.body();
            if (until.test(text)) {
                return text;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // the poll interval, not a synchronisation
        }
        throw new AssertionError("the metrics did not reach the expected values within 60 s:\n" + text);
    }

    /** The sum of the samples of {@code metric} whose labels contain {@code label}; 0 when there is none. */
    static double value(String scrape, String metric, String label) {
        Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape);
        double sum = 0;
        while (matcher.find()) {
            if (matcher.group(1).contains(label)) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }

    /** A reader of the live stream, collecting its lines as they come. */
    static final class EventStream implements AutoCloseable {

        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;

        private EventStream(java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response) {
            this.response = response;
        }

        static EventStream open(String base, DevelopmentCredentials credentials, String token) throws IOException {
            HttpClient http = HttpClient.newBuilder().sslContext(TlsContexts.trusting(credentials.truststore(), credentials.password())).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/stream")).header("Authorization", "Bearer " + token).GET().build();
            var future = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            EventStream stream = new EventStream(future);
            future.thenAccept(answer -> {
                Thread reader = new Thread(() -> {
                    try {
                        answer.body().forEach(stream.lines::add);
                    } catch (java.io.UncheckedIOException closed) {
                        stream.lines.add("closed: " + closed.getMessage()); // the test closed the stream, or the server went away
                    }
                }, "event-stream-reader");
                reader.setDaemon(true);
                reader.start();
            });
            stream.awaitLine(line -> line.equals("event: ready"));
            return stream;
        }

        /** Waits for the announcement of a change of {@code view} under {@code key}; returns every line read before it. */
        List<String> awaitChange(String view, String key) {
            return awaitLine(line -> line.startsWith("data: ") && line.contains("\"view\":\"" + view + "\"") && line.contains("\"key\":\"" + key + "\""));
        }

        List<String> awaitLine(java.util.function.Predicate<String> wanted) {
            List<String> seen = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            try {
                while (Instant.now().isBefore(deadline)) {
                    String line = lines.poll(100, TimeUnit.MILLISECONDS);
                    if (line != null) {
                        if (wanted.test(line)) {
                            return seen;
                        }
                        seen.add(line);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("no such line on the live stream within 30 s; read: " + seen);
        }

        @Override
        public void close() {
            response.thenAccept(answer -> answer.body().close());
            response.cancel(true);
        }
    }
}
