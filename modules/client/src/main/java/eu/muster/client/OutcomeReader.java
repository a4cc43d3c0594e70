package eu.muster.client;

import eu.muster.contract.SubmissionOutcome;
import eu.muster.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for outcomes on {@code submission.outcomes}: reads only the partitions the awaited eventIds
 * hash to, from a little before their submissions (or from the beginning), with a consumer of its
 * own per wait that belongs to no group and reads committed records only.
 */
final class OutcomeReader {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeReader.class);
    private static final String TOPIC = Topics.SUBMISSION_OUTCOMES;
    private static final Serializer<String> KEYS = ContractSerdes.TOPICS.idSerde().serializer();

    /** Marks a partition to be read from its first offset. */
    private static final long FROM_THE_BEGINNING = -1;
    private static final Duration LONGEST_WAIT = Duration.ofNanos(Long.MAX_VALUE / 4);

    private final MusterClientSettings settings;
    private final AtomicInteger consumers = new AtomicInteger();

    OutcomeReader(MusterClientSettings settings) {
        this.settings = settings;
    }

    /**
     * The partition of {@code submission.outcomes} the outcome of {@code eventId} is on: what Kafka's
     * default partitioner chooses for a non-null key, murmur2 of the key's bytes, made positive,
     * modulo the partition count.
     */
    static int partitionOf(String eventId, int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be at least 1, got " + partitionCount);
        }
        byte[] key = KEYS.serialize(TOPIC, eventId);
        return Utils.toPositive(Utils.murmur2(key)) % partitionCount;
    }

    /**
     * Waits until every eventId of {@code awaited} has an outcome.
     *
     * @param awaited eventId to the earliest instant its outcome can have been written (its submission's timestamp),
     *                or to null when unknown (then its partition is read from the beginning)
     * @return the outcome of every awaited eventId, in the order given
     * @throws OutcomeTimeoutException     when some have none by the deadline
     * @throws OutcomeUnavailableException when the topic does not exist or may not be read
     */
    Map<String, SubmissionOutcome> await(Map<String, Instant> awaited, Duration timeout) {
        long deadline = deadline(timeout);
        Map<String, SubmissionOutcome> found = new LinkedHashMap<>();
        Set<String> pending = new LinkedHashSet<>(awaited.keySet());
        Map<TopicPartition, Long> startedAt = new TreeMap<>(OutcomeReader::byPartition);
        Map<TopicPartition, Long> readUpTo = new TreeMap<>(OutcomeReader::byPartition);
        String lookupProblem = null;
        try (KafkaConsumer<String, SubmissionOutcome> consumer = new KafkaConsumer<>(
                settings.consumerConfig(Integer.toString(consumers.incrementAndGet())),
                ContractSerdes.TOPICS.idSerde().deserializer(), ContractSerdes.TOPICS.outcomeSerde().deserializer())) {
            int partitionCount = partitionCount(consumer, deadline);
            Map<TopicPartition, Long> searchFrom = searchFrom(awaited, partitionCount);
            // Assigned before the offset lookups, so that the consumer keeps what they learn (the last stable offset).
            consumer.assign(searchFrom.keySet());
            startedAt.putAll(startOffsets(consumer, searchFrom, deadline));
            readUpTo.putAll(startedAt);
            startedAt.forEach(consumer::seek);
            while (!pending.isEmpty()) {
                Duration left = remaining(deadline);
                if (left.isZero()) {
                    break;
                }
                ConsumerRecords<String, SubmissionOutcome> records;
                try {
                    records = consumer.poll(left);
                } catch (RecordDeserializationException e) {
                    // Someone else's problem on a shared partition: note it and read on.
                    LOG.warn("skipping an undecodable record on {} at offset {} while waiting for outcomes: {}", e.topicPartition(),
                            e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                    readUpTo.put(e.topicPartition(), e.offset() + 1);
                    continue;
                }
                for (ConsumerRecord<String, SubmissionOutcome> record : records) {
                    readUpTo.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    if (record.value() != null && awaited.containsKey(record.key())) {
                        // A later record for the same eventId (a resubmission, duplicates counted) replaces an earlier one.
                        found.put(record.key(), record.value());
                        pending.remove(record.key());
                    }
                }
            }
        } catch (TimeoutException e) {
            lookupProblem = "the cluster did not answer the lookups before reading (" + e.getMessage() + ")";
        } catch (AuthorizationException | AuthenticationException e) {
            throw unavailable(e);
        } catch (KafkaException e) {
            if (e.getCause() instanceof AuthorizationException || e.getCause() instanceof AuthenticationException) {
                throw unavailable(e.getCause());
            }
            throw e;
        }
        if (!pending.isEmpty()) {
            throw timedOut(pending, awaited.size(), timeout, found, startedAt, readUpTo, lookupProblem);
        }
        Map<String, SubmissionOutcome> inOrder = new LinkedHashMap<>();
        awaited.keySet().forEach(eventId -> inOrder.put(eventId, found.get(eventId)));
        return inOrder;
    }

    private static int partitionCount(KafkaConsumer<String, SubmissionOutcome> consumer, long deadline) {
        List<PartitionInfo> partitions = consumer.partitionsFor(TOPIC, remaining(deadline));
        if (partitions == null || partitions.isEmpty()) {
            throw new OutcomeUnavailableException(TOPIC, "the topic does not exist on this cluster; muster creates it when it starts", null);
        }
        return partitions.size();
    }

    /**
     * The partitions to read, each with the earliest record timestamp any of its awaited outcomes can
     * carry, or {@link #FROM_THE_BEGINNING} when one of them has no known submission time.
     */
    private Map<TopicPartition, Long> searchFrom(Map<String, Instant> awaited, int partitionCount) {
        Map<TopicPartition, Long> from = new HashMap<>();
        awaited.forEach((eventId, submittedAt) -> {
            long earliest = submittedAt == null ? FROM_THE_BEGINNING
                    : Math.max(0, submittedAt.minus(settings.outcomeLookback()).toEpochMilli());
            from.merge(new TopicPartition(TOPIC, partitionOf(eventId, partitionCount)), earliest, Math::min);
        });
        return from;
    }

    /** Where to start reading each partition: the first offset whose record may be an awaited outcome. */
    private static Map<TopicPartition, Long> startOffsets(KafkaConsumer<String, SubmissionOutcome> consumer,
            Map<TopicPartition, Long> searchFrom, long deadline) {
        Set<TopicPartition> fromBeginning = new LinkedHashSet<>();
        Map<TopicPartition, Long> fromTime = new HashMap<>();
        searchFrom.forEach((partition, earliest) -> {
            if (earliest == FROM_THE_BEGINNING) {
                fromBeginning.add(partition);
            } else {
                fromTime.put(partition, earliest);
            }
        });
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (!fromBeginning.isEmpty()) {
            offsets.putAll(consumer.beginningOffsets(fromBeginning, remaining(deadline)));
        }
        if (!fromTime.isEmpty()) {
            // The end first: an outcome written after this lookup is at or beyond it, so nothing is missed when
            // no record is yet as recent as the time sought.
            Map<TopicPartition, Long> ends = consumer.endOffsets(fromTime.keySet(), remaining(deadline));
            Map<TopicPartition, OffsetAndTimestamp> byTime = consumer.offsetsForTimes(fromTime, remaining(deadline));
            for (TopicPartition partition : fromTime.keySet()) {
                OffsetAndTimestamp at = byTime.get(partition);
                offsets.put(partition, at == null ? ends.get(partition) : at.offset());
            }
        }
        return offsets;
    }

    private static OutcomeUnavailableException unavailable(Throwable cause) {
        String why = cause instanceof AuthenticationException
                ? "authentication with the broker failed; check the TLS/SASL properties"
                : "the client's principal may not read it; muster's operators grant READ on " + TOPIC + " to submitters";
        return new OutcomeUnavailableException(TOPIC, why + " (" + cause.getMessage() + ")", cause);
    }

    private static OutcomeTimeoutException timedOut(Set<String> pending, int awaitedCount, Duration timeout,
            Map<String, SubmissionOutcome> found, Map<TopicPartition, Long> startedAt, Map<TopicPartition, Long> readUpTo,
            String lookupProblem) {
        String which = pending.size() == 1 && awaitedCount == 1
                ? "eventId " + pending.iterator().next()
                : pending.size() + " of " + awaitedCount + " eventIds " + pending;
        String where = lookupProblem != null ? lookupProblem
                : startedAt.keySet().stream()
                        .map(p -> "partition " + p.partition() + " offsets " + startedAt.get(p) + " to " + readUpTo.get(p))
                        .collect(Collectors.joining(", ", "read ", ""));
        return new OutcomeTimeoutException("no outcome for " + which + " on topic " + TOPIC + " within " + readable(timeout) + " ("
                + where + "); muster may be down or behind, the submission is not lost: wait again or look the outcome up later",
                pending, timeout, found);
    }

    private static int byPartition(TopicPartition a, TopicPartition b) {
        return Integer.compare(a.partition(), b.partition());
    }

    /** The deadline on {@link System#nanoTime()}'s scale; compare by subtraction only, it may wrap. */
    private static long deadline(Duration timeout) {
        // About 73 years at most, so that differences of nanoTime values stay exact.
        Duration capped = timeout.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : timeout;
        return System.nanoTime() + capped.toNanos();
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** A duration as a duty officer reads it: "2h 5m", "12m 30s", "450ms", "0s". */
    static String readable(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toHours(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.length() == 0 ? duration.toString() : text.toString().trim();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit).append(' ');
        }
    }
}
