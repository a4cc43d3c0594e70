package eu.muster.client;

import eu.muster.contract.OutcomeStatus;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * Writes outcomes to {@code submission.outcomes} the way muster's processor does: key eventId,
 * Kafka's default partitioner, optionally inside a transaction.
 */
final class OutcomeWriter implements AutoCloseable {

    private final KafkaProducer<String, SubmissionOutcome> producer;
    private final boolean transactional;

    private OutcomeWriter(boolean transactional) {
        Map<String, Object> config = new HashMap<>(BrokerTopics.connection());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactional) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "outcome-writer-" + UUID.randomUUID());
        }
        this.producer = new KafkaProducer<>(config, BrokerTopics.TOPICS.idSerde().serializer(), BrokerTopics.TOPICS.outcomeSerde().serializer());
        this.transactional = transactional;
        if (transactional) {
            producer.initTransactions();
        }
    }

    /** Writes each outcome as it comes, outside transactions. */
    static OutcomeWriter plain() {
        return new OutcomeWriter(false);
    }

    /** Writes outcomes inside transactions, as muster's exactly-once processor does. */
    static OutcomeWriter transactional() {
        return new OutcomeWriter(true);
    }

    /** Writes the outcome now, with the current time as the record's timestamp. */
    RecordMetadata write(SubmissionOutcome outcome) {
        return write(outcome, null);
    }

    /** Writes the outcome with the given record timestamp (the processor's clock at its decision). */
    RecordMetadata write(SubmissionOutcome outcome, Instant timestamp) {
        try {
            return producer.send(new ProducerRecord<>(Topics.SUBMISSION_OUTCOMES, null, timestamp == null ? null : timestamp.toEpochMilli(),
                    outcome.getEventId(), outcome)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write the outcome of " + outcome.getEventId(), e.getCause());
        }
    }

    /** Writes the outcomes in one transaction and commits it, or aborts it when {@code commit} is false. */
    void writeInTransaction(List<SubmissionOutcome> outcomes, boolean commit) {
        if (!transactional) {
            throw new IllegalStateException("not a transactional writer");
        }
        producer.beginTransaction();
        outcomes.forEach(o -> producer.send(new ProducerRecord<>(Topics.SUBMISSION_OUTCOMES, o.getEventId(), o)));
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush();
            producer.abortTransaction();
        }
    }

    /** Writes {@code count} accepted outcomes of other eventIds that land on the same partition as {@code eventId}. */
    List<String> writeNeighboursOf(String eventId, int count) {
        List<String> neighbours = neighboursOf(eventId, count);
        neighbours.forEach(other -> write(accepted(other, UUID.randomUUID().toString(), 1)));
        return neighbours;
    }

    /** {@code count} fresh eventIds whose outcomes share the partition of {@code eventId}'s outcome. */
    static List<String> neighboursOf(String eventId, int count) {
        int partition = partitionOf(eventId);
        List<String> neighbours = new ArrayList<>();
        while (neighbours.size() < count) {
            String candidate = UUID.randomUUID().toString();
            if (partitionOf(candidate) == partition) {
                neighbours.add(candidate);
            }
        }
        return neighbours;
    }

    /** The outcome partition by Kafka's own partitioner code, independent of the client's computation. */
    static int partitionOf(String eventId) {
        return BuiltInPartitioner.partitionForKey(eventId.getBytes(StandardCharsets.UTF_8), BrokerTopics.PARTITIONS);
    }

    static SubmissionOutcome accepted(String eventId, String incidentId, long sequence) {
        return SubmissionOutcome.newBuilder()
                .setEventId(eventId).setIncidentId(incidentId).setStatus(OutcomeStatus.ACCEPTED).setSequence(sequence)
                .setReason(null).setMessage(null).setRule(null).setDecidedAt(Instant.now()).setDuplicates(0).build();
    }

    static SubmissionOutcome rejected(String eventId, String incidentId, RejectionReason reason, String rule, String message) {
        return SubmissionOutcome.newBuilder()
                .setEventId(eventId).setIncidentId(incidentId).setStatus(OutcomeStatus.REJECTED).setSequence(null)
                .setReason(reason).setMessage(message).setRule(rule).setDecidedAt(Instant.now()).setDuplicates(0).build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
