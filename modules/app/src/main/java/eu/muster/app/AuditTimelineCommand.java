package eu.muster.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code muster audit timeline}: being written (issue 8). */
@Command(name = "timeline", mixinStandardHelpOptions = true, description = "Not yet available.")
final class AuditTimelineCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("muster audit timeline is not written yet");
    }
}
