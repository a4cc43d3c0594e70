package eu.muster.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the contract's schemas to the compacted schema topic, keyed by fingerprint (hex, in the
 * byte order of the single-object header) with the schema's JSON as value, so that a consumer in
 * any language can decode the log without this codebase. Idempotent: a schema already on the topic
 * is not written again.
 */
public final class SchemaPublisher {

    private final Map<String, Object> clientProperties;
    private final String topic;
    private final Duration timeout;

    /**
     * @param clientProperties bootstrap servers and client security settings
     * @param topic            the schema topic
     * @param timeout          how long to wait for the cluster
     */
    public SchemaPublisher(Map<String, Object> clientProperties, String topic, Duration timeout) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = topic;
        this.timeout = timeout;
    }

    /**
     * Writes every schema the topic lacks.
     *
     * @param schemas schemas by fingerprint hex
     * @return which fingerprints were written and which were already there
     */
    public SchemaPublication publish(Map<String, Schema> schemas) {
        Map<String, String> present = read();
        List<String> written = new ArrayList<>();
        List<String> alreadyPresent = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer())) {
            for (Map.Entry<String, Schema> schema : schemas.entrySet()) {
                if (present.containsKey(schema.getKey())) {
                    alreadyPresent.add(schema.getKey());
                } else {
                    sends.add(producer.send(new ProducerRecord<>(topic, schema.getKey(), schema.getValue().toString())));
                    written.add(schema.getKey());
                }
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                ClusterAnswer.await(send, timeout, "write a schema to " + topic);
            }
        }
        return new SchemaPublication(List.copyOf(written), List.copyOf(alreadyPresent));
    }

    /** The schema topic's current content: fingerprint hex to schema JSON, the latest value per key. */
    public Map<String, String> read() {
        Map<String, String> schemas = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new TopicProvisioningException("schema topic " + topic + " does not exist; provision topics first", null);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (!caughtUp(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new TopicProvisioningException("cannot read schema topic " + topic + " to its end within " + timeout, null);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        schemas.remove(record.key());
                    } else {
                        schemas.put(record.key(), record.value());
                    }
                }
            }
        }
        return schemas;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "muster-schema-publisher");
        return properties;
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "muster-schema-reader");
        return properties;
    }
}
