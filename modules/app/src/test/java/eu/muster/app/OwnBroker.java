package eu.muster.app;

import eu.muster.broker.BrokerSettings;
import eu.muster.broker.EmbeddedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A broker of the test class's own, for tests that run a whole backbone: one backbone per cluster,
 * as in production, so that no other test's processor decides the same submissions again.
 * Register with {@code @RegisterExtension static final OwnBroker BROKER = new OwnBroker();}.
 */
final class OwnBroker implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedBroker broker;
    private Path directory;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("muster-own-broker-");
        broker = new EmbeddedBroker(BrokerSettings.of(directory.resolve("data")).withFreePorts()).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        broker.close();
        try (var files = Files.walk(directory)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * A configuration file in {@code dir} pointing muster at {@code bootstrapServers} as an external
     * cluster: one copy per topic, two partitions, its own application id and state directory.
     */
    static Path clusterConfig(Path dir, String bootstrapServers, String applicationId) throws IOException {
        Path file = dir.resolve("muster.properties");
        Files.writeString(file, "muster.kafka.bootstrap-servers=" + bootstrapServers + "\n"
                + "muster.topics.replication-factor=1\n"
                + "muster.topics.partitions=2\n"
                + "muster.streams.application-id=" + applicationId + "\n"
                + "muster.streams.state-dir=" + dir.resolve("streams") + "\n"
                + "muster.gateway.enabled=false\n"
                + "muster.management.port=0\n");
        return file;
    }
}
