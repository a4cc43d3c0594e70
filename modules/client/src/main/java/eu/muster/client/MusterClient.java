package eu.muster.client;

import eu.muster.codec.EventEncodingException;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.MsspMatched;
import eu.muster.contract.DeploymentStarted;
import eu.muster.contract.DeploymentEnded;
import eu.muster.contract.PhaseChanged;
import eu.muster.contract.ParticipantJoined;
import eu.muster.contract.SituationReported;
import eu.muster.contract.SituationReportAcknowledged;
import eu.muster.contract.MutualAssistanceRequested;
import eu.muster.contract.MutualAssistanceOffered;
import eu.muster.contract.MutualAssistanceOfferDecided;
import eu.muster.contract.MutualAssistanceFulfilled;
import eu.muster.contract.IncidentReclassified;
import eu.muster.contract.RequestWithdrawn;
import eu.muster.contract.IncidentClosed;
import eu.muster.contract.PostIncidentReviewFiled;
import eu.muster.contract.SubmissionOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits incident events to muster for one organisation and waits for their outcomes.
 *
 * <p><b>Submitting.</b> The client owns one Kafka producer with {@code enable.idempotence=true} and
 * {@code acks=all}, writing to the organisation's submission topic {@code submissions.<organisationId>}
 * with the incident id as key and the {@link IncidentEvent} envelope as value, in muster's encoding.
 * {@link #submit(EventDraft)} returns a {@link SubmissionReceipt} only once the broker has the record on
 * every in-sync replica; a write that did not succeed is a {@link SubmissionFailedException} naming the
 * topic and the cause. Delivery is at least once: after a failure whose record
 * {@linkplain SubmissionFailure#mayHaveBeenWritten() may have been stored}, submit the same draft (or
 * the same eventId) again; muster records an eventId once.
 *
 * <p><b>Outcomes.</b> muster's processor decides every submission and writes the outcome, keyed by
 * eventId, to {@code submission.outcomes}. {@link #awaitOutcome(SubmissionReceipt, Duration)} reads
 * only the partition the eventId hashes to, from shortly before the submission, until the outcome
 * appears or the time is up ({@link OutcomeTimeoutException}). It needs read access to that topic
 * but no consumer group.
 *
 * <p><b>Threads.</b> A client is thread-safe and meant to be shared and kept for the life of the
 * application: submissions from all threads share its producer, and every wait for an outcome uses a
 * consumer of its own, so waits do not block one another. Close it when done; closing waits for
 * submissions still in flight.
 *
 * <pre>{@code
 * try (MusterClient client = new MusterClient(MusterClientSettings.of(organisation, "kafka.example.eu:9093"))) {
 *     SubmissionReceipt receipt = client.submit(client.event(MusterClient.newIncidentId(), request));
 *     SubmissionOutcome outcome = client.awaitOutcome(receipt, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class MusterClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MusterClient.class);
    /** How long a failed submission's diagnosis may ask the cluster whether the topic exists. */
    private static final Duration DIAGNOSIS_TIMEOUT = Duration.ofSeconds(5);

    private final MusterClientSettings settings;
    private final Organisation organisation;
    private final String topic;
    private final Producer<String, IncidentEvent> producer;
    private final OutcomeReader outcomes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger diagnoses = new AtomicInteger();

    /**
     * Connects nothing yet: the producer connects on the first submission, and each wait for an
     * outcome connects its own consumer.
     *
     * @param settings the organisation and the Kafka connection
     * @throws IllegalArgumentException when {@code settings} is null
     * @throws org.apache.kafka.common.KafkaException when Kafka refuses the properties (an unknown
     *         {@code security.protocol}, say)
     */
    public MusterClient(MusterClientSettings settings) {
        this(Identifiers.requirePresent("settings", settings), new KafkaProducer<>(settings.producerConfig(),
                ContractSerdes.TOPICS.incidentIdSerde().serializer(), ContractSerdes.TOPICS.incidentEventSerde().serializer()));
    }

    /** A client on a producer of the caller's choosing, for tests (MockProducer). */
    MusterClient(MusterClientSettings settings, Producer<String, IncidentEvent> producer) {
        this.settings = settings;
        this.organisation = settings.organisation();
        this.topic = settings.submissionTopic();
        this.producer = producer;
        this.outcomes = new OutcomeReader(settings);
        LOG.info("muster client for {} ({}, {}) submits to {}", organisation.getId(), organisation.getRole(),
                organisation.getMemberState() == null ? "no member state" : organisation.getMemberState(), topic);
    }

    /** A new incident id: a random UUID in lower case, for the {@link RequestFiled} that opens an incident. */
    public static String newIncidentId() {
        return Identifiers.newId();
    }

    /** A new event id: a random UUID in lower case. Drafts get one of their own; this is for systems that keep their own. */
    public static String newEventId() {
        return Identifiers.newId();
    }

    /** The organisation this client speaks for, named as producer in every envelope (a copy). */
    public Organisation organisation() {
        return MusterClientSettings.copyOf(organisation);
    }

    /** The organisation's submission topic, {@code submissions.<organisationId>}. */
    public String submissionTopic() {
        return topic;
    }

    /** The settings the client was made with. */
    public MusterClientSettings settings() {
        return settings;
    }

    /**
     * Drafts a {@link RequestFiled} event:
     * a member state's request for support from the EU Cybersecurity Reserve, which opens the incident
     * (filed by the requesting NCA or single point of contact, under a {@linkplain #newIncidentId() new incident id}).
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code RequestFiled.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, RequestFiled payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link MsspMatched} event:
     * ENISA's assignment of a pre-qualified provider after the conflict-of-interest check.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code MsspMatched.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, MsspMatched payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link DeploymentStarted} event:
     * the matched provider starting remote support or an on-site deployment.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code DeploymentStarted.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, DeploymentStarted payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link DeploymentEnded} event:
     * the end of a deployment, reported by the provider that started it.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code DeploymentEnded.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, DeploymentEnded payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link PhaseChanged} event:
     * the engagement entering another phase.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code PhaseChanged.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, PhaseChanged payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link ParticipantJoined} event:
     * an organisation joining the coordination of the incident.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code ParticipantJoined.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, ParticipantJoined payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link SituationReported} event:
     * a situation report, for all participants to acknowledge.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code SituationReported.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, SituationReported payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link SituationReportAcknowledged} event:
     * a participant's acknowledgement of a situation report.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code SituationReportAcknowledged.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, SituationReportAcknowledged payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link MutualAssistanceRequested} event:
     * a member state asking other member states for help under mutual assistance.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code MutualAssistanceRequested.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, MutualAssistanceRequested payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link MutualAssistanceOffered} event:
     * a member state's offer in answer to a mutual-assistance request.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code MutualAssistanceOffered.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, MutualAssistanceOffered payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link MutualAssistanceOfferDecided} event:
     * the requesting member state accepting or declining an offer.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code MutualAssistanceOfferDecided.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, MutualAssistanceOfferDecided payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link MutualAssistanceFulfilled} event:
     * the delivery of an accepted offer.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code MutualAssistanceFulfilled.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, MutualAssistanceFulfilled payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts an {@link IncidentReclassified} event:
     * a change of the incident's classification.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code IncidentReclassified.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, IncidentReclassified payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link RequestWithdrawn} event:
     * the requesting member state withdrawing its request.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code RequestWithdrawn.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, RequestWithdrawn payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts an {@link IncidentClosed} event:
     * the closure of the incident, after which its review is due.
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code IncidentClosed.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, IncidentClosed payload) {
        return draft(incidentId, payload);
    }

    /**
     * Drafts a {@link PostIncidentReviewFiled} event:
     * ENISA's review under the European Cybersecurity Incident Review Mechanism (CSA Art. 21).
     *
     * @param incidentId the incident, a lower-case UUID
     * @param payload    the payload, built with {@code PostIncidentReviewFiled.newBuilder()}
     * @return a complete draft with a new eventId, {@code occurredAt} now, this client's organisation as producer
     *         and the default TLP and PAP; see {@link EventDraft}
     * @throws IllegalArgumentException when {@code incidentId} is blank or not a lower-case UUID, or {@code payload} is null
     */
    public EventDraft event(String incidentId, PostIncidentReviewFiled payload) {
        return draft(incidentId, payload);
    }

    private EventDraft draft(String incidentId, Object payload) {
        return new EventDraft(incidentId, payload, organisation, settings.clock().instant(), settings.defaultTlp(), settings.defaultPap());
    }

    /**
     * Submits the draft's envelope and returns once the broker has acknowledged it. Submitting the
     * same draft again submits the same eventId again, which muster records once.
     *
     * @param draft the envelope to submit, from one of the {@code event(incidentId, payload)} methods
     * @return where the record is stored; muster's verdict comes later, see {@link #awaitOutcome(SubmissionReceipt, Duration)}
     * @throws SubmissionFailedException when the broker did not acknowledge the write; it names the topic and the cause
     * @throws IllegalArgumentException  when {@code draft} is null or its payload does not satisfy the contract
     *                                   (a required field left null, say)
     * @throws IllegalStateException     when the client is closed
     */
    public SubmissionReceipt submit(EventDraft draft) {
        return submit(Identifiers.requirePresent("draft", draft).toEvent());
    }

    /**
     * Submits a complete envelope, e.g. one stored by the submitting system for a later resubmission,
     * and returns once the broker has acknowledged it.
     *
     * @param event the envelope; its producer must be this client's organisation
     * @return where the record is stored
     * @throws SubmissionFailedException when the broker did not acknowledge the write; it names the topic and the cause
     * @throws IllegalArgumentException  when a field is missing or malformed (eventId and incidentId must be lower-case
     *                                   UUIDs), the producer is not this client's organisation, or the envelope does
     *                                   not satisfy the contract
     * @throws IllegalStateException     when the client is closed
     */
    public SubmissionReceipt submit(IncidentEvent event) {
        CompletableFuture<SubmissionReceipt> acknowledged = submitAsync(event);
        try {
            return acknowledged.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubmissionFailedException(topic, event.getEventId(), SubmissionFailure.INTERRUPTED,
                    "interrupted while waiting for the broker's acknowledgement; the record may have been stored, "
                            + "submit the same event again to be sure", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SubmissionFailedException failed) {
                throw failed.rethrownHere();
            }
            throw new SubmissionFailedException(topic, event.getEventId(), SubmissionFailure.OTHER, String.valueOf(e.getCause()), e.getCause());
        }
    }

    /**
     * Submits the draft's envelope without waiting for the broker. The caller still waits while the
     * producer fetches the topic's metadata (on the first submission, up to {@code max.block.ms}) or
     * while its buffer is full.
     *
     * <p>The future completes on the producer's network thread: continue with the {@code ...Async}
     * methods of {@link CompletableFuture} for anything slow, and never wait on another submission
     * there.
     *
     * @param draft the envelope to submit
     * @return a future completed with the receipt once the broker has the record, or exceptionally with a
     *         {@link SubmissionFailedException}
     * @throws IllegalArgumentException when {@code draft} is null or its payload does not satisfy the contract
     * @throws IllegalStateException    when the client is closed
     */
    public CompletableFuture<SubmissionReceipt> submitAsync(EventDraft draft) {
        return submitAsync(Identifiers.requirePresent("draft", draft).toEvent());
    }

    /**
     * Submits a complete envelope without waiting for the broker; see {@link #submitAsync(EventDraft)}.
     *
     * @param event the envelope; its producer must be this client's organisation
     * @return a future completed with the receipt, or exceptionally with a {@link SubmissionFailedException}
     * @throws IllegalArgumentException as {@link #submit(IncidentEvent)}
     * @throws IllegalStateException    when the client is closed
     */
    public CompletableFuture<SubmissionReceipt> submitAsync(IncidentEvent event) {
        ensureOpen();
        checkEnvelope(event);
        String eventId = event.getEventId();
        try {
            // Waits for the topic's metadata here, on the caller's thread, so that a missing topic can be diagnosed.
            producer.partitionsFor(topic);
        } catch (TimeoutException e) {
            return CompletableFuture.failedFuture(diagnosed(eventId, e));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failure(eventId, e));
        }
        CompletableFuture<SubmissionReceipt> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, event.getIncidentId(), event), (metadata, error) -> {
                if (error == null) {
                    SubmissionReceipt receipt = receipt(event, metadata);
                    LOG.debug("submitted {}", receipt);
                    acknowledged.complete(receipt);
                } else {
                    acknowledged.completeExceptionally(failure(eventId, error));
                }
            });
        } catch (EventEncodingException | SerializationException e) {
            throw new IllegalArgumentException("event " + eventId + " does not satisfy the contract: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(failure(eventId, e));
        }
        return acknowledged;
    }

    /**
     * Waits for muster's outcome of a submission: reads the partition of {@code submission.outcomes}
     * that the receipt's eventId hashes to, from {@link MusterClientSettings#outcomeLookback()} before
     * the receipt's timestamp, until the outcome appears.
     *
     * <p>For a resubmitted eventId this may be the outcome recorded for an earlier submission of it:
     * the verdict and sequence number are the same, and {@code duplicates} may not count this
     * resubmission yet.
     *
     * @param receipt what {@link #submit} returned
     * @param timeout how long to wait at most
     * @return the outcome: {@code ACCEPTED} with the event's sequence number on the log of record, or
     *         {@code REJECTED} with {@code reason}, {@code rule} and {@code message}; {@code duplicates} counts
     *         resubmissions of the same eventId
     * @throws OutcomeTimeoutException      when no outcome arrived within {@code timeout}; it names the eventId and the wait
     * @throws OutcomeUnavailableException  when {@code submission.outcomes} does not exist or may not be read
     * @throws IllegalArgumentException     when an argument is null or {@code timeout} is negative
     * @throws IllegalStateException        when the client is closed
     * @throws InterruptException           when the waiting thread is interrupted (Kafka's unchecked variant; the
     *                                      interrupt flag is set again)
     */
    public SubmissionOutcome awaitOutcome(SubmissionReceipt receipt, Duration timeout) {
        Identifiers.requirePresent("receipt", receipt);
        return awaitOutcomes(List.of(receipt), timeout).get(receipt.eventId());
    }

    /**
     * Waits for muster's outcome of an eventId when no receipt is at hand (after a restart of the
     * submitting system, say): reads the eventId's partition of {@code submission.outcomes} from the
     * beginning, which takes longer on a large topic.
     *
     * @param eventId the event's id
     * @param timeout how long to wait at most
     * @return the outcome, as {@link #awaitOutcome(SubmissionReceipt, Duration)}
     * @throws OutcomeTimeoutException      when no outcome arrived within {@code timeout}
     * @throws OutcomeUnavailableException  when {@code submission.outcomes} does not exist or may not be read
     * @throws IllegalArgumentException     when {@code eventId} is blank, {@code timeout} null or negative
     * @throws IllegalStateException        when the client is closed
     */
    public SubmissionOutcome awaitOutcome(String eventId, Duration timeout) {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("eventId must not be blank");
        }
        Map<String, Instant> awaited = new LinkedHashMap<>();
        awaited.put(eventId, null);
        return await(awaited, timeout).get(eventId);
    }

    /**
     * Waits for the outcomes of several submissions at once, with one consumer reading each partition
     * involved once.
     *
     * @param receipts what {@link #submit} returned; receipts of a resubmitted eventId count once
     * @param timeout  how long to wait at most for all of them
     * @return the outcome of every receipt's eventId, in the order of the receipts
     * @throws OutcomeTimeoutException      when some have no outcome within {@code timeout}; it lists them and carries
     *                                      the outcomes that did arrive
     * @throws OutcomeUnavailableException  when {@code submission.outcomes} does not exist or may not be read
     * @throws IllegalArgumentException     when {@code receipts} is null, empty or holds null, or {@code timeout} is null
     *                                      or negative
     * @throws IllegalStateException        when the client is closed
     */
    public Map<String, SubmissionOutcome> awaitOutcomes(Collection<SubmissionReceipt> receipts, Duration timeout) {
        Identifiers.requirePresent("receipts", receipts);
        if (receipts.isEmpty()) {
            throw new IllegalArgumentException("receipts must not be empty");
        }
        Map<String, Instant> awaited = new LinkedHashMap<>();
        for (SubmissionReceipt receipt : receipts) {
            Identifiers.requirePresent("receipt", receipt);
            Instant submittedAt = receipt.timestamp();
            if (awaited.containsKey(receipt.eventId())) {
                Instant earlier = awaited.get(receipt.eventId());
                submittedAt = earlier == null || submittedAt == null ? null : (earlier.isBefore(submittedAt) ? earlier : submittedAt);
            }
            awaited.put(receipt.eventId(), submittedAt);
        }
        return await(awaited, timeout);
    }

    private Map<String, SubmissionOutcome> await(Map<String, Instant> awaited, Duration timeout) {
        ensureOpen();
        Identifiers.requirePresent("timeout", timeout);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        return outcomes.await(awaited, timeout);
    }

    /**
     * Closes the producer, waiting for submissions still in flight to be acknowledged or to fail.
     * Idempotent. Waits for outcomes already under way finish on their own consumers.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            producer.close();
            LOG.info("muster client for {} closed", organisation.getId());
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this MusterClient for " + organisation.getId() + " is closed");
        }
    }

    private void checkEnvelope(IncidentEvent event) {
        Identifiers.requirePresent("event", event);
        Identifiers.requireCanonicalUuid("eventId", event.getEventId());
        Identifiers.requireCanonicalUuid("incidentId", event.getIncidentId());
        Identifiers.requirePresent("occurredAt", event.getOccurredAt());
        Identifiers.requirePresent("tlp", event.getTlp());
        Identifiers.requirePresent("pap", event.getPap());
        Identifiers.requirePresent("payload", event.getPayload());
        Organisation producer = Identifiers.requirePresent("producer", event.getProducer());
        if (!producer.equals(organisation)) {
            throw new IllegalArgumentException("producer " + describe(producer) + " must be this client's organisation "
                    + describe(organisation) + ", as muster's directory registers it; muster would refuse it (PRODUCER_MISMATCH)");
        }
    }

    private static SubmissionReceipt receipt(IncidentEvent event, RecordMetadata metadata) {
        return new SubmissionReceipt(event.getEventId(), event.getIncidentId(), metadata.topic(), metadata.partition(), metadata.offset(),
                metadata.hasTimestamp() ? Instant.ofEpochMilli(metadata.timestamp()) : null);
    }

    /** Asks the cluster why the topic's metadata did not come: a missing topic, missing rights, or no answer at all. */
    private SubmissionFailedException diagnosed(String eventId, TimeoutException timeout) {
        Admin admin = null;
        try {
            admin = Admin.create(settings.adminConfig(Integer.toString(diagnoses.incrementAndGet())));
            admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs((int) DIAGNOSIS_TIMEOUT.toMillis()))
                    .allTopicNames().get(DIAGNOSIS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new SubmissionFailedException(topic, eventId, SubmissionFailure.TIMED_OUT, "the topic exists, but the producer "
                    + "got no metadata for it within max.block.ms (" + timeout.getMessage() + ")", timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownTopicOrPartitionException || cause instanceof AuthorizationException
                    || cause instanceof AuthenticationException) {
                SubmissionFailedException failure = failure(eventId, cause);
                failure.addSuppressed(timeout);
                return failure;
            }
            return new SubmissionFailedException(topic, eventId, SubmissionFailure.TIMED_OUT, timeout.getMessage()
                    + "; asking the cluster about the topic failed too: " + cause, timeout);
        } catch (java.util.concurrent.TimeoutException e) {
            return new SubmissionFailedException(topic, eventId, SubmissionFailure.TIMED_OUT, "no broker answered: "
                    + timeout.getMessage() + " Check bootstrap.servers, the network path and the security properties.", timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SubmissionFailedException(topic, eventId, SubmissionFailure.INTERRUPTED, "interrupted while waiting for the "
                    + "topic's metadata; nothing was written", e);
        } catch (RuntimeException e) {
            timeout.addSuppressed(e);
            return failure(eventId, timeout);
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
        }
    }

    /** What went wrong, classified and explained, naming the topic. */
    private SubmissionFailedException failure(String eventId, Throwable error) {
        SubmissionFailure failure;
        String explanation;
        if (error instanceof UnknownTopicOrPartitionException) {
            failure = SubmissionFailure.TOPIC_NOT_FOUND;
            explanation = "the topic does not exist; muster creates it when organisation '" + organisation.getId()
                    + "' is registered in its organisation directory: ask muster's operators";
        } else if (error instanceof AuthorizationException) {
            failure = SubmissionFailure.NOT_AUTHORISED;
            explanation = "the client's principal may not write to it; muster's operators grant each organisation's principal "
                    + "WRITE on its own submission topic";
        } else if (error instanceof AuthenticationException) {
            failure = SubmissionFailure.NOT_AUTHENTICATED;
            explanation = "authentication with the broker failed; check the TLS/SASL properties";
        } else if (error instanceof TimeoutException) {
            failure = SubmissionFailure.TIMED_OUT;
            explanation = "no acknowledgement in time; the record may have been stored, submit the same event again";
        } else if (error instanceof InterruptException) {
            failure = SubmissionFailure.INTERRUPTED;
            explanation = "interrupted; the record may have been stored, submit the same event again";
        } else if (error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
                || error instanceof InvalidRecordException || error instanceof CorruptRecordException
                || error instanceof InvalidTimestampException || error instanceof InvalidTopicException
                || error instanceof PolicyViolationException) {
            failure = SubmissionFailure.REFUSED;
            explanation = "the broker refused the record";
        } else {
            failure = SubmissionFailure.OTHER;
            explanation = "the Kafka producer failed";
        }
        return new SubmissionFailedException(topic, eventId, failure, explanation + " (" + error + ")", error);
    }

    private static String describe(Organisation organisation) {
        return organisation.getId() + " (" + organisation.getRole() + ", "
                + (organisation.getMemberState() == null ? "no member state" : organisation.getMemberState()) + ")";
    }
}
