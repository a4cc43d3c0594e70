package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import eu.muster.codec.ContractTrust;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Tlp;
import eu.muster.coordination.view.CoordinationTopology;
import eu.muster.pki.DevelopmentCa;
import eu.muster.pki.DevelopmentCredentials;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the application share the work by partition: a key one holds is read through the
 * other, a group's entries one holds are paged through the other, a list gathers every partition from
 * both, and while the second joins, the first answers every read correctly or with a retryable 503,
 * never with a wrong or empty answer.
 */
class TwoInstancesIT {

    private static final int INCIDENTS = 8;

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    @Test
    void aKeyHeldByOneInstanceIsReadThroughTheOtherAndAJoiningInstanceNeverCausesAWrongAnswer(@TempDir Path dir) throws Exception {
        ContractTrust.trustContractClasses();
        Path pki = dir.resolve("pki");
        DevelopmentCredentials credentials = DevelopmentCa.ensure(pki, List.of("de-bsi"), List.of("127.0.0.1"), Clock.systemUTC());
        Path first = config(dir.resolve("first"), pki);
        Path second = config(dir.resolve("second"), pki);
        List<IncidentEvent> requests = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            requests.add(DashboardsIT.request(UUID.randomUUID().toString(), DashboardsIT.DE_NCA, "Incident " + i, Tlp.AMBER, Instant.now()));
        }
        String probe = requests.get(0).getIncidentId();

        try (Backbone one = Backbone.start(MusterConfig.load(first));
             Submissions submissions = new Submissions(BROKER.bootstrapServers())) {
            requests.forEach(submissions::submit);
            submissions.awaitOutcomes(requests.stream().map(IncidentEvent::getEventId).collect(Collectors.toSet()), Duration.ofSeconds(60));
            Readers viaOne = new Readers(one.gateway().orElseThrow().baseUri(), credentials);
            viaOne.await("de-bsi", "/v1/incidents", page -> page.get("total").asInt() == INCIDENTS);

            // While the second instance joins, partitions move: every answer is right, or a 503 to retry.
            CompletableFuture<Backbone> joining = CompletableFuture.supplyAsync(() -> Backbone.start(MusterConfig.load(second)));
            Map<Integer, Integer> answers = new TreeMap<>();
            List<String> wrong = new ArrayList<>();
            while (!joining.isDone() || !bothRunning(one, joining)) {
                HttpResponse<String> answer = viaOne.get("de-bsi", "/v1/incidents/" + probe);
                answers.merge(answer.statusCode(), 1, Integer::sum);
                boolean right = answer.statusCode() == 200 && Readers.parse(answer.body()).get("incidentId").asText().equals(probe);
                boolean retry = answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isPresent();
                if (!right && !retry) {
                    wrong.add(answer.statusCode() + " " + answer.body());
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the pace of the reads, not a synchronisation
            }
            try (Backbone two = joining.get(90, TimeUnit.SECONDS)) {
                assertThat(wrong).as("answers while the second instance joined: %s", answers).isEmpty();
                assertThat(answers.getOrDefault(200, 0)).as("reads answered while it joined: %s", answers).isPositive();

                Map<HostInfo, List<String>> owners = awaitBothOwnSomething(one.streams(), two.streams(), requests);
                HostInfo oneHost = new HostInfo("127.0.0.1", one.gateway().orElseThrow().port());
                HostInfo twoHost = new HostInfo("127.0.0.1", two.gateway().orElseThrow().port());
                assertThat(owners.keySet()).containsExactlyInAnyOrder(oneHost, twoHost);
                Readers viaTwo = new Readers(two.gateway().orElseThrow().baseUri(), credentials);

                String heldByOne = owners.get(oneHost).get(0);
                String heldByTwo = owners.get(twoHost).get(0);
                assertThat(viaTwo.await("de-bsi", "/v1/incidents/" + heldByOne, json -> true).get("coordination").get("incidentId").asText())
                        .as("read through the instance that does not hold it").isEqualTo(heldByOne);
                assertThat(viaOne.await("de-bsi", "/v1/incidents/" + heldByTwo, json -> true).get("coordination").get("incidentId").asText())
                        .isEqualTo(heldByTwo);
                Set<String> all = requests.stream().map(IncidentEvent::getIncidentId).collect(Collectors.toSet());
                for (Readers via : List.of(viaOne, viaTwo)) {
                    JsonNode page = via.await("de-bsi", "/v1/incidents?limit=500", json -> json.get("total").asInt() == INCIDENTS);
                    assertThat(page.get("items").findValuesAsText("incidentId")).as("every partition, from both instances")
                            .containsExactlyInAnyOrderElementsOf(all);
                }
                for (IncidentEvent request : requests) {
                    for (Readers via : List.of(viaOne, viaTwo)) {
                        assertThat(via.await("de-bsi", "/v1/events/" + request.getEventId() + "/outcome", json -> true).get("status").asText())
                                .as("the outcome of every eventId, through either instance, wherever it is held").isEqualTo("ACCEPTED");
                    }
                }
                // Every incident is DE's: its member state's entries live in one partition, read here through the other instance.
                HostInfo holdsDe = awaitOwner(one.streams(), CoordinationTopology.MEMBER_STATE_ENTRY_STORE, "DE");
                Readers notHoldingDe = holdsDe.equals(oneHost) ? viaTwo : viaOne;
                assertThat(holdsDe).as("one of the two, so that the other reads it remotely").isIn(oneHost, twoHost);
                JsonNode deIncidents = notHoldingDe.await("de-bsi", "/v1/member-states/DE/incidents?limit=500",
                        json -> json.get("total").asInt() == INCIDENTS);
                assertThat(deIncidents.get("items").findValuesAsText("incidentId")).as("a group's entries, from the instance holding them")
                        .containsExactlyInAnyOrderElementsOf(all);
                assertThat(notHoldingDe.json("de-bsi", "/v1/member-states/DE").get("incidentCount").asInt()).isEqualTo(INCIDENTS);
                assertThat(viaTwo.get("fr-anssi", "/v1/incidents/" + heldByOne).statusCode())
                        .as("sharing is applied by the instance asked, whoever holds the data").isEqualTo(404);
            }
        }
    }

    private static Path config(Path dir, Path pki) throws Exception {
        Files.createDirectories(dir);
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-two-instances");
        Files.writeString(config, "muster.gateway.enabled=true\nmuster.gateway.port=0\nmuster.gateway.tls-dir=" + pki + "\n",
                StandardOpenOption.APPEND);
        return config;
    }

    private static boolean bothRunning(Backbone one, CompletableFuture<Backbone> joining) {
        return joining.isDone() && !joining.isCompletedExceptionally() && one.streams().state() == KafkaStreams.State.RUNNING
                && joining.join().streams().state() == KafkaStreams.State.RUNNING;
    }

    /** The instance whose active task holds {@code key} of {@code store}, once the metadata names one. */
    private static HostInfo awaitOwner(KafkaStreams streams, String store, String key) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
            if (metadata != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
                return metadata.activeHost();
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the poll interval, not a synchronisation
        }
        throw new AssertionError("no instance holds " + key + " of " + store + " within 60 s");
    }

    /** Which instance holds each incident's coordination view, once each holds at least one. */
    private static Map<HostInfo, List<String>> awaitBothOwnSomething(KafkaStreams one, KafkaStreams two, List<IncidentEvent> requests) {
        Instant deadline = Instant.now().plusSeconds(60);
        Map<HostInfo, List<String>> owners = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        while (Instant.now().isBefore(deadline)) {
            owners.clear();
            for (IncidentEvent request : requests) {
                KeyQueryMetadata metadata = one.queryMetadataForKey(CoordinationTopology.COORDINATION_STORE, request.getIncidentId(),
                        Serdes.String().serializer());
                if (!KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
                    owners.computeIfAbsent(metadata.activeHost(), host -> new ArrayList<>()).add(request.getIncidentId());
                }
            }
            if (owners.size() == 2 && one.state() == KafkaStreams.State.RUNNING && two.state() == KafkaStreams.State.RUNNING) {
                return owners;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the poll interval, not a synchronisation
        }
        throw new AssertionError("the two instances did not each come to hold a partition within 60 s: " + owners);
    }
}
