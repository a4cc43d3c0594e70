package eu.muster.app;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.OutcomeStatus;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.topics.TopicSettings;
import eu.muster.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes submissions to the organisations' topics as producers do, and reads their outcomes back. */
final class Submissions implements AutoCloseable {

    static final Topics TOPICS = new Topics(new TopicSettings(2, (short) 1, 1));

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    Submissions(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /** Submits on the producer's own topic and returns once the broker has it. */
    void submit(IncidentEvent event) {
        send(event.getProducer().getId(), event.getIncidentId(),
                TOPICS.incidentEventSerde().serializer().serialize(Topics.SUBMISSIONS_PREFIX, event));
    }

    void send(String organisationId, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.SUBMISSIONS_PREFIX + organisationId, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot submit to " + Topics.SUBMISSIONS_PREFIX + organisationId, e.getCause());
        }
    }

    /** The latest outcome of every eventId decided so far. */
    Map<String, SubmissionOutcome> outcomes() {
        Map<String, SubmissionOutcome> outcomes = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicContents.read(bootstrapServers, Topics.SUBMISSION_OUTCOMES)) {
            outcomes.put(record.key(), TOPICS.outcomeSerde().deserializer().deserialize(Topics.SUBMISSION_OUTCOMES, record.value()));
        }
        return outcomes;
    }

    /** Waits until every one of {@code eventIds} has an outcome. */
    Map<String, SubmissionOutcome> awaitOutcomes(Set<String> eventIds, Duration within) {
        Instant deadline = Instant.now().plus(within);
        Map<String, SubmissionOutcome> outcomes = outcomes();
        while (!outcomes.keySet().containsAll(eventIds)) {
            if (Instant.now().isAfter(deadline)) {
                long missing = eventIds.stream().filter(id -> !outcomes.containsKey(id)).count();
                throw new AssertionError(missing + " of " + eventIds.size() + " submissions have no outcome after " + within);
            }
            outcomes.putAll(outcomes());
        }
        return outcomes;
    }

    static boolean accepted(SubmissionOutcome outcome) {
        return outcome.getStatus() == OutcomeStatus.ACCEPTED;
    }

    @Override
    public void close() {
        producer.close();
    }
}
