package eu.muster.broker;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The broker did not become ready: the runtime is missing or incomplete, a port is taken, the
 * broker process exited during start-up, or it was not ready before the start timeout.
 *
 * <p>The message says which of these happened and, once the broker process had been launched,
 * ends with the last lines of its log file and the file's path. No broker process is left running
 * when this is thrown.
 */
public class BrokerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The broker's log file; transient because {@link Path} is not serializable. */
    private final transient Path logFile;

    /**
     * @param message what happened and what to do about it
     * @param logFile the broker's log file, or null when no broker process was launched
     * @param cause the underlying failure, or null
     */
    public BrokerStartException(String message, Path logFile, Throwable cause) {
        super(message, cause);
        this.logFile = logFile;
    }

    /** The broker's log file, when a broker process had been launched. */
    public Optional<Path> logFile() {
        return Optional.ofNullable(logFile);
    }
}
