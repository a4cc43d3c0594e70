package eu.muster.app;

import eu.muster.audit.Progress;
import picocli.CommandLine;

/** The progress display of the audit commands, on their standard error so that their output stays clean JSON. */
final class AuditProgress {

    private AuditProgress() {
    }

    /** A progress display labelled {@code label} for the command {@code spec} runs. */
    static Progress of(CommandLine.Model.CommandSpec spec, String label) {
        return Progress.NONE;
    }
}
