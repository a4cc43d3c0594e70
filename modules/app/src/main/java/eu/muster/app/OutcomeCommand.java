package eu.muster.app;

import com.fasterxml.jackson.databind.JsonNode;
import eu.muster.client.MusterClient;
import eu.muster.client.MusterClientSettings;
import eu.muster.client.OutcomeTimeoutException;
import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import eu.muster.json.JsonContract;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code muster outcome <eventId>}: what became of a submitted event. */
@Command(name = "outcome",
        mixinStandardHelpOptions = true,
        description = {
            "Say what became of a submitted event: ACCEPTED with its sequence number on the log of record, REJECTED with its "
                + "reason code and message, or PENDING while muster has not decided it yet.",
            "",
            "Through the gateway (default) authenticate with --cert, --as or --token; with --via kafka the outcome is read from "
                + "submission.outcomes on the configured cluster.",
            "",
            "Example: ./muster outcome --as de-bsi 7d0d1c57-4f1e-4c61-9d7e-3f0a2b6c9e11",
            "",
            "Exit status: 0 ACCEPTED, 1 REJECTED, 3 PENDING (or not found within --wait), 2 for a configuration error."})
final class OutcomeCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Mixin
    private ClientOptions client;

    @Option(names = "--wait", paramLabel = "<duration>", defaultValue = "PT0S",
            description = "Wait up to this long for a decision (ISO-8601 duration). Default: answer at once through the gateway, "
                    + "PT10S with --via kafka (the outcome is read from the topic).")
    private Duration wait;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    private boolean asJson;

    @Parameters(paramLabel = "<eventId>", description = "The event's id (a UUID).")
    private String eventId;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MusterConfig settings = config.load();
        JsonNode outcome = client.via == ClientOptions.Route.kafka ? fromKafka(settings) : fromGateway(settings, spec.commandLine().getErr());
        if (outcome == null) {
            return 1;
        }
        out.println(asJson ? outcome.toString() : describe(outcome));
        out.flush();
        return switch (outcome.path("status").asText()) {
            case "ACCEPTED" -> 0;
            case "REJECTED" -> 1;
            default -> 3;
        };
    }

    private JsonNode fromGateway(MusterConfig settings, PrintWriter err) {
        GatewayClient gateway = client.gatewayClient(settings);
        long deadline = System.nanoTime() + wait.toNanos();
        GatewayClient.Answer answer = gateway.outcome(eventId);
        while (!answer.problem() && answer.body().path("status").asText().equals("PENDING") && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // the poll interval, not a synchronisation
            answer = gateway.outcome(eventId);
        }
        if (answer.problem()) {
            err.println("refused (" + answer.status() + "): " + answer.body().path("detail").asText());
            err.flush();
            return null;
        }
        return answer.body();
    }

    private JsonNode fromKafka(MusterConfig settings) {
        // Reading outcomes needs no organisation of its own; the client wants one, and reads only.
        Organisation reader = Organisation.newBuilder().setId("muster-cli").setRole(OrganisationRole.ENISA).setMemberState(null).build();
        try (MusterClient kafka = new MusterClient(MusterClientSettings.of(reader, settings.clientProperties()))) {
            return JsonContract.create().write(kafka.awaitOutcome(eventId, wait.isZero() ? Duration.ofSeconds(10) : wait));
        } catch (OutcomeTimeoutException e) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("eventId", eventId).put("status", "PENDING");
        }
    }

    /** One line for a person: the eventId, the status, and what goes with it. */
    static String describe(JsonNode outcome) {
        String eventId = outcome.path("eventId").asText();
        String status = outcome.path("status").asText();
        return switch (status) {
            case "ACCEPTED" -> eventId + "  ACCEPTED  sequence " + outcome.path("sequence").asLong() + " of incident " + outcome.path("incidentId").asText();
            case "REJECTED" -> eventId + "  REJECTED  " + outcome.path("reason").asText() + ": " + outcome.path("message").asText();
            case "SUBMITTED" -> eventId + "  SUBMITTED  " + outcome.path("topic").asText();
            default -> eventId + "  " + status;
        };
    }
}
