package eu.muster.record;

import eu.muster.codec.EventCodec;
import eu.muster.codec.EventDecodingException;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Rejection;
import eu.muster.contract.RejectionReason;
import eu.muster.contract.Submission;
import eu.muster.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads each record of the submission topics: the organisation comes from the topic's name, never
 * from the record; readable bytes become a {@link Submission} with where they came from, unreadable
 * bytes become a rejection that keeps them. Nothing is dropped, and a poison pill stops nothing.
 */
final class SubmissionIntake extends ContextualFixedKeyProcessor<byte[], byte[], Intake> {

    /** The rule unreadable bytes break. */
    static final String RULE_READABLE = "submission-must-decode";

    private final EventCodec<IncidentEvent> codec;

    SubmissionIntake(EventCodec<IncidentEvent> codec) {
        this.codec = codec;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        RecordMetadata origin = context().recordMetadata().orElseThrow(
                () -> new IllegalStateException("a submission without topic metadata cannot be attributed to an organisation"));
        String organisationId = Topics.organisationOf(origin.topic());
        try {
            IncidentEvent event = codec.decode(record.value());
            context().forward(record.withValue(new Intake.Readable(Submission.newBuilder()
                    .setEvent(event)
                    .setTopic(origin.topic())
                    .setPartition(origin.partition())
                    .setOffset(origin.offset())
                    .setOrganisationId(organisationId)
                    .build())));
        } catch (EventDecodingException e) {
            context().forward(record.withValue(new Intake.Unreadable(Rejection.newBuilder()
                    .setEventId(null)
                    .setIncidentId(null)
                    .setSubmissionTopic(origin.topic())
                    .setSubmissionPartition(origin.partition())
                    .setSubmissionOffset(origin.offset())
                    .setOrganisationId(organisationId)
                    .setReason(RejectionReason.UNDECODABLE)
                    .setRule(RULE_READABLE)
                    .setMessage(e.getMessage())
                    .setRejectedAt(Instant.ofEpochMilli(context().currentSystemTimeMs()))
                    .setSubmission(null)
                    .setRawSubmission(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                    .build())));
        }
    }

    /** The key of an unreadable submission's rejection: where it was, since its incident is unknown. */
    static String positionKey(Rejection rejection) {
        return rejection.getSubmissionTopic() + "/" + rejection.getSubmissionPartition() + "/" + rejection.getSubmissionOffset();
    }
}
