package eu.muster.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code muster status}: says whether the backbone the configuration points at is up. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Check whether the backbone is up and say what was checked.",
            "",
            "Checks that the broker answers, that every topic muster owns exists with compatible settings, "
                + "and that the contract's schemas are published. Changes nothing.",
            "",
            "Exit status: 0 when every check passes, 1 when one fails, 2 for a configuration error."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "PT10S",
            description = "How long to wait for the broker (ISO-8601 duration). Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MusterConfig settings = config.load();
        out.println("checking the backbone at " + settings.bootstrapServers() + (settings.embedded() ? " (embedded broker)" : ""));
        List<StatusCheck.Result> results = new StatusCheck(settings, timeout).run();
        for (StatusCheck.Result result : results) {
            out.printf("  %-4s %-11s %s%n", result.ok() ? "ok" : "FAIL", result.name(), result.detail());
        }
        boolean up = results.stream().allMatch(StatusCheck.Result::ok);
        out.println(up ? "muster is up" : "muster is not up");
        out.flush();
        return up ? 0 : 1;
    }
}
