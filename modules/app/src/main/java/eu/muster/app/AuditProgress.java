package eu.muster.app;

import eu.muster.audit.Progress;
import eu.muster.audit.ProgressBar;
import picocli.CommandLine;

/** The progress display of the audit commands: a bar on a terminal, plain lines otherwise, on standard error so that their output stays clean. */
final class AuditProgress {

    private AuditProgress() {
    }

    /** A progress display labelled {@code label} for the command {@code spec} runs. */
    static Progress of(CommandLine.Model.CommandSpec spec, String label) {
        return ProgressBar.forWriter(spec.commandLine().getErr(), ProgressBar.terminalAttached(), label, System::nanoTime);
    }
}
