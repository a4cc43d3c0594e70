package eu.muster.broker.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.tools.StorageTool;

/**
 * Entry point of the broker JVM: a single-node KRaft Kafka broker (broker and controller in one
 * process) driven by one {@code server.properties} file.
 *
 * <p>Usage: {@code java -cp <runtime classpath> eu.muster.broker.runtime.BrokerProcess <server.properties>}
 *
 * <p>What it does, in order:
 * <ol>
 *   <li>Starts a daemon thread that reads standard input until end-of-file and then calls
 *       {@code System.exit(0)}. Kafka's shutdown hook turns that into a controlled shutdown. The
 *       parent keeps the write end of the pipe open for as long as it wants the broker; when the
 *       parent closes it, or dies for any reason, the broker stops too, so no orphan broker is left
 *       behind. Consequently standard input must be a pipe held open by the parent (or a terminal),
 *       never {@code /dev/null}.</li>
 *   <li>Formats the KRaft storage with Kafka's {@link StorageTool}, but only when none of the log
 *       directories holds a {@code meta.properties} yet: a restart keeps the data and the cluster id.</li>
 *   <li>Runs the broker through {@code kafka.Kafka}, which registers the shutdown hook, starts the
 *       server and blocks until it has shut down.</li>
 * </ol>
 *
 * <p>Exit codes: 0 after a graceful stop, 1 when Kafka itself fails, {@value #EXIT_USAGE} for a bad
 * command line, {@value #EXIT_STORAGE} when the storage cannot be checked or formatted. Every
 * failure is described on standard error before the JVM exits.
 */
public final class BrokerProcess {

    /** Exit code for a missing or unreadable {@code server.properties} argument. */
    public static final int EXIT_USAGE = 2;

    /** Exit code when the KRaft storage cannot be inspected or formatted. */
    public static final int EXIT_STORAGE = 3;

    /** The file Kafka writes into every formatted log directory. */
    static final String META_PROPERTIES = "meta.properties";

    private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);

    private BrokerProcess() {
    }

    /**
     * Formats the storage if needed and runs the broker until standard input reaches end-of-file.
     *
     * @param args exactly one element: the path of the broker's {@code server.properties}
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            fail(EXIT_USAGE, "usage: BrokerProcess <server.properties>, got " + args.length + " arguments", null);
        }
        Path config = Path.of(args[0]).toAbsolutePath();
        // First, so that even a hanging format step dies with the parent.
        watchStandardInput(System.in);

        Properties properties;
        try {
            properties = readProperties(config);
        } catch (IOException e) {
            fail(EXIT_USAGE, "cannot read broker configuration " + config + ": " + e, e);
            return;
        }
        try {
            formatStorageIfNeeded(config, properties);
        } catch (StorageException e) {
            fail(EXIT_STORAGE, e.getMessage(), e.getCause());
            return;
        }
        // Blocks until the broker has shut down; calls Exit.exit itself, with 1 on a startup failure.
        kafka.Kafka.main(new String[] {config.toString()});
    }

    /**
     * Starts the daemon thread that ends the JVM gracefully once {@code input} reaches end-of-file
     * (or cannot be read, which means the same thing: the parent is gone).
     */
    static Thread watchStandardInput(InputStream input) {
        Thread watchdog = new Thread(() -> {
            String reason;
            try {
                byte[] ignored = new byte[256];
                while (input.read(ignored) != -1) {
                    // Anything the parent writes is ignored: only end-of-file means something.
                }
                reason = "standard input closed";
            } catch (IOException e) {
                reason = "standard input unreadable (" + e + ")";
            }
            LOG.info("{}: the parent process has gone or asked for shutdown; stopping the broker", reason);
            System.exit(0);
        }, "muster-stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    /**
     * Formats the KRaft storage when no log directory of {@code properties} is formatted yet.
     *
     * @return true when it formatted, false when the storage was formatted already
     * @throws StorageException when only some directories are formatted, or formatting fails
     */
    static boolean formatStorageIfNeeded(Path config, Properties properties) throws StorageException {
        List<Path> directories = storageDirectories(properties);
        List<Path> formatted = new ArrayList<>();
        List<Path> unformatted = new ArrayList<>();
        for (Path directory : directories) {
            if (Files.isRegularFile(directory.resolve(META_PROPERTIES))) {
                formatted.add(directory);
            } else {
                unformatted.add(directory);
            }
        }
        if (unformatted.isEmpty()) {
            LOG.info("KRaft storage already formatted in {}; keeping its data and cluster id", directories);
            return false;
        }
        if (!formatted.isEmpty()) {
            // Formatting the rest would give them a different cluster id than the existing ones.
            throw new StorageException("KRaft storage is only partly formatted: " + formatted
                    + " hold " + META_PROPERTIES + " but " + unformatted + " do not. Remove the log"
                    + " directories (losing their data) or restore the missing ones, then start again.");
        }

        String clusterId = Uuid.randomUuid().toString();
        List<String> command = new ArrayList<>(List.of("format", "--cluster-id", clusterId, "--config", config.toString()));
        if (isStandaloneController(properties)) {
            command.add("--standalone");
        }
        LOG.info("Formatting KRaft storage in {} with cluster id {}: storage tool {}", directories, clusterId, command);
        int exitCode;
        try {
            // execute() reports problems by exit code or exception; main() would call System.exit.
            exitCode = StorageTool.execute(command.toArray(String[]::new), System.out);
        } catch (RuntimeException e) {
            throw new StorageException("formatting KRaft storage in " + directories + " with " + config
                    + " failed: " + e.getMessage(), e);
        }
        if (exitCode != 0) {
            throw new StorageException("formatting KRaft storage in " + directories + " with " + config
                    + " failed: the storage tool returned exit code " + exitCode + " (its output is above)");
        }
        return true;
    }

    /** The log directories and the metadata log directory named by {@code properties}, in order, once each. */
    static List<Path> storageDirectories(Properties properties) throws StorageException {
        String logDirs = properties.getProperty("log.dirs", properties.getProperty("log.dir"));
        if (logDirs == null || logDirs.isBlank()) {
            // Kafka would fall back to /tmp/kafka-logs, which is neither durable nor ours.
            throw new StorageException("the broker configuration sets neither log.dirs nor log.dir");
        }
        Set<Path> directories = new LinkedHashSet<>();
        for (String directory : logDirs.split(",")) {
            if (!directory.isBlank()) {
                directories.add(Path.of(directory.trim()).toAbsolutePath().normalize());
            }
        }
        String metadataLogDir = properties.getProperty("metadata.log.dir");
        if (metadataLogDir != null && !metadataLogDir.isBlank()) {
            directories.add(Path.of(metadataLogDir.trim()).toAbsolutePath().normalize());
        }
        return List.copyOf(directories);
    }

    /**
     * True when this node is a controller of a dynamic quorum that it bootstraps alone: the case for
     * {@code format --standalone}. A static quorum ({@code controller.quorum.voters}) must not get it.
     */
    static boolean isStandaloneController(Properties properties) {
        boolean controller = List.of(properties.getProperty("process.roles", "").split(","))
                .stream().map(String::trim).anyMatch("controller"::equals);
        String voters = properties.getProperty("controller.quorum.voters", "");
        String bootstrap = properties.getProperty("controller.quorum.bootstrap.servers", "");
        return controller && voters.isBlank() && !bootstrap.isBlank();
    }

    private static Properties readProperties(Path config) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static void fail(int exitCode, String message, Throwable cause) {
        // The log gets the stack trace; stderr gets one line that survives a broken logging set-up.
        LOG.error(message, cause);
        System.err.println("muster broker: " + message);
        System.exit(exitCode);
    }

    /** The KRaft storage cannot be inspected or formatted; the message says why and what to do. */
    static final class StorageException extends Exception {
        private static final long serialVersionUID = 1L;

        StorageException(String message) {
            super(message);
        }

        StorageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
