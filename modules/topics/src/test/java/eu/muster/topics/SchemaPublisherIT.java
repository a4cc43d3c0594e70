package eu.muster.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.broker.testing.SharedBroker;
import eu.muster.codec.SingleObjectCodec;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.SampleEvents;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedBroker.class)
class SchemaPublisherIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void schemasArePublishedOnceByFingerprintHowEverOftenMusterStarts() {
        String topic = freshSchemaTopic();
        SchemaPublisher publisher = new SchemaPublisher(client(), topic, TIMEOUT);
        Map<String, Schema> schemas = new Topics(new TopicSettings(1, (short) 1, 1)).contractSchemas();

        SchemaPublication first = publisher.publish(schemas);
        SchemaPublication second = publisher.publish(schemas);

        assertThat(first.written()).containsExactlyInAnyOrderElementsOf(schemas.keySet());
        assertThat(first.alreadyPresent()).isEmpty();
        assertThat(second.written()).isEmpty();
        assertThat(second.alreadyPresent()).containsExactlyInAnyOrderElementsOf(schemas.keySet());
        assertThat(publisher.read()).hasSameSizeAs(schemas);
    }

    @Test
    void aConsumerWithoutThisCodebaseDecodesARecordWithTheSchemaFromTheTopic() throws Exception {
        String topic = freshSchemaTopic();
        SchemaPublisher publisher = new SchemaPublisher(client(), topic, TIMEOUT);
        publisher.publish(new Topics(new TopicSettings(1, (short) 1, 1)).contractSchemas());
        IncidentEvent event = SampleEvents.everyPayloadType().get(0);
        byte[] record = SingleObjectCodec.forIncidentEvents().encode(event);

        // What any language can do: hex-encode header bytes 2..9, look the schema up, decode the rest as Avro binary.
        String fingerprint = HexFormat.of().formatHex(record, 2, 10);
        Schema writer = new Schema.Parser().parse(publisher.read().get(fingerprint));
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer)
                .read(null, DecoderFactory.get().binaryDecoder(record, 10, record.length - 10, null));

        assertThat(decoded.get("eventId").toString()).isEqualTo(event.getEventId());
        assertThat(((GenericRecord) decoded.get("payload")).getSchema().getName()).isEqualTo("RequestFiled");
        assertThat(((GenericRecord) decoded.get("payload")).get("title").toString()).isEqualTo("Ransomware at regional hospitals");
    }

    @Test
    void readingAMissingSchemaTopicSaysToProvisionFirst() {
        SchemaPublisher publisher = new SchemaPublisher(client(), "no-such-topic-" + UUID.randomUUID(), Duration.ofSeconds(5));

        assertThatThrownBy(publisher::read)
                .isInstanceOf(TopicProvisioningException.class)
                .hasMessageContaining("does not exist; provision topics first");
    }

    private static String freshSchemaTopic() {
        String topic = "schemas-" + UUID.randomUUID();
        try (Admin admin = Admin.create(client())) {
            new TopicProvisioner(admin, TIMEOUT).provision(List.of(
                    new TopicSpec(topic, "test schema topic", 1, (short) 1, Map.of("cleanup.policy", "compact"))));
        }
        return topic;
    }

    private static Map<String, Object> client() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    }
}
