package eu.muster.client;

import eu.muster.contract.DeploymentStarted;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.MsspMatched;
import eu.muster.contract.OrganisationRole;
import eu.muster.contract.OutcomeStatus;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Plays muster's processor for the worked example, with a handful of its lifecycle rules: reads the
 * submission topics, decides, and writes each outcome to {@code submission.outcomes} in a
 * transaction, timed by its own clock. A resubmitted eventId gets its first outcome again with
 * {@code duplicates} counted.
 */
final class StandInProcessor implements AutoCloseable {

    private final KafkaConsumer<String, IncidentEvent> consumer;
    private final KafkaProducer<String, SubmissionOutcome> producer;
    private final Thread worker;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Map<String, SubmissionOutcome> outcomes = new HashMap<>();
    private final Map<String, Incident> incidents = new HashMap<>();

    private volatile boolean running = true;

    private static final class Incident {
        long sequence;
        String matchedMssp;
        final Set<String> deployments = new HashSet<>();
    }

    StandInProcessor(List<String> organisationIds) {
        Map<String, Object> consumerConfig = new HashMap<>(BrokerTopics.connection());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(consumerConfig, BrokerTopics.TOPICS.incidentIdSerde().deserializer(),
                BrokerTopics.TOPICS.incidentEventSerde().deserializer());
        List<TopicPartition> partitions = organisationIds.stream()
                .flatMap(id -> consumer.partitionsFor(Topics.SUBMISSIONS_PREFIX + id, BrokerTopics.TIMEOUT).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<String, Object> producerConfig = new HashMap<>(BrokerTopics.connection());
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "stand-in-processor-" + UUID.randomUUID());
        producer = new KafkaProducer<>(producerConfig, BrokerTopics.TOPICS.idSerde().serializer(), BrokerTopics.TOPICS.outcomeSerde().serializer());
        producer.initTransactions();
        worker = new Thread(this::run, "stand-in-processor");
        worker.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, IncidentEvent> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                producer.beginTransaction();
                for (ConsumerRecord<String, IncidentEvent> record : records) {
                    SubmissionOutcome outcome = decide(record.value(), Topics.organisationOf(record.topic()));
                    producer.send(new ProducerRecord<>(Topics.SUBMISSION_OUTCOMES, outcome.getEventId(), outcome));
                }
                producer.commitTransaction();
            }
        } catch (WakeupException stopping) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            consumer.close();
            producer.close();
        }
    }

    private SubmissionOutcome decide(IncidentEvent event, String topicOrganisation) {
        SubmissionOutcome first = outcomes.get(event.getEventId());
        if (first != null) {
            SubmissionOutcome again = SubmissionOutcome.newBuilder(first).setDuplicates(first.getDuplicates() + 1).build();
            outcomes.put(event.getEventId(), again);
            return again;
        }
        SubmissionOutcome outcome = rule(event, topicOrganisation);
        outcomes.put(event.getEventId(), outcome);
        return outcome;
    }

    private SubmissionOutcome rule(IncidentEvent event, String topicOrganisation) {
        String producerId = event.getProducer().getId();
        if (!producerId.equals(topicOrganisation)) {
            return rejected(event, RejectionReason.PRODUCER_MISMATCH, "producer-is-the-topic-owner",
                    "it claims to be '" + producerId + "' but the submission topic belongs to '" + topicOrganisation + "'");
        }
        Incident incident = incidents.get(event.getIncidentId());
        if (event.getPayload() instanceof RequestFiled) {
            if (incident != null) {
                return rejected(event, RejectionReason.DUPLICATE_REQUEST, "request-comes-once", "the incident was already requested");
            }
            incident = new Incident();
            incidents.put(event.getIncidentId(), incident);
            return accepted(event, incident);
        }
        if (incident == null) {
            return rejected(event, RejectionReason.INCIDENT_NOT_REQUESTED, "request-comes-first", "no request opened this incident");
        }
        if (event.getPayload() instanceof MsspMatched match) {
            if (event.getProducer().getRole() != OrganisationRole.ENISA) {
                return rejected(event, RejectionReason.ROLE_NOT_PERMITTED, "match-comes-from-enisa", "only ENISA matches providers");
            }
            incident.matchedMssp = match.getMsspId();
        } else if (event.getPayload() instanceof DeploymentStarted deployment) {
            if (incident.matchedMssp == null) {
                return rejected(event, RejectionReason.NOT_MATCHED, "deployment-needs-match", "no MSSP is matched to this incident yet");
            }
            if (!incident.matchedMssp.equals(producerId)) {
                return rejected(event, RejectionReason.NOT_MATCHED_MSSP, "deployment-by-matched-mssp",
                        "the incident's matched MSSP is " + incident.matchedMssp);
            }
            if (!incident.deployments.add(deployment.getDeploymentId())) {
                return rejected(event, RejectionReason.DUPLICATE_DEPLOYMENT, "deployment-ids-are-unique",
                        "deployment " + deployment.getDeploymentId() + " was already started");
            }
        }
        return accepted(event, incident);
    }

    private static SubmissionOutcome accepted(IncidentEvent event, Incident incident) {
        incident.sequence++;
        return SubmissionOutcome.newBuilder()
                .setEventId(event.getEventId()).setIncidentId(event.getIncidentId()).setStatus(OutcomeStatus.ACCEPTED)
                .setSequence(incident.sequence).setReason(null).setMessage(null).setRule(null)
                .setDecidedAt(Instant.now()).setDuplicates(0).build();
    }

    private static SubmissionOutcome rejected(IncidentEvent event, RejectionReason reason, String rule, String message) {
        return SubmissionOutcome.newBuilder()
                .setEventId(event.getEventId()).setIncidentId(event.getIncidentId()).setStatus(OutcomeStatus.REJECTED)
                .setSequence(null).setReason(reason).setMessage(message).setRule(rule)
                .setDecidedAt(Instant.now()).setDuplicates(0).build();
    }

    /** Stops the worker and fails when it had failed. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        worker.join(BrokerTopics.TIMEOUT.toMillis());
        if (worker.isAlive()) {
            throw new IllegalStateException("the stand-in processor did not stop within " + BrokerTopics.TIMEOUT);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the stand-in processor failed", failure.get());
        }
    }
}
