package eu.muster.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows topics from their current end, committed records only, on a thread of its own, and hands
 * every record to a handler: how the benchmark sees decisions, views and alerts as a dashboard's
 * feed would. No consumer group, nothing committed. A failure (of Kafka or of the handler) stops the
 * tail and is reported by {@link #failure()}, and every waiting caller checks it.
 */
final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile RuntimeException failure;
    private volatile boolean closing;

    private TopicTail(String bootstrapServers, List<String> topics, Consumer<ConsumerRecord<byte[], byte[]>> handler, String name) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "muster-bench-" + name);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // A record is handed over as soon as it is committed: this is a latency measurement, not a bulk read.
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(() -> run(topics, handler), "muster-bench-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts following {@code topics} from their end; returns once the positions are taken, so nothing later is missed. */
    static TopicTail follow(String bootstrapServers, List<String> topics, Consumer<ConsumerRecord<byte[], byte[]>> handler, String name) {
        TopicTail tail = new TopicTail(bootstrapServers, topics, handler, name);
        tail.thread.start();
        try {
            if (!tail.positioned.await(60, TimeUnit.SECONDS)) {
                tail.close();
                throw new IllegalStateException("could not find the ends of " + topics + " within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tail.close();
            throw new IllegalStateException("interrupted while positioning on " + topics, e);
        }
        tail.check();
        return tail;
    }

    private void run(List<String> topics, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " does not exist");
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            ends.forEach(consumer::seek);
            partitions.forEach(consumer::position); // resolve now, before anyone sends
            positioned.countDown();
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    handler.accept(record);
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                failure = new IllegalStateException("the tail of " + topics + " was woken unexpectedly", e);
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            positioned.countDown();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Throws what stopped the tail, if anything did. */
    void check() {
        RuntimeException stopped = failure;
        if (stopped != null) {
            throw new IllegalStateException("following a topic failed: " + stopped.getMessage(), stopped);
        }
    }

    /** Whether the tail is still following. */
    boolean running() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        closing = true;
        if (thread.isAlive()) {
            consumer.wakeup();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
