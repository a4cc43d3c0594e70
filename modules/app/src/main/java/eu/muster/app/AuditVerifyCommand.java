package eu.muster.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import eu.muster.audit.ChainCheck;
import eu.muster.audit.ChainVerification;
import eu.muster.audit.LogReader;
import eu.muster.topics.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code muster audit verify}: walks the log of record and proves every hash-chain link, or names the first broken one. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verify that the log of record is untouched: read it from its first record to its end, check every incident's "
                + "sequence numbers and every hash-chain link, and report a summary or the first broken link.",
            "",
            "Reads with read-only means (no consumer group, no committed offset, nothing written): READ and DESCRIBE on the "
                + "topic suffice. Records appended after the read began are not read.",
            "",
            "Each record is checked in this order, the first failed check being reported: it decodes (UNDECODABLE); its hash "
                + "matches its content (HASH_MISMATCH: its bytes were altered); its key is its incident id (KEY_MISMATCH); its "
                + "incident's events stay on one partition (PARTITION_MISMATCH); its sequence is 1 for an incident's first event "
                + "(FIRST_NOT_ONE) and the previous one plus one after that (SEQUENCE_REPEAT, SEQUENCE_GAP: an event was removed "
                + "before it); its previousHash is the hash of the incident's event before it (PREVIOUS_HASH_MISMATCH).",
            "",
            "Prints the topic, incidents and events checked, and the first and last offset of each partition, then "
                + "'chain intact'; or the first broken link: topic, partition, offset, incident, kind and what is wrong. "
                + "Reading stops there: nothing after a broken link can be vouched for.",
            "Progress (events per second, time left) goes to the standard error: a bar on a terminal, a plain line every "
                + "5 s otherwise.",
            "",
            "Exit status: 0 when the chain is intact, 1 when a link is broken, 2 when the log cannot be read to its end "
                + "(no such topic, no permission, cluster unreachable, a configuration error or any other failure): "
                + "then nothing is said about the chain."})
final class AuditVerifyCommand implements Callable<Integer> {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int CANNOT_READ = 2;

    /**
     * What {@code --json} prints.
     *
     * @param topic            the topic verified
     * @param bootstrapServers the cluster read
     * @param result           INTACT or BROKEN, as the exit status says
     * @param incidents        incidents checked (up to the break)
     * @param events           events whose links hold (up to the break)
     * @param partitions       per partition, the first and last offset read (-1 when empty)
     * @param firstBreak       the first broken link, null when intact
     */
    record JsonReport(String topic, String bootstrapServers, String result, int incidents, long events,
            List<LogReader.Extent.Partition> partitions, ChainCheck.Break firstBreak) {
    }

    @Mixin
    private ConfigOption config;

    @Option(names = "--topic", paramLabel = "<topic>", defaultValue = Topics.INCIDENT_EVENTS,
            description = "The topic to verify: the log of record or a copy of it. Default: ${DEFAULT-VALUE}.")
    private String topic;

    @Mixin
    private LogReadOptions log;

    @Option(names = "--json", description = "Print the report as JSON (the same fields; firstBreak is null when the chain is intact).")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        MusterConfig settings = config.load(); // a ConfigException ends here with status 2 through FailureReport
        // LogReader never creates a missing topic, whatever the cluster's auto-creation setting.
        ChainVerification verification = new ChainVerification(log.reader(settings),
                new Topics(settings.topicSettings()).contractSchemas());
        PrintWriter err = spec.commandLine().getErr();
        ChainVerification.Report report;
        try {
            report = verification.verify(topic, AuditProgress.of(spec, "verify"));
        } catch (ChainVerification.UnreadableLogException e) {
            // The message already carries the cause's: the causes beneath it are listed from the one after.
            return cannotRead(e.getMessage() + " (cluster " + settings.bootstrapServers() + ")", e, e.getCause().getCause());
        } catch (RuntimeException e) {
            // Status 1 must mean a broken link and nothing else: any other failure says nothing about the chain.
            return cannotRead("cannot verify " + topic + ": " + e, e, e.getCause());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(new JsonReport(report.topic(),
                    settings.bootstrapServers(), report.intact() ? "INTACT" : "BROKEN", report.incidents(), report.events(),
                    report.partitions(), report.firstBreak())));
        } else {
            print(out, report);
        }
        out.flush();
        return report.intact() ? INTACT : BROKEN;
    }

    private static void print(PrintWriter out, ChainVerification.Report report) {
        if (report.intact()) {
            out.println(report.topic() + ": chain intact");
            out.println("  incidents  " + report.incidents());
            out.println("  events     " + report.events());
            for (LogReader.Extent.Partition partition : report.partitions()) {
                out.println("  partition " + partition.partition() + ": "
                        + (partition.first() < 0 ? "empty" : "offsets " + partition.first() + " to " + partition.last()));
            }
            return;
        }
        ChainCheck.Break broken = report.firstBreak();
        out.println(broken.topic() + ": broken link at partition " + broken.partition() + ", offset " + broken.offset());
        out.println("  topic      " + broken.topic());
        out.println("  partition  " + broken.partition());
        out.println("  offset     " + broken.offset());
        out.println("  incident   " + (broken.incidentId() == null ? "- (the record does not decode)" : broken.incidentId()));
        out.println("  kind       " + broken.kind());
        out.println("  detail     " + broken.detail());
        out.println("  before it  " + report.events() + " events of " + report.incidents() + " incidents held");
    }

    /**
     * Says why the log could not be read, with the causes beneath from {@code firstCause} on, as
     * {@link FailureReport} does (the stack trace too when MUSTER_DEBUG is set), and returns status 2.
     */
    private int cannotRead(String message, RuntimeException failure, Throwable firstCause) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("muster audit verify: " + message);
        for (Throwable c = firstCause; c != null && c != c.getCause(); c = c.getCause()) {
            err.println("  caused by " + c.getClass().getSimpleName() + ": " + c.getMessage());
        }
        if (System.getenv("MUSTER_DEBUG") != null) {
            failure.printStackTrace(err);
        }
        err.flush();
        return CANNOT_READ;
    }
}
