package eu.muster.record;

import eu.muster.codec.HashChain;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import eu.muster.contract.OutcomeStatus;
import eu.muster.contract.RecordedEvent;
import eu.muster.contract.Rejection;
import eu.muster.contract.Submission;
import eu.muster.contract.SubmissionOutcome;
import eu.muster.domain.Decision;
import eu.muster.domain.IncidentState;
import eu.muster.domain.LifecycleRules;
import eu.muster.domain.SubmissionCheck;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The incident aggregate at work: for each submission (keyed by incident), a resubmitted eventId
 * gets its first outcome again; otherwise the submission checks and the lifecycle rules decide, an
 * accepted event is numbered and chained onto the incident's history, and the eventId's outcome is
 * kept. Store updates and outputs commit together (exactly-once).
 */
final class IncidentDecider implements Processor<String, Submission, String, Decided> {

    private final LogOfRecordSettings settings;
    private ProcessorContext<String, Decided> context;
    private KeyValueStore<String, ChainHead> incidents;
    private KeyValueStore<String, SubmissionOutcome> outcomes;
    private KeyValueStore<String, Organisation> directory;

    IncidentDecider(LogOfRecordSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Decided> context) {
        this.context = context;
        this.incidents = context.getStateStore(LogOfRecordTopology.INCIDENT_STORE);
        this.outcomes = context.getStateStore(LogOfRecordTopology.OUTCOME_STORE);
        this.directory = context.getStateStore(LogOfRecordTopology.ORGANISATION_DIRECTORY_STORE);
    }

    @Override
    public void process(Record<String, Submission> record) {
        Submission submission = record.value();
        IncidentEvent event = submission.getEvent();
        long now = context.currentSystemTimeMs();
        SubmissionOutcome first = outcomes.get(event.getEventId());
        if (first != null) {
            SubmissionOutcome again = SubmissionOutcome.newBuilder(first).setDuplicates(first.getDuplicates() + 1).build();
            outcomes.put(event.getEventId(), again);
            emit(event.getEventId(), new Decided.Outcome(again), now);
            return;
        }
        Optional<Decision.Rejected> refused = SubmissionCheck.check(event, submission.getOrganisationId(),
                Optional.ofNullable(directory.get(submission.getOrganisationId())), Instant.ofEpochMilli(now), settings.maxClockSkew());
        ChainHead head = refused.isPresent() ? null : Optional.ofNullable(incidents.get(event.getIncidentId())).orElseGet(ChainHead::empty);
        Decision decision = refused.isPresent() ? refused.get() : LifecycleRules.decide(head.state(), event);
        SubmissionOutcome outcome;
        if (decision instanceof Decision.Rejected rejected) {
            emit(event.getIncidentId(), new Decided.Refused(rejection(submission, rejected, now)), now);
            outcome = outcome(event, OutcomeStatus.REJECTED, null, rejected, now);
        } else {
            long sequence = head.lastSequence() + 1;
            RecordedEvent recorded = HashChain.seal(RecordedEvent.newBuilder()
                    .setIncidentId(event.getIncidentId())
                    .setSequence(sequence)
                    .setRecordedAt(Instant.ofEpochMilli(now))
                    .setSubmissionTopic(submission.getTopic())
                    .setSubmissionPartition(submission.getPartition())
                    .setSubmissionOffset(submission.getOffset())
                    .setEvent(event)
                    .setPreviousHash(ByteBuffer.wrap(head.lastHashBytes()))
                    .setHash(ByteBuffer.allocate(0))
                    .build());
            IncidentState evolved = head.state().apply(event);
            incidents.put(event.getIncidentId(), head.next(evolved, sequence, bytes(recorded.getHash())));
            emit(event.getIncidentId(), new Decided.Recorded(recorded), now);
            outcome = outcome(event, OutcomeStatus.ACCEPTED, sequence, null, now);
        }
        outcomes.put(event.getEventId(), outcome);
        emit(event.getEventId(), new Decided.Outcome(outcome), now);
    }

    private void emit(String key, Decided decided, long timestamp) {
        // Output records carry the time of decision, so the log's time index answers "what was recorded by T".
        context.forward(new Record<>(key, decided, timestamp));
    }

    private static Rejection rejection(Submission submission, Decision.Rejected rejected, long now) {
        IncidentEvent event = submission.getEvent();
        return Rejection.newBuilder()
                .setEventId(event.getEventId())
                .setIncidentId(event.getIncidentId())
                .setSubmissionTopic(submission.getTopic())
                .setSubmissionPartition(submission.getPartition())
                .setSubmissionOffset(submission.getOffset())
                .setOrganisationId(submission.getOrganisationId())
                .setReason(rejected.reason())
                .setRule(rejected.rule().id())
                .setMessage(rejected.message())
                .setRejectedAt(Instant.ofEpochMilli(now))
                .setSubmission(event)
                .setRawSubmission(null)
                .build();
    }

    private static SubmissionOutcome outcome(IncidentEvent event, OutcomeStatus status, Long sequence, Decision.Rejected rejected, long now) {
        return SubmissionOutcome.newBuilder()
                .setEventId(event.getEventId())
                .setIncidentId(event.getIncidentId())
                .setStatus(status)
                .setSequence(sequence)
                .setReason(rejected == null ? null : rejected.reason())
                .setMessage(rejected == null ? null : rejected.message())
                .setRule(rejected == null ? null : rejected.rule().id())
                .setDecidedAt(Instant.ofEpochMilli(now))
                .setDuplicates(0)
                .build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
