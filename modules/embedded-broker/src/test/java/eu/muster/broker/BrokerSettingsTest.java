package eu.muster.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrokerSettingsTest {

    private static final Path DATA = Path.of("var", "broker");
    private static final Path RUNTIME = Path.of("modules", "broker-runtime", "target");

    private final BrokerSettings defaults = BrokerSettings.of(DATA, RUNTIME);

    @Test
    void defaultsListenOnLoopbackWithSmallHeap() {
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.brokerPort()).isEqualTo(9092);
        assertThat(defaults.controllerPort()).isEqualTo(9093);
        assertThat(defaults.jvmHeap()).isEqualTo("512m");
        assertThat(defaults.startTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.extraServerProperties()).isEmpty();
        assertThat(defaults.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void directoriesBecomeAbsolute() {
        assertThat(defaults.dataDirectory()).isAbsolute().isEqualTo(DATA.toAbsolutePath());
        assertThat(defaults.runtimeLocation()).isAbsolute().isEqualTo(RUNTIME.toAbsolutePath());
        assertThat(defaults.kafkaLogDirectory()).isEqualTo(defaults.dataDirectory().resolve("kafka-logs"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65_536})
    void rejectsBrokerPortOutOfRange(int port) {
        assertThatThrownBy(() -> defaults.withBrokerPort(port))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brokerPort")
                .hasMessageContaining(String.valueOf(port));
    }

    @Test
    void rejectsControllerPortOutOfRange() {
        assertThatThrownBy(() -> defaults.withControllerPort(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("controllerPort")
                .hasMessageContaining("70000");
    }

    @Test
    void rejectsOnePortForBothListeners() {
        assertThatThrownBy(() -> defaults.withControllerPort(9092))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brokerPort and controllerPort must differ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " 127.0.0.1", "a,b", "::1", "0.0.0.0"})
    void rejectsUnusableHosts(String host) {
        assertThatThrownBy(() -> defaults.withHost(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("host ");
    }

    @Test
    void rejectsMissingDirectories() {
        assertThatThrownBy(() -> defaults.withDataDirectory(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataDirectory");
        assertThatThrownBy(() -> defaults.withRuntimeLocation(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runtimeLocation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "512", "1g", "768M", "2048k"})
    void acceptsHeapSizesInXmxSyntax(String heap) {
        if (heap.isEmpty()) {
            assertThatThrownBy(() -> defaults.withJvmHeap(heap)).hasMessageContaining("jvmHeap");
        } else {
            assertThat(defaults.withJvmHeap(heap).jvmHeap()).isEqualTo(heap);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"512mb", "-Xmx512m", "0m", "half"})
    void rejectsMalformedHeap(String heap) {
        assertThatThrownBy(() -> defaults.withJvmHeap(heap))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jvmHeap")
                .hasMessageContaining(heap);
    }

    @Test
    void rejectsNonPositiveStartTimeout() {
        assertThatThrownBy(() -> defaults.withStartTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> defaults.withStartTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> defaults.withStartTimeout(null))
                .hasMessageContaining("startTimeout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"listeners", "advertised.listeners", "node.id", "process.roles", "log.dirs",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers", "metadata.log.dir"})
    void rejectsExtraPropertiesThatContradictTheLayout(String key) {
        assertThatThrownBy(() -> defaults.withServerProperty(key, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extraServerProperties")
                .hasMessageContaining("'" + key + "'");
    }

    @Test
    void rejectsMalformedExtraProperties() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("log.retention.ms", null);
        assertThatThrownBy(() -> defaults.withExtraServerProperties(nullValue))
                .hasMessageContaining("extraServerProperties")
                .hasMessageContaining("log.retention.ms");
        assertThatThrownBy(() -> defaults.withServerProperty("log.retention.ms", "1\nlisteners=x"))
                .hasMessageContaining("line break");
        assertThatThrownBy(() -> defaults.withExtraServerProperties(null))
                .hasMessageContaining("extraServerProperties");
    }

    @Test
    void extraPropertiesAreCopiedSoLaterChangesDoNotLeakIn() {
        Map<String, String> extra = new HashMap<>(Map.of("num.partitions", "3"));
        BrokerSettings settings = defaults.withExtraServerProperties(extra);
        extra.put("num.partitions", "6");
        assertThat(settings.extraServerProperties()).containsEntry("num.partitions", "3");
        assertThatThrownBy(() -> settings.extraServerProperties().put("a", "b"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void freePortsAreDistinctAndBindable() throws Exception {
        BrokerSettings settings = defaults.withFreePorts();
        assertThat(settings.brokerPort()).isNotEqualTo(settings.controllerPort());
        try (ServerSocket broker = new ServerSocket(settings.brokerPort());
                ServerSocket controller = new ServerSocket(settings.controllerPort())) {
            assertThat(broker.isBound()).isTrue();
            assertThat(controller.isBound()).isTrue();
        }
    }

    @Test
    void findsTheRuntimeInTheRepositoryFromAModuleDirectory(@TempDir Path repository) throws Exception {
        Path target = Files.createDirectories(repository.resolve("modules/broker-runtime/target"));
        Files.writeString(target.resolve(BrokerSettings.RUNTIME_CLASSPATH_FILE), "");
        Path module = Files.createDirectories(repository.resolve("modules/app/src"));

        assertThat(BrokerSettings.findInRepository(module)).contains(target);
        assertThat(BrokerSettings.findInRepository(repository.getParent())).isEmpty();
    }
}
