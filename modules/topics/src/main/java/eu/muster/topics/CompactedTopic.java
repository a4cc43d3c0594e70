package eu.muster.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;

/**
 * A compacted topic read as a table (latest value per key) and written with acknowledged, idempotent
 * writes: how muster reads and seeds its small reference topics (schemas, organisation directory).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class CompactedTopic<K, V> {

    private final Map<String, Object> clientProperties;
    private final String topic;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Duration timeout;

    /**
     * @param clientProperties bootstrap servers and client security settings
     * @param topic            the topic
     * @param keySerde         its keys
     * @param valueSerde       its values
     * @param timeout          how long to wait for the cluster
     */
    public CompactedTopic(Map<String, Object> clientProperties, String topic, Serde<K> keySerde, Serde<V> valueSerde, Duration timeout) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = topic;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timeout = timeout;
    }

    /** The latest value of every key, read from the beginning to the end offsets at the time of the call. */
    public Map<K, V> read() {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "muster-reader-" + topic);
        Map<K, V> table = new HashMap<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(properties, keySerde.deserializer(), valueSerde.deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new TopicProvisioningException("topic " + topic + " does not exist; provision topics first", null);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new TopicProvisioningException("cannot read topic " + topic + " to its end within " + timeout, null);
                }
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        table.remove(record.key());
                    } else {
                        table.put(record.key(), record.value());
                    }
                }
            }
        }
        return table;
    }

    /** Writes every entry and returns once the cluster has acknowledged all of them. */
    public void write(Map<K, V> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "muster-writer-" + topic);
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(properties, keySerde.serializer(), valueSerde.serializer())) {
            entries.forEach((key, value) -> sends.add(producer.send(new ProducerRecord<>(topic, key, value))));
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                ClusterAnswer.await(send, timeout, "write to " + topic);
            }
        }
    }
}
