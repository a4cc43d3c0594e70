package eu.muster.broker;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of the broker JVM, read from a built {@code muster-broker-runtime} module.
 *
 * <p>Layout: the runtime location is that module's {@code target} directory (or the classpath file
 * in it). {@value BrokerSettings#RUNTIME_CLASSPATH_FILE} lists the module's runtime dependencies
 * (written by maven-dependency-plugin at {@code package}); the module's own classes come from
 * {@code classes/}, or from its jar when there is no {@code classes/} directory.
 */
final class BrokerRuntime {

    /** The entry point of the broker JVM, in muster-broker-runtime. */
    static final String MAIN_CLASS = "eu.muster.broker.runtime.BrokerProcess";

    private static final String MAIN_CLASS_FILE = MAIN_CLASS.replace('.', '/') + ".class";

    private BrokerRuntime() {
    }

    /**
     * The broker JVM's classpath: the runtime's own classes first (so its logging configuration
     * wins), then its dependencies.
     *
     * @throws BrokerStartException naming runtimeLocation, when the runtime is missing or incomplete
     */
    static String classpath(Path runtimeLocation) {
        Path classpathFile;
        Path directory;
        if (Files.isDirectory(runtimeLocation)) {
            directory = runtimeLocation;
            classpathFile = runtimeLocation.resolve(BrokerSettings.RUNTIME_CLASSPATH_FILE);
        } else if (Files.isRegularFile(runtimeLocation)) {
            classpathFile = runtimeLocation;
            directory = runtimeLocation.toAbsolutePath().getParent();
        } else {
            throw incomplete(runtimeLocation, "it does not exist");
        }
        if (!Files.isRegularFile(classpathFile)) {
            throw incomplete(runtimeLocation, classpathFile + " is missing");
        }

        List<String> entries = new ArrayList<>();
        entries.add(ownClasses(runtimeLocation, directory));
        String listed;
        try {
            listed = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new BrokerStartException("runtimeLocation " + runtimeLocation + ": cannot read " + classpathFile
                    + ": " + e.getMessage(), null, e);
        }
        for (String entry : listed.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (!Files.exists(Path.of(entry))) {
                // E.g. a cleaned local Maven repository: better said here than as a ClassNotFoundException in the broker log.
                throw incomplete(runtimeLocation, classpathFile.getFileName() + " lists " + entry + ", which does not exist");
            }
            entries.add(entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String ownClasses(Path runtimeLocation, Path directory) {
        Path classes = directory.resolve("classes");
        if (Files.isRegularFile(classes.resolve(MAIN_CLASS_FILE))) {
            return classes.toString();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "muster-broker-runtime-*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().endsWith("-tests.jar")) {
                    return jar.toString();
                }
            }
        } catch (IOException e) {
            throw new BrokerStartException("runtimeLocation " + runtimeLocation + ": cannot list " + directory
                    + ": " + e.getMessage(), null, e);
        }
        throw incomplete(runtimeLocation, "neither " + classes.resolve(MAIN_CLASS_FILE)
                + " nor a muster-broker-runtime jar is in " + directory);
    }

    private static BrokerStartException incomplete(Path runtimeLocation, String problem) {
        return new BrokerStartException("runtimeLocation " + runtimeLocation + " is not a built broker runtime: "
                + problem + ". Build it with 'mvn package -pl modules/broker-runtime' and use its target directory.",
                null, null);
    }
}
