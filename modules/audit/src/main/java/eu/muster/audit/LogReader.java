package eu.muster.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its first record to where it ended when the read began, each partition
 * in offset order, with read-only means: no consumer group, no committed offset, nothing
 * written. An auditor's credentials need only READ and DESCRIBE on the topic. Records written after
 * the read began are not read, so a run has a definite end.
 */
public final class LogReader {

    /** Receives each record. */
    @FunctionalInterface
    public interface RecordHandler {
        /**
         * Handles one record; {@code read} records have been read so far, this one included, of at most {@code total}:
         * the offsets to read, of which transaction markers take some without being records.
         */
        void handle(ConsumerRecord<String, byte[]> record, long read, long total);
    }

    private final Map<String, Object> clientProperties;
    private final Duration timeout;

    /**
     * @param clientProperties how to reach the cluster (bootstrap servers, security)
     * @param timeout          how long the cluster may take to answer one request
     */
    public LogReader(Map<String, Object> clientProperties, Duration timeout) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.timeout = timeout;
    }

    /**
     * Reads {@code topic} up to its current end, or up to (not including) {@code until} where given per
     * partition, calling {@code handler} for each record: each partition's in offset order, the partitions
     * interleaved as they arrive.
     *
     * @return the extent read: first and last offsets per partition
     * @throws IllegalArgumentException when the topic does not exist
     */
    public Extent read(String topic, Map<Integer, Long> until, RecordHandler handler) {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "muster-audit");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // asking for a missing topic must not create it
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("topic " + topic + " does not exist or is not visible to these credentials");
            }
            List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            // Assigned before the offsets are asked for: a read_committed consumer asked about partitions it does not hold warns for each.
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            until.forEach((partition, offset) -> {
                TopicPartition tp = new TopicPartition(topic, partition);
                if (!end.containsKey(tp)) {
                    throw new IllegalArgumentException(topic + " has no partition " + partition);
                }
                end.put(tp, Math.min(end.get(tp), offset));
            });
            long total = partitions.stream().mapToLong(tp -> Math.max(0, end.get(tp) - begin.get(tp))).sum();
            long read = 0;
            Map<TopicPartition, long[]> seen = new HashMap<>(); // first and last offset read per partition
            partitions.forEach(tp -> seen.put(tp, new long[] {-1, -1}));
            // All partitions at once, each read in offset order; a partition is paused once it reaches where the read stops.
            partitions.forEach(tp -> consumer.seek(tp, begin.get(tp)));
            List<TopicPartition> open = new ArrayList<>(partitions);
            while (!open.isEmpty()) {
                // Transaction markers and aborted records take offsets without being returned: the position, not the last record, says when the end is reached.
                List<TopicPartition> finished = open.stream().filter(tp -> consumer.position(tp, timeout) >= end.get(tp)).toList();
                consumer.pause(finished);
                open.removeAll(finished);
                if (open.isEmpty()) {
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(tp)) {
                        continue; // past an --until bound: not part of this read
                    }
                    read++;
                    long[] offsets = seen.get(tp);
                    offsets[0] = offsets[0] < 0 ? record.offset() : offsets[0];
                    offsets[1] = record.offset();
                    handler.handle(record, read, total);
                }
            }
            List<Extent.Partition> extents = partitions.stream()
                    .map(tp -> new Extent.Partition(tp.partition(), seen.get(tp)[0], seen.get(tp)[1])).toList();
            return new Extent(topic, List.copyOf(extents), read);
        }
    }

    /**
     * What a read covered.
     *
     * @param topic      the topic
     * @param partitions per partition, the first and last offset read (-1 when none)
     * @param records    records read
     */
    public record Extent(String topic, List<Partition> partitions, long records) {

        /** Validates. */
        public Extent {
            Objects.requireNonNull(topic, "topic");
        }

        /**
         * One partition's part.
         *
         * @param partition the partition
         * @param first     the first offset read, -1 when none
         * @param last      the last offset read, -1 when none
         */
        public record Partition(int partition, long first, long last) {
        }
    }
}
