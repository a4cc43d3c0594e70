package eu.muster.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one launcher users learn: {@code ./muster <command>}. Each subcommand has its own {@code --help}.
 */
@Command(name = "muster",
        mixinStandardHelpOptions = true,
        versionProvider = MusterVersion.class,
        description = {
            "muster: event-sourced incident coordination backbone for the EU Cybersecurity Reserve, on Apache Kafka.",
            ""},
        subcommands = {UpCommand.class, StatusCommand.class, SubmitCommand.class, OutcomeCommand.class, TopicsCommand.class, AuditCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Settings: see docs/operations.md. Each command takes --config <file>; the environment (MUSTER_...) overrides the file."})
public final class Muster implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with the command's status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, for {@link #main} and tests. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Muster());
        commandLine.setExecutionExceptionHandler(new FailureReport());
        return commandLine;
    }
}
