package eu.muster.broker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import eu.muster.broker.BrokerSettings;
import eu.muster.broker.EmbeddedBroker;

/**
 * JUnit 5 extension giving every test class of one test JVM the same real Kafka broker.
 *
 * <p>The first test class that uses it starts one {@link EmbeddedBroker} on free loopback ports
 * with its data in a fresh temporary directory; later classes reuse it. It is stopped, and its
 * directory deleted, when the whole test run ends (it lives in the root
 * {@link ExtensionContext.Store}, which closes {@link AutoCloseable} values). If the test JVM is
 * killed instead, the broker notices its closed standard input and stops by itself.
 *
 * <pre>{@code
 * @ExtendWith(SharedBroker.class)
 * class IncidentLogIT {
 *     @Test
 *     void appendsAnIncident() {
 *         Properties config = new Properties();
 *         config.put("bootstrap.servers", SharedBroker.bootstrapServers());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>The broker runtime is found by {@link BrokerSettings#locateRuntime()}. The broker has
 * {@code auto.create.topics.enable=false}, and its data is shared by all classes: create topics
 * with names unique to the test.
 */
public final class SharedBroker implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedBroker.class);

    private static volatile RunningBroker running;

    /** Used by JUnit through {@code @ExtendWith(SharedBroker.class)}. */
    public SharedBroker() {
    }

    /** Starts the shared broker unless an earlier test class already did. */
    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningBroker.class.getName(), key -> RunningBroker.start(), RunningBroker.class);
    }

    /**
     * The {@code bootstrap.servers} value of the shared broker.
     *
     * @throws IllegalStateException when the test class does not use this extension, or the broker has died
     */
    public static String bootstrapServers() {
        return current().broker.bootstrapServers();
    }

    /** The settings the shared broker runs with: its ports, data directory and so on. */
    public static BrokerSettings settings() {
        return current().broker.settings();
    }

    /** The shared broker's log file, for diagnosing a failed test. */
    public static Path logFile() {
        return current().broker.logFile();
    }

    private static RunningBroker current() {
        RunningBroker shared = running;
        if (shared == null) {
            throw new IllegalStateException("no shared broker is running: annotate the test class with @ExtendWith(SharedBroker.class)");
        }
        if (!shared.broker.isAlive()) {
            throw new IllegalStateException("the shared broker has stopped unexpectedly; see its log " + shared.broker.logFile());
        }
        return shared;
    }

    /** The broker and its temporary directory, closed by JUnit at the end of the run. */
    static final class RunningBroker implements AutoCloseable {
        private final EmbeddedBroker broker;
        private final Path directory;

        private RunningBroker(EmbeddedBroker broker, Path directory) {
            this.broker = broker;
            this.directory = directory;
        }

        static RunningBroker start() {
            Path directory;
            try {
                directory = Files.createTempDirectory("muster-shared-broker-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory for the shared broker", e);
            }
            EmbeddedBroker broker = new EmbeddedBroker(BrokerSettings.of(directory.resolve("data")).withFreePorts()).start();
            return new RunningBroker(broker, directory);
        }

        @Override
        public void close() throws IOException {
            running = null;
            broker.close();
            deleteRecursively(directory);
        }

        private static void deleteRecursively(Path root) throws IOException {
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        }
    }
}
