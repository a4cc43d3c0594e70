package eu.muster.app;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How a failed command ends: the message that says what to fix on one line, the causes beneath it,
 * and a non-zero status. Configuration errors exit with 2, everything else with 1.
 */
final class FailureReport implements IExecutionExceptionHandler {

    static final int CONFIG_ERROR = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("muster " + commandLine.getCommandName() + ": " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            commandLine.getErr().println("  caused by " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        if (System.getenv("MUSTER_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
        }
        return e instanceof ConfigException ? CONFIG_ERROR : 1;
    }
}
