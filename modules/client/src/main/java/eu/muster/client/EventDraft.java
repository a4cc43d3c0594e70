package eu.muster.client;

import eu.muster.contract.IncidentEvent;
import eu.muster.contract.Organisation;
import eu.muster.contract.Pap;
import eu.muster.contract.Tlp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An {@link IncidentEvent} envelope being prepared for submission, made by one of the
 * {@link MusterClient#event MusterClient.event(incidentId, payload)} methods.
 *
 * <p>It is complete from the start: the client fills in
 * <ul>
 * <li>{@code eventId}: a new random UUID in lower case, fixed for the life of the draft, so that
 *     submitting the same draft again resubmits the same event, which muster records once;</li>
 * <li>{@code occurredAt}: the instant of the client's {@link MusterClientSettings#clock() clock} when the
 *     draft was made;</li>
 * <li>{@code producer}: the client's organisation;</li>
 * <li>{@code tlp} and {@code pap}: the client's defaults, {@link MusterClientSettings#DEFAULT_TLP TLP:AMBER}
 *     and {@link MusterClientSettings#DEFAULT_PAP PAP:AMBER} unless configured otherwise.</li>
 * </ul>
 * Each of these but the producer can be replaced with the methods below. Instants are kept to the
 * millisecond, the contract's precision, so what the draft shows is what is submitted.
 *
 * <p>A draft is a mutable builder and not thread-safe. The payload is not copied: do not change it
 * after handing it to the draft.
 */
public final class EventDraft {

    private final String incidentId;
    private final Object payload;
    private final Organisation producer;
    private String eventId;
    private Instant occurredAt;
    private Tlp tlp;
    private Pap pap;

    EventDraft(String incidentId, Object payload, Organisation producer, Instant occurredAt, Tlp tlp, Pap pap) {
        this.incidentId = Identifiers.requireCanonicalUuid("incidentId", incidentId);
        this.payload = Identifiers.requirePresent("payload", payload);
        this.producer = producer;
        this.eventId = Identifiers.newId();
        this.occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
        this.tlp = tlp;
        this.pap = pap;
    }

    /**
     * Replaces the generated event id, e.g. with one the submitting system stored before a restart,
     * so that a resubmission is recognised as the same event.
     *
     * @param eventId a UUID in lower-case canonical form
     * @return this draft
     * @throws IllegalArgumentException when {@code eventId} is blank or not such a UUID
     */
    public EventDraft eventId(String eventId) {
        this.eventId = Identifiers.requireCanonicalUuid("eventId", eventId);
        return this;
    }

    /**
     * Replaces the default {@code occurredAt}: when the fact occurred, on the producer's clock.
     * Kept to the millisecond. muster refuses instants too far in its future
     * ({@code FUTURE_TIMESTAMP}); late reports are accepted.
     *
     * @param occurredAt when the fact occurred
     * @return this draft
     * @throws IllegalArgumentException when {@code occurredAt} is null
     */
    public EventDraft occurredAt(Instant occurredAt) {
        this.occurredAt = Identifiers.requirePresent("occurredAt", occurredAt).truncatedTo(ChronoUnit.MILLIS);
        return this;
    }

    /**
     * Replaces the default TLP: who may see this event.
     *
     * @param tlp the Traffic Light Protocol 2.0 marking
     * @return this draft
     * @throws IllegalArgumentException when {@code tlp} is null
     */
    public EventDraft tlp(Tlp tlp) {
        this.tlp = Identifiers.requirePresent("tlp", tlp);
        return this;
    }

    /**
     * Replaces the default PAP: how the information may be acted on.
     *
     * @param pap the Permissible Actions Protocol marking
     * @return this draft
     * @throws IllegalArgumentException when {@code pap} is null
     */
    public EventDraft pap(Pap pap) {
        this.pap = Identifiers.requirePresent("pap", pap);
        return this;
    }

    /** The event id: generated, or as given to {@link #eventId(String)}. */
    public String eventId() {
        return eventId;
    }

    /** The incident the event is about. */
    public String incidentId() {
        return incidentId;
    }

    /** When the fact occurred, to the millisecond. */
    public Instant occurredAt() {
        return occurredAt;
    }

    /** Who may see the event. */
    public Tlp tlp() {
        return tlp;
    }

    /** How the information may be acted on. */
    public Pap pap() {
        return pap;
    }

    /** The payload record, one of the contract's payload types. */
    public Object payload() {
        return payload;
    }

    /** The producer the envelope names: the client's organisation (a copy). */
    public Organisation producer() {
        return MusterClientSettings.copyOf(producer);
    }

    /** The envelope as it will be submitted; a new record on every call. */
    public IncidentEvent toEvent() {
        return IncidentEvent.newBuilder()
                .setEventId(eventId)
                .setIncidentId(incidentId)
                .setOccurredAt(occurredAt)
                .setProducer(producer())
                .setTlp(tlp)
                .setPap(pap)
                .setPayload(payload)
                .build();
    }

    @Override
    public String toString() {
        return "EventDraft[" + payload.getClass().getSimpleName() + " eventId=" + eventId + " incidentId=" + incidentId
                + " occurredAt=" + occurredAt + " tlp=" + tlp + " pap=" + pap + " producer=" + producer.getId() + "]";
    }
}
