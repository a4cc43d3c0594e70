package eu.muster.client;

import java.time.Instant;

/**
 * The broker's acknowledgement of one submission: the event is stored on the organisation's
 * submission topic, on every in-sync replica ({@code acks=all}). It says nothing yet about whether
 * muster accepts the event; {@link MusterClient#awaitOutcome(SubmissionReceipt, java.time.Duration)} does.
 *
 * @param eventId    the event's id, the key of its outcome
 * @param incidentId the incident, the record's key on the submission topic
 * @param topic      the submission topic, {@code submissions.<organisationId>}
 * @param partition  the partition the record was written to
 * @param offset     the record's offset in that partition
 * @param timestamp  the record's timestamp as the broker stored it (the send time on the submitting machine's
 *                   clock, or the broker's append time on a topic with {@code message.timestamp.type=LogAppendTime});
 *                   null when the broker reported none, in which case outcomes are looked for from the beginning
 */
public record SubmissionReceipt(String eventId, String incidentId, String topic, int partition, long offset, Instant timestamp) {

    /** Checks the components that are always known. */
    public SubmissionReceipt {
        Identifiers.requirePresent("eventId", eventId);
        Identifiers.requirePresent("incidentId", incidentId);
        Identifiers.requirePresent("topic", topic);
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, got " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }
}
