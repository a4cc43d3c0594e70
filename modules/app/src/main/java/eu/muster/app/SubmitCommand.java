package eu.muster.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import eu.muster.client.MusterClient;
import eu.muster.client.MusterClientSettings;
import eu.muster.client.SubmissionReceipt;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.json.JsonContract;
import eu.muster.json.JsonContractException;
import eu.muster.json.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code muster submit}: file events from JSON files or standard input, through the gateway or straight to Kafka. */
@Command(name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "File incident events, as any member-state, ENISA or MSSP system would.",
            "",
            "Reads events in the contract's JSON form (docs/event-contract.md, 'JSON form'): each file holds one event or an array "
                + "of events; '-' or no file reads standard input. Every event is checked first; if any is invalid, each problem is "
                + "printed with its file and field and nothing is submitted.",
            "",
            "Through the gateway (default), authenticate with --cert, --as (development certificates) or --token. "
                + "With --via kafka, events go to submissions.<producer id> on the configured cluster with its client security settings.",
            "",
            "Prints one line per event: its eventId and PENDING, ACCEPTED (with its sequence number) or REJECTED (with reason and message). "
                + "--wait waits for the outcomes.",
            "",
            "Example: ./muster submit --as de-bsi --wait PT30S request.json",
            "",
            "Exit status: 0 when every event was submitted (and, with --wait, accepted); 1 when one was rejected, refused or undecided; "
                + "2 for invalid events or a configuration error."})
final class SubmitCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Mixin
    private ConfigOption config;

    @Mixin
    private ClientOptions client;

    @Option(names = "--wait", paramLabel = "<duration>", defaultValue = "PT0S",
            description = "Wait up to this long for every outcome (ISO-8601 duration, e.g. PT30S). Default: do not wait.")
    private Duration wait;

    @Parameters(paramLabel = "<file>", arity = "0..*", description = "JSON files with one event or an array of events; '-' for standard input.")
    private List<String> files = new ArrayList<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonContract json = JsonContract.create();
        List<IncidentEvent> events = new ArrayList<>();
        boolean invalid = false;
        for (String file : files.isEmpty() ? List.of("-") : files) {
            try {
                events.addAll(json.readEvents(read(file)));
            } catch (JsonContractException e) {
                invalid = true;
                for (Violation violation : e.violations()) {
                    err.printf("%s: %s: expected %s, got %s%n", file, violation.path().isEmpty() ? "(document)" : violation.path(),
                            violation.expected(), violation.actual());
                }
            }
        }
        if (invalid || events.isEmpty()) {
            err.println(invalid ? "nothing submitted: fix the events above" : "nothing submitted: no events given");
            err.flush();
            return 2;
        }
        MusterConfig settings = config.load();
        Map<String, JsonNode> outcomes = client.via == ClientOptions.Route.kafka
                ? throughKafka(settings, events, json)
                : throughGateway(settings, events, json, err);
        if (outcomes == null) {
            err.flush();
            return 1;
        }
        boolean allWell = true;
        for (JsonNode outcome : outcomes.values()) {
            out.println(OutcomeCommand.describe(outcome));
            String status = outcome.path("status").asText();
            allWell &= status.equals("ACCEPTED") || status.equals("PENDING") && wait.isZero() || status.equals("SUBMITTED") && wait.isZero();
        }
        out.flush();
        return allWell ? 0 : 1;
    }

    private Map<String, JsonNode> throughGateway(MusterConfig settings, List<IncidentEvent> events, JsonContract json, PrintWriter err) {
        GatewayClient gateway = client.gatewayClient(settings);
        Map<String, JsonNode> outcomes = new LinkedHashMap<>();
        // In requests of at most the gateway's batch size, so that a file of any length goes through.
        int batchSize = settings.gatewaySettings().maxBatch();
        for (int from = 0; from < events.size(); from += batchSize) {
            ArrayNode batch = MAPPER.createArrayNode();
            events.subList(from, Math.min(events.size(), from + batchSize)).forEach(event -> batch.add(json.write(event)));
            GatewayClient.Answer answer;
            try {
                answer = gateway.submit(MAPPER.writeValueAsBytes(batch));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (answer.problem()) {
                err.println("refused (" + answer.status() + "): " + answer.body().path("detail").asText()
                        + (from == 0 ? "" : "; the " + from + " event(s) before this request were submitted (resubmitting them is safe)"));
                answer.body().path("violations").forEach(v -> err.printf("  %s: expected %s, got %s%n",
                        v.path("path").asText(), v.path("expected").asText(), v.path("actual").asText()));
                return null;
            }
            answer.body().path("events").forEach(result -> outcomes.put(result.path("eventId").asText(), result));
        }
        Instant deadline = Instant.now().plus(wait);
        for (Map.Entry<String, JsonNode> entry : outcomes.entrySet()) {
            while (entry.getValue().path("status").asText().equals("PENDING") && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // the poll interval of the wait, not a synchronisation
                GatewayClient.Answer outcome = gateway.outcome(entry.getKey());
                if (!outcome.problem()) {
                    entry.setValue(outcome.body());
                }
            }
        }
        return outcomes;
    }

    private Map<String, JsonNode> throughKafka(MusterConfig settings, List<IncidentEvent> events, JsonContract json) {
        Map<String, JsonNode> outcomes = new LinkedHashMap<>();
        Map<String, List<SubmissionReceipt>> receipts = new LinkedHashMap<>();
        Map<String, MusterClient> clients = new LinkedHashMap<>();
        try {
            for (IncidentEvent event : events) {
                // Each producer's events go to its own submission topic, as its own client would send them.
                MusterClient producer = clients.computeIfAbsent(event.getProducer().getId(),
                        id -> new MusterClient(MusterClientSettings.of(event.getProducer(), settings.clientProperties())));
                SubmissionReceipt receipt = producer.submit(event);
                receipts.computeIfAbsent(event.getProducer().getId(), id -> new ArrayList<>()).add(receipt);
                outcomes.put(event.getEventId(), MAPPER.createObjectNode().put("eventId", event.getEventId()).put("status", "SUBMITTED")
                        .put("topic", receipt.topic() + "/" + receipt.partition() + "@" + receipt.offset()));
            }
            if (!wait.isZero()) {
                for (Map.Entry<String, List<SubmissionReceipt>> perProducer : receipts.entrySet()) {
                    Map<String, SubmissionOutcome> decided = clients.get(perProducer.getKey()).awaitOutcomes(perProducer.getValue(), wait);
                    decided.forEach((eventId, outcome) -> outcomes.put(eventId, json.write(outcome)));
                }
            }
        } finally {
            clients.values().forEach(MusterClient::close);
        }
        return outcomes;
    }

    private byte[] read(String file) {
        try {
            return file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
