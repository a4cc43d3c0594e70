package eu.muster.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option every command shares. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "<file>",
            description = "Properties file with muster settings (see docs/operations.md). Default: none; built-in defaults start the embedded broker.")
    private Path file;

    /** The configuration this command runs with. */
    MusterConfig load() {
        return MusterConfig.load(file);
    }
}
