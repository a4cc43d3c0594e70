package eu.muster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.contract.Organisation;
import eu.muster.contract.OrganisationRole;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MusterClientSettingsTest {

    private static final Organisation DE_BSI = MockSubmissions.DE_BSI;
    private static final Organisation ENISA = Organisation.newBuilder().setId("enisa").setRole(OrganisationRole.ENISA).setMemberState(null).build();

    @Test
    void theProducerWritesIdempotentlyWithAcksAllToTheOrganisationsTopic() {
        MusterClientSettings settings = MusterClientSettings.of(DE_BSI, "kafka-1.example.eu:9093");

        assertThat(settings.producerConfig())
                .containsEntry("bootstrap.servers", "kafka-1.example.eu:9093")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("client.id", "muster-client-de-bsi");
        assertThat(settings.submissionTopic()).isEqualTo("submissions.de-bsi");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "acks, 1",
            "acks, 0",
            "enable.idempotence, false",
            "retries, 0",
            "max.in.flight.requests.per.connection, 6",
            "partitioner.ignore.keys, true",
            "isolation.level, read_uncommitted",
    })
    void refusesSettingsThatWeakenDelivery(String name, String value) {
        Map<String, Object> properties = Map.of("bootstrap.servers", MockSubmissions.NOWHERE, name, value);

        assertThatThrownBy(() -> MusterClientSettings.of(DE_BSI, properties))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name + "=" + value)
                .hasMessageContaining("weaken delivery");
        MusterClientSettings valid = MusterClientSettings.of(DE_BSI, MockSubmissions.NOWHERE);
        assertThatThrownBy(() -> valid.withKafkaProperty(name, value)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }

    @ParameterizedTest
    @CsvSource({
            "transactional.id, submitter-1",
            "partitioner.class, org.apache.kafka.clients.producer.RoundRobinPartitioner",
            "key.serializer, org.apache.kafka.common.serialization.StringSerializer",
            "value.serializer, org.apache.kafka.common.serialization.ByteArraySerializer",
            "value.deserializer, org.apache.kafka.common.serialization.ByteArrayDeserializer",
    })
    void refusesSettingsTheClientOwns(String name, String value) {
        assertThatThrownBy(() -> MusterClientSettings.of(DE_BSI, MockSubmissions.NOWHERE).withKafkaProperty(name, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("set by the muster client itself");
    }

    @Test
    void acceptsTheSettingsThatKeepDeliveryAsStrong() {
        MusterClientSettings settings = MusterClientSettings.of(DE_BSI, MockSubmissions.NOWHERE)
                .withKafkaProperty("acks", "-1")
                .withKafkaProperty("enable.idempotence", true)
                .withKafkaProperty("retries", 10)
                .withKafkaProperty("max.in.flight.requests.per.connection", 5)
                .withKafkaProperty("isolation.level", "READ_COMMITTED");

        assertThat(settings.producerConfig()).containsEntry("acks", "all").containsEntry("retries", 10);
    }

    @Test
    void passesSecurityAndUnknownPropertiesThroughAndGivesEachClientOnlyItsOwn() {
        MusterClientSettings settings = MusterClientSettings.of(DE_BSI, MockSubmissions.NOWHERE)
                .withKafkaProperty("security.protocol", "SASL_SSL")
                .withKafkaProperty("sasl.mechanism", "SCRAM-SHA-512")
                .withKafkaProperty("ssl.truststore.location", "/etc/muster/truststore.p12")
                .withKafkaProperty("custom.login.option", "x")
                .withKafkaProperty("linger.ms", 5)
                .withKafkaProperty("fetch.max.bytes", 1048576)
                .withKafkaProperty("group.id", "someone-elses-group")
                .withKafkaProperty("enable.auto.commit", true);

        Map<String, Object> producer = settings.producerConfig();
        Map<String, Object> consumer = settings.consumerConfig("1");
        for (Map<String, Object> config : java.util.List.of(producer, consumer, settings.adminConfig("1"))) {
            assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/etc/muster/truststore.p12")
                    .containsEntry("custom.login.option", "x")
                    .doesNotContainKey("group.id");
        }
        assertThat(producer).containsEntry("linger.ms", 5).doesNotContainKey("fetch.max.bytes");
        assertThat(consumer).containsEntry("fetch.max.bytes", 1048576).doesNotContainKey("linger.ms")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("client.id", "muster-client-de-bsi-outcomes-1");
    }

    @Test
    void readsAClientPropertiesFile() {
        Properties file = new Properties();
        file.setProperty("bootstrap.servers", "kafka-1.example.eu:9093");
        file.setProperty("security.protocol", "SSL");

        MusterClientSettings settings = MusterClientSettings.of(ENISA, file);

        assertThat(settings.kafkaProperties()).containsEntry("security.protocol", "SSL").containsEntry("bootstrap.servers", "kafka-1.example.eu:9093");
        assertThat(settings.submissionTopic()).isEqualTo("submissions.enisa");
    }

    @Test
    void refusesAnIncompleteOrganisationOrConnection() {
        assertThatThrownBy(() -> MusterClientSettings.of(null, MockSubmissions.NOWHERE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("organisation");
        assertThatThrownBy(() -> MusterClientSettings.of(new Organisation("DE_BSI", OrganisationRole.NCA, "DE"), MockSubmissions.NOWHERE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("organisation.id 'DE_BSI'");
        assertThatThrownBy(() -> MusterClientSettings.of(new Organisation("de-bsi", null, "DE"), MockSubmissions.NOWHERE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("organisation.role");
        assertThatThrownBy(() -> MusterClientSettings.of(new Organisation("de-bsi", OrganisationRole.NCA, "de"), MockSubmissions.NOWHERE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("organisation.memberState");
        assertThatThrownBy(() -> MusterClientSettings.of(DE_BSI, Map.of("security.protocol", "SSL")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> MusterClientSettings.of(DE_BSI, MockSubmissions.NOWHERE).withOutcomeLookback(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outcomeLookback");
    }

    @Test
    void keepsItsOwnCopyOfTheOrganisation() {
        Organisation mutable = new Organisation("de-bsi", OrganisationRole.NCA, "DE");
        MusterClientSettings settings = MusterClientSettings.of(mutable, MockSubmissions.NOWHERE);

        mutable.setMemberState("FR");

        assertThat(settings.organisation().getMemberState()).isEqualTo("DE");
    }

    @Test
    void neverPrintsItsSecrets() {
        MusterClientSettings settings = MusterClientSettings.of(DE_BSI, MockSubmissions.NOWHERE)
                .withKafkaProperty("ssl.keystore.password", "s3cret");

        assertThat(settings.toString()).contains("de-bsi").doesNotContain("s3cret");
    }

    @Test
    void kafkaAcceptsTheProducerConfiguration() {
        // A real KafkaProducer validates its configuration on construction; it connects only when used.
        try (MusterClient client = new MusterClient(MusterClientSettings.of(DE_BSI, MockSubmissions.NOWHERE)
                .withKafkaProperty("linger.ms", 5).withKafkaProperty("custom.login.option", "x"))) {
            assertThat(client.submissionTopic()).isEqualTo("submissions.de-bsi");
        }
    }
}
