package eu.muster.gateway;

import eu.muster.contract.IncidentEvent;
import eu.muster.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Submits to {@code submissions.<organisationId>} with acks=all and idempotence, keyed by incident, waiting for the broker. */
public final class KafkaSubmitter implements Submitter, AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final Duration timeout;

    /** A submitter with muster's client settings ({@code bootstrap.servers} and security) and its own durability settings. */
    public KafkaSubmitter(Map<String, Object> clientProperties, Topics topics, Duration timeout) {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.timeout = timeout;
    }

    @Override
    public void submit(String organisationId, IncidentEvent event) throws SubmissionFailedException {
        String topic = Topics.SUBMISSIONS_PREFIX + organisationId;
        byte[] value = topics.incidentEventSerde().serializer().serialize(topic, event);
        try {
            producer.send(new ProducerRecord<>(topic, event.getIncidentId(), value)).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubmissionFailedException("interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw new SubmissionFailedException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new SubmissionFailedException("no confirmation within " + timeout, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
