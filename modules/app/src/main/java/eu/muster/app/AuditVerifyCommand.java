package eu.muster.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code muster audit verify}: being written (issue 8). */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Not yet available.")
final class AuditVerifyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("muster audit verify is not written yet");
    }
}
