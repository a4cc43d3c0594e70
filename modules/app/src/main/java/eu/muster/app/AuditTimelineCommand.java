package eu.muster.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.audit.IncidentHistory;
import eu.muster.audit.StixBundle;
import eu.muster.json.JsonContract;
import eu.muster.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code muster audit timeline <incidentId>}: the full history of one incident, who filed what and when, as JSON or STIX 2.1. */
@Command(name = "timeline",
        mixinStandardHelpOptions = true,
        description = {
            "Print the full history of one incident from the log of record: every accepted event in sequence order with who filed it "
                + "(the producing organisation), when it occurred and was recorded, its TLP and PAP, its payload, its hash-chain link "
                + "and where it lies on incident.events.",
            "",
            "--format json (default): {incidentId, events: [{sequence, recordedAt, occurredAt, eventId, producer, tlp, pap, type, payload, "
                + "hash, previousHash, position, submission}], through: {topic, partitions, recordsRead, lastSequence}}.",
            "--format stix: a STIX 2.1 bundle: the incident (with the Incident Core extension), an identity per organisation that "
                + "filed an event, a related-to relationship from each to the incident, a note per situation report and for the "
                + "post-incident review, and the official TLP 2.0 marking definitions every object refers to. Exporting the same "
                + "history twice gives the same bundle (name-based ids).",
            "",
            "The log is read with read-only means (no consumer group, no committed offset, nothing written), to where it ended "
                + "when the read began.",
            "",
            "Exit status: 0 when the timeline was written, 1 when the log of record holds no such incident, "
                + "2 when the log cannot be read, the output cannot be written, or an option or the configuration is wrong."})
final class AuditTimelineCommand implements Callable<Integer> {

    /** The exit status when the log of record holds no event of the incident. */
    static final int NO_SUCH_INCIDENT = 1;
    /** The exit status when the log cannot be read or the output cannot be written. */
    static final int CANNOT_READ = 2;

    /** The forms the timeline is written in. */
    enum Format {
        /** The history in muster's JSON form. */
        json,
        /** A STIX 2.1 bundle. */
        stix
    }

    @Mixin
    private ConfigOption config;

    @Parameters(paramLabel = "<incidentId>", description = "The incident's id (a UUID), as on the log of record.")
    private String incidentId;

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "json",
            description = "json or stix. Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write to <file> instead of the standard output.")
    private Path output;

    @Mixin
    private LogReadOptions log;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter err = spec.commandLine().getErr();
        MusterConfig settings = config.load();
        IncidentHistory history;
        try {
            history = IncidentHistory.read(log.reader(settings), new Topics(settings.topicSettings()),
                    incidentId, AuditProgress.of(spec, "timeline"));
        } catch (IncidentHistory.UnknownIncidentException e) {
            return fail(err, NO_SUCH_INCIDENT, e.getMessage(), null);
        } catch (IncidentHistory.UnreadableEventException | KafkaException e) {
            return fail(err, CANNOT_READ, "cannot read the log of record " + Topics.INCIDENT_EVENTS + " at " + settings.bootstrapServers()
                    + ": " + e.getMessage(), e.getCause());
        } catch (IllegalArgumentException e) {
            // LogReader's word for a log of record that does not exist or that these credentials may not see.
            return fail(err, CANNOT_READ, "cannot read the log of record at " + settings.bootstrapServers() + ": " + e.getMessage(), e.getCause());
        }
        ObjectNode document = format == Format.stix ? StixBundle.of(history) : history.toJson(JsonContract.create());
        byte[] text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(document);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(new String(text, StandardCharsets.UTF_8));
            out.flush();
            return 0;
        }
        try {
            Files.write(output, text);
        } catch (IOException e) {
            return fail(err, CANNOT_READ, "cannot write " + output + ": " + e.getMessage(), e.getCause());
        }
        err.printf("timeline of incident %s written to %s as %s (%d events, %d records read)%n", incidentId, output, format,
                history.entries().size(), history.through().records());
        err.flush();
        return 0;
    }

    /** Says what went wrong, and what caused it, the way {@link FailureReport} does for other commands. */
    private static int fail(PrintWriter err, int status, String message, Throwable cause) {
        err.println("muster audit timeline: " + message);
        for (Throwable c = cause; c != null && c != c.getCause(); c = c.getCause()) {
            err.println("  caused by " + c.getClass().getSimpleName() + ": " + c.getMessage());
        }
        err.flush();
        return status;
    }
}
