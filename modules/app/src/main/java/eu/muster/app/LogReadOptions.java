package eu.muster.app;

import eu.muster.audit.LogReader;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How the audit commands read the log of record: the option they share, and the reader it gives. */
final class LogReadOptions {

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "PT30S",
            description = "How long the cluster may take to answer one request (ISO-8601 duration). Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    /** A read-only reader of the cluster {@code settings} name. */
    LogReader reader(MusterConfig settings) {
        return new LogReader(settings.clientProperties(), timeout);
    }
}
