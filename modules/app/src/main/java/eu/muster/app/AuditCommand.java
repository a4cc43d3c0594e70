package eu.muster.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code muster audit}: the auditors' commands, each read-only towards the cluster (docs/audit.md). */
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Auditors' commands: replay the log of record to any instant, verify that it is untouched, export an incident's timeline.",
            "Each only reads: no consumer group, no committed offset, nothing written to the cluster. Read-only credentials suffice "
                + "(READ and DESCRIBE on incident.events); see docs/audit.md."},
        subcommands = {AuditReplayCommand.class, AuditVerifyCommand.class, AuditTimelineCommand.class})
final class AuditCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
