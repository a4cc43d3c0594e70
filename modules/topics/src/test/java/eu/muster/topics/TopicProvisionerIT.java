package eu.muster.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.broker.testing.SharedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedBroker.class)
class TopicProvisionerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Admin admin;
    private String prefix;

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()));
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    @AfterEach
    void disconnect() {
        admin.close();
    }

    @Test
    void missingTopicsAreCreatedWithTheirSettingsAndASecondRunCreatesNothing() throws Exception {
        List<TopicSpec> specs = specs(3);

        List<String> created = new TopicProvisioner(admin, TIMEOUT).provision(specs);

        assertThat(created).containsExactlyInAnyOrder(prefix + "events", prefix + "view");
        Config events = config(prefix + "events");
        assertThat(events.get("cleanup.policy").value()).isEqualTo("delete");
        assertThat(events.get("retention.ms").value()).isEqualTo("-1");
        assertThat(events.get("retention.bytes").value()).isEqualTo("-1");
        assertThat(config(prefix + "view").get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(admin.describeTopics(List.of(prefix + "events")).allTopicNames().get().get(prefix + "events").partitions()).hasSize(3);

        assertThat(new TopicProvisioner(admin, TIMEOUT).provision(specs)).isEmpty();
        assertThat(new TopicProvisioner(admin, TIMEOUT).check(specs)).isEmpty();
    }

    @Test
    void instancesProvisioningAtTheSameTimeBothSucceed() {
        List<TopicSpec> specs = specs(2);

        CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> new TopicProvisioner(admin, TIMEOUT).provision(specs));
        CompletableFuture<List<String>> second = CompletableFuture.supplyAsync(() -> new TopicProvisioner(admin, TIMEOUT).provision(specs));

        List<String> createdByEither = new java.util.ArrayList<>(first.join());
        createdByEither.addAll(second.join());
        assertThat(createdByEither).containsExactlyInAnyOrder(prefix + "events", prefix + "view");
    }

    @Test
    void anExistingTopicWithIncompatibleSettingsStopsStartUpNamingTopicAndSetting() throws Exception {
        admin.createTopics(List.of(
                new NewTopic(prefix + "events", 2, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(prefix + "view", 3, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();

        assertThatThrownBy(() -> new TopicProvisioner(admin, TIMEOUT).provision(specs(3)))
                .isInstanceOfSatisfying(TopicMismatchException.class, e -> assertThat(e.mismatches()).containsExactlyInAnyOrder(
                        new TopicMismatch(prefix + "events", "partitions", "3", "2"),
                        new TopicMismatch(prefix + "events", "cleanup.policy", "delete", "compact"),
                        new TopicMismatch(prefix + "events", "retention.ms", "-1", "604800000")))
                .hasMessageContaining("topic " + prefix + "events: partitions is 2, muster needs 3")
                .hasMessageContaining("topic " + prefix + "events: cleanup.policy is compact, muster needs delete");
    }

    @Test
    void aLogOfRecordWithFiniteRetentionIsRefused() throws Exception {
        admin.createTopics(List.of(
                new NewTopic(prefix + "events", 3, (short) 1).configs(Map.of("retention.ms", "86400000")),
                new NewTopic(prefix + "view", 3, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();

        assertThatThrownBy(() -> new TopicProvisioner(admin, TIMEOUT).provision(specs(3)))
                .isInstanceOf(TopicMismatchException.class)
                .hasMessageContaining("topic " + prefix + "events: retention.ms is 86400000, muster needs -1")
                .hasMessageNotContaining(prefix + "view");
    }

    @Test
    void checkReportsMissingTopicsWithoutCreatingThem() throws Exception {
        List<TopicMismatch> mismatches = new TopicProvisioner(admin, TIMEOUT).check(specs(3));

        assertThat(mismatches).containsExactlyInAnyOrder(
                new TopicMismatch(prefix + "events", "existence", "present", "missing"),
                new TopicMismatch(prefix + "view", "existence", "present", "missing"));
        assertThat(admin.listTopics().names().get()).noneMatch(name -> name.startsWith(prefix));
    }

    private List<TopicSpec> specs(int partitions) {
        return List.of(
                new TopicSpec(prefix + "events", "test log", partitions, (short) 1,
                        Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1", "min.insync.replicas", "1")),
                new TopicSpec(prefix + "view", "test view", partitions, (short) 1, Map.of("cleanup.policy", "compact")));
    }

    private Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
