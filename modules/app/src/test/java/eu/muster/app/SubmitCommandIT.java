package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;

import eu.muster.codec.ContractTrust;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.SampleEvents;
import eu.muster.json.JsonContract;
import eu.muster.pki.DevelopmentCa;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator's {@code submit} and {@code outcome} commands against a running backbone on a real broker, through the gateway and straight to Kafka. */
class SubmitCommandIT {

    private static final JsonContract JSON = JsonContract.create();

    @RegisterExtension
    static final OwnBroker BROKER = new OwnBroker();

    @Test
    void anOperatorFilesEventsFromFilesAndReadsTheirOutcomes(@TempDir Path dir) throws Exception {
        Path pki = dir.resolve("pki");
        DevelopmentCa.ensure(pki, List.of("de-bsi", "enisa"), List.of("127.0.0.1"), Clock.systemUTC());
        Path config = OwnBroker.clusterConfig(dir, BROKER.bootstrapServers(), "muster-submit-command");
        Files.writeString(config, "muster.gateway.enabled=true\nmuster.gateway.port=0\nmuster.gateway.tls-dir=" + pki + "\n"
                + "muster.gateway.max-batch=2\n", StandardOpenOption.APPEND);
        ContractTrust.trustContractClasses(); // the copies below happen before any codec exists in this JVM
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String incident = UUID.randomUUID().toString();
        IncidentEvent request = IncidentEvent.newBuilder(SampleEvents.everyPayloadType().get(0)).setEventId(UUID.randomUUID().toString())
                .setIncidentId(incident).setOccurredAt(now).build();
        IncidentEvent match = IncidentEvent.newBuilder(SampleEvents.everyPayloadType().get(1)).setEventId(UUID.randomUUID().toString())
                .setIncidentId(incident).setOccurredAt(now.plusSeconds(1)).build();
        Path requestFile = Files.write(dir.resolve("request.json"), JSON.writeBytes(request));
        Path matchFile = Files.write(dir.resolve("match.json"), JSON.writeBytes(match));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"eventId\": \"nope\"}");

        try (Backbone backbone = Backbone.start(MusterConfig.load(config))) {
            String gateway = backbone.gateway().orElseThrow().baseUri();

            Run invalid = run("submit", "--config", config.toString(), "--gateway", gateway, "--as", "de-bsi", broken.toString());
            assertThat(invalid.status()).isEqualTo(2);
            assertThat(invalid.err()).contains(broken + ": eventId: expected a UUID").contains("nothing submitted");

            Run viaGateway = run("submit", "--config", config.toString(), "--gateway", gateway, "--as", "de-bsi", "--wait", "PT60S",
                    requestFile.toString());
            assertThat(viaGateway.status()).as(viaGateway.out() + viaGateway.err()).isZero();
            assertThat(viaGateway.out()).contains(request.getEventId() + "  ACCEPTED  sequence 1 of incident " + incident);

            Run viaKafka = run("submit", "--config", config.toString(), "--via", "kafka", "--wait", "PT60S", matchFile.toString());
            assertThat(viaKafka.status()).as(viaKafka.out() + viaKafka.err()).isZero();
            assertThat(viaKafka.out()).contains(match.getEventId() + "  ACCEPTED  sequence 2");

            List<IncidentEvent> reports = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) { // reclassifications of unknown incidents, more than one request's worth (max-batch=2)
                reports.add(IncidentEvent.newBuilder(SampleEvents.everyPayloadType().get(11)).setEventId(UUID.randomUUID().toString())
                        .setIncidentId(UUID.randomUUID().toString()).setOccurredAt(now).build());
            }
            com.fasterxml.jackson.databind.node.ArrayNode many = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
            reports.forEach(event -> many.add(JSON.write(event)));
            Path manyFile = Files.write(dir.resolve("many.json"), many.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Run batched = run("submit", "--config", config.toString(), "--gateway", gateway, "--as", "de-bsi", "--wait", "PT60S",
                    manyFile.toString());
            assertThat(batched.status()).as("each is refused by the log of record: no request for its incident").isEqualTo(1);
            assertThat(batched.out().lines().filter(line -> line.contains("REJECTED  INCIDENT_NOT_REQUESTED"))).hasSize(3);

            Run outcome = run("outcome", "--config", config.toString(), "--gateway", gateway, "--as", "enisa", request.getEventId());
            assertThat(outcome.status()).isZero();
            assertThat(outcome.out()).contains("ACCEPTED  sequence 1");

            Run pending = run("outcome", "--config", config.toString(), "--gateway", gateway, "--as", "enisa", UUID.randomUUID().toString());
            assertThat(pending.status()).isEqualTo(3);
            assertThat(pending.out()).contains("PENDING");

            Run fromKafka = run("outcome", "--config", config.toString(), "--via", "kafka", "--json", match.getEventId());
            assertThat(fromKafka.status()).isZero();
            assertThat(fromKafka.out()).contains("\"sequence\":2");

            Run noCredentials = run("submit", "--config", config.toString(), "--gateway", gateway, requestFile.toString());
            assertThat(noCredentials.status()).isEqualTo(2);
            assertThat(noCredentials.err()).contains("no credentials");
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine commandLine = Muster.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute(args);
        return new Run(status, out.toString(), err.toString());
    }
}
