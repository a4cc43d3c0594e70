package eu.muster.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class ServerPropertiesTest {

    private final BrokerSettings settings = BrokerSettings.of(Path.of("var", "broker"), Path.of("runtime"))
            .withBrokerPort(19092)
            .withControllerPort(19093);

    @Test
    void combinedSingleNodeOnLoopback() throws Exception {
        Properties written = load(settings.serverProperties());

        assertThat(written.getProperty("node.id")).isEqualTo("1");
        assertThat(written.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(written.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(written.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
        assertThat(written.getProperty("controller.listener.names")).isEqualTo("CONTROLLER");
        assertThat(written.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.1:19093");
        assertThat(written.getProperty("controller.quorum.voters")).isNull();
        assertThat(Path.of(written.getProperty("log.dirs"))).isEqualTo(settings.dataDirectory().resolve("kafka-logs"));
    }

    @Test
    void everySettingAOneNodeClusterNeeds() throws Exception {
        Properties written = load(settings.serverProperties());

        assertThat(written)
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void extraPropertiesOverrideDefaultsInPlace() throws Exception {
        Map<String, String> properties = settings
                .withServerProperty("auto.create.topics.enable", "true")
                .withServerProperty("log.retention.ms", "-1")
                .serverProperties();

        assertThat(load(properties))
                .containsEntry("auto.create.topics.enable", "true")
                .containsEntry("log.retention.ms", "-1");
        String text = ServerPropertiesFile.render(properties);
        assertThat(text.lines().filter(line -> line.startsWith("auto.create.topics.enable="))).hasSize(1);
        assertThat(text.lines().filter(line -> !line.startsWith("#")).findFirst()).contains("node.id=1");
    }

    @Test
    void renderedFileReadsBackExactlyIncludingBackslashesAndLeadingBlanks() throws Exception {
        Map<String, String> awkward = new LinkedHashMap<>();
        awkward.put("log.dirs", "C:\\kafka\\data");
        awkward.put("ssl.key.password", "  secret with # and =");
        awkward.put("odd key:name", "value");

        Properties written = load(awkward);

        assertThat(written).hasSize(3);
        awkward.forEach((key, value) -> assertThat(written.getProperty(key)).isEqualTo(value));
    }

    @Test
    void sameSettingsGiveTheSameFile() {
        BrokerSettings a = settings.withExtraServerProperties(Map.of("b.setting", "2", "a.setting", "1"));
        BrokerSettings b = settings.withServerProperty("a.setting", "1").withServerProperty("b.setting", "2");

        assertThat(ServerPropertiesFile.render(a.serverProperties())).isEqualTo(ServerPropertiesFile.render(b.serverProperties()));
        assertThat(List.copyOf(a.serverProperties().keySet())).endsWith("a.setting", "b.setting");
    }

    private static Properties load(Map<String, String> properties) throws Exception {
        Properties loaded = new Properties();
        loaded.load(new StringReader(ServerPropertiesFile.render(properties)));
        return loaded;
    }
}
