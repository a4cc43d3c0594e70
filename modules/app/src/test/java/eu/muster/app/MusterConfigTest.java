package eu.muster.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.coordination.CoordinationPolicy;
import eu.muster.sla.ClockKind;
import eu.muster.sla.SlaPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MusterConfigTest {

    @Test
    void theDefaultsStartTheEmbeddedBrokerOnLoopbackWithSingleCopyTopics() {
        MusterConfig config = MusterConfig.defaults();

        assertThat(config.embedded()).isTrue();
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.topicSettings().partitions()).isEqualTo(6);
        assertThat(config.topicSettings().replicationFactor()).isEqualTo((short) 1);
        assertThat(config.topicSettings().minInsyncReplicas()).isEqualTo(1);
        assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.embeddedDataDirectory()).endsWithRaw(Path.of("var", "broker"));
    }

    @Test
    void aClusterGetsThreeCopiesAndTwoInSyncByDefault() {
        MusterConfig config = MusterConfig.load(null, Map.of("MUSTER_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092"), new Properties());

        assertThat(config.embedded()).isFalse();
        assertThat(config.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(config.topicSettings().replicationFactor()).isEqualTo((short) 3);
        assertThat(config.topicSettings().minInsyncReplicas()).isEqualTo(2);
    }

    @Test
    void theFileSetsValuesTheEnvironmentOverridesThemAndSystemPropertiesOverrideBoth(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("muster.properties");
        Files.writeString(file, """
                muster.embedded.port=19092
                muster.topics.partitions=3
                muster.kafka.client.security.protocol=SSL
                """);
        Properties system = new Properties();
        system.setProperty("muster.topics.partitions", "12");

        MusterConfig config = MusterConfig.load(file, Map.of("MUSTER_EMBEDDED_PORT", "29092", "MUSTER_TOPICS_PARTITIONS", "4"), system);

        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:29092");
        assertThat(config.topicSettings().partitions()).isEqualTo(12);
        assertThat(config.clientProperties()).containsEntry("security.protocol", "SSL").containsEntry("bootstrap.servers", "127.0.0.1:29092");
    }

    @Test
    void anUnknownKeyIsRefusedWithItsName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("muster.properties");
        Files.writeString(file, "muster.embeded.port=9092\n");

        assertThatThrownBy(() -> MusterConfig.load(file, Map.of(), new Properties()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting muster.embeded.port")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("muster.embedded.port");
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndWhatWasExpected() {
        assertThatThrownBy(() -> load("MUSTER_EMBEDDED_PORT", "ninety"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("muster.embedded.port: expected a port between 1 and 65535, got 'ninety'");
        assertThatThrownBy(() -> load("MUSTER_TOPICS_PARTITIONS", "0"))
                .hasMessage("muster.topics.partitions: expected a whole number of at least 1, got '0'");
        assertThatThrownBy(() -> load("MUSTER_STARTUP_TIMEOUT", "60"))
                .hasMessage("muster.startup.timeout: expected a positive ISO-8601 duration such as PT60S, got '60'");
        assertThatThrownBy(() -> load("MUSTER_EMBEDDED_CONTROLLER_PORT", "9092"))
                .hasMessage("muster.embedded.controller-port: must differ from muster.embedded.port (both are 9092)");
        assertThatThrownBy(() -> load("MUSTER_TOPICS_MIN_INSYNC_REPLICAS", "2"))
                .hasMessageContaining("muster.topics.min-insync-replicas: 2 exceeds the replication factor 1");
        assertThatThrownBy(() -> load("MUSTER_EMBEDDED_HEAP", "lots"))
                .hasMessageContaining("muster.embedded.heap");
        assertThatThrownBy(() -> load("MUSTER_SLA_AT_RISK_SHARE", "1.2"))
                .hasMessage("muster.sla.at-risk-share: expected a number above 0 and below 1 such as 0.8, got '1.2'");
        assertThatThrownBy(() -> load("MUSTER_SLA_WINDOW_REQUEST_TO_MATCH", "4 hours"))
                .hasMessage("muster.sla.window.request-to-match: expected a positive ISO-8601 duration such as PT60S, got '4 hours'");
        assertThatThrownBy(() -> load("MUSTER_VIEWS_GROUP_INTERVAL", "-PT1S"))
                .hasMessage("muster.views.group-interval: expected an ISO-8601 duration of zero or more such as PT0.1S, got '-PT1S'");
        assertThatThrownBy(() -> load("MUSTER_STREAMS_ROCKSDB_MEMORY_MIB", "0"))
                .hasMessage("muster.streams.rocksdb-memory-mib: expected a whole number of at least 1, got '0'");
    }

    @Test
    void groupViewsAreWrittenEveryTenthOfASecondByDefaultOrAtEveryChangeWithZero() {
        assertThat(MusterConfig.load(null, Map.of(), new Properties()).groupViewsInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(load("MUSTER_VIEWS_GROUP_INTERVAL", "PT0S").groupViewsInterval()).isZero();
    }

    @Test
    void theSlaDefaultsAreTheDocumentedPolicyAndEachWindowCanBeSet() {
        assertThat(MusterConfig.defaults().slaPolicy()).isEqualTo(SlaPolicy.defaults());
        assertThat(MusterConfig.defaults().viewsCheckInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(MusterConfig.defaults().coordinationPolicy()).isEqualTo(CoordinationPolicy.defaults());

        MusterConfig config = MusterConfig.load(null, Map.of("MUSTER_SLA_WINDOW_MATCH_TO_ON_SITE", "PT12H",
                "MUSTER_SLA_AT_RISK_SHARE", "0.5"), new Properties());

        assertThat(config.slaPolicy().window(ClockKind.MATCH_TO_ON_SITE)).isEqualTo(Duration.ofHours(12));
        assertThat(config.slaPolicy().window(ClockKind.REQUEST_TO_MATCH)).isEqualTo(Duration.ofHours(4));
        assertThat(config.slaPolicy().atRiskShare()).isEqualTo(0.5);
    }

    @Test
    void systemPropertiesThatAreNotSettingsAreLeftAlone() {
        Properties system = new Properties();
        system.setProperty("muster.home", "/opt/muster");
        system.setProperty("muster.broker.runtime", "/opt/muster/runtime");
        system.setProperty("muster.embedded.port", "19092");

        assertThat(MusterConfig.load(null, Map.of(), system).bootstrapServers()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void bootstrapServersCannotSneakInAsAClientSetting(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("muster.properties");
        Files.writeString(file, "muster.kafka.client.bootstrap.servers=elsewhere:9092\n");

        assertThatThrownBy(() -> MusterConfig.load(file, Map.of(), new Properties()))
                .hasMessageContaining("set muster.kafka.bootstrap-servers instead");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> MusterConfig.load(Path.of("no-such.properties"), Map.of(), new Properties()))
                .hasMessage("configuration file no-such.properties does not exist");
    }

    @Test
    void everySettingHasADistinctKeyAndEnvironmentVariable() {
        assertThat(Setting.values()).extracting(Setting::key).doesNotHaveDuplicates().allMatch(k -> k.startsWith("muster."));
        assertThat(Setting.EMBEDDED_DATA_DIR.environmentVariable()).isEqualTo("MUSTER_EMBEDDED_DATA_DIR");
    }

    private static MusterConfig load(String variable, String value) {
        return MusterConfig.load(null, Map.of(variable, value), new Properties());
    }
}
