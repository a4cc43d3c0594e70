package eu.muster.coordination;

import eu.muster.contract.CoordinationView;
import eu.muster.contract.IncidentEvent;
import eu.muster.contract.RequestFiled;
import eu.muster.contract.ReviewView;
import eu.muster.contract.SampleEvents;
import eu.muster.sla.SlaPayloads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One incident's history for the tests, built from the contract's samples ({@link SampleEvents#everyPayloadType()}):
 * 0 request, 1 match, 2 remote deployment, 3 AT's CSIRT joins as assisting member state, 4 situation report,
 * 5 acknowledgement, 6 mutual assistance requested, 7 offered, 8 accepted, 9 fulfilled, 10 phase change,
 * 11 reclassification, 12 on-site deployment, 13 deployment ended, 14 closure, 15 review, 16 withdrawal.
 * Each event comes from the producer its sample has, because the views name organisations by producer.
 */
final class IncidentHistory {

    static final List<IncidentEvent> SAMPLE = SampleEvents.everyPayloadType();
    static final CoordinationPolicy POLICY = CoordinationPolicy.defaults();

    private final String incidentId;
    private final List<IncidentEvent> events = new ArrayList<>();

    IncidentHistory(String incidentId) {
        this.incidentId = incidentId;
    }

    /** A history of the samples' incident. */
    static IncidentHistory sampleIncident() {
        return new IncidentHistory(SampleEvents.INCIDENT_ID);
    }

    /** When the sample event {@code index} occurred. */
    static Instant at(int index) {
        return SAMPLE.get(index).getOccurredAt();
    }

    /** The payload of the sample event {@code index}. */
    @SuppressWarnings("unchecked")
    static <T> T payload(int index) {
        return (T) SAMPLE.get(index).getPayload();
    }

    /** The sample's request, affecting only {@code affected}. */
    static RequestFiled requestAffecting(String... affected) {
        return RequestFiled.newBuilder(IncidentHistory.<RequestFiled>payload(0)).setAffectedMemberStates(List.of(affected)).build();
    }

    /** Adds the sample events {@code from} to {@code to} (inclusive), each at its own time. */
    IncidentHistory samples(int from, int to) {
        for (int i = from; i <= to; i++) {
            sample(i, at(i));
        }
        return this;
    }

    /** Adds the sample event {@code index}, occurred at {@code occurredAt}. */
    IncidentHistory sample(int index, Instant occurredAt) {
        return add(index, occurredAt, SAMPLE.get(index).getPayload());
    }

    /** Adds {@code payload} from the producer of the sample event {@code producerOf}, occurred at {@code occurredAt}. */
    IncidentHistory add(int producerOf, Instant occurredAt, Object payload) {
        events.add(IncidentEvent.newBuilder(SlaPayloads.event(incidentId, occurredAt, payload))
                .setProducer(SAMPLE.get(producerOf).getProducer()).build());
        return this;
    }

    String incidentId() {
        return incidentId;
    }

    /** The events added, in the order they were added. */
    List<IncidentEvent> events() {
        return List.copyOf(events);
    }

    /** The events folded in the order they were added. */
    IncidentFacts facts() {
        return fold(events);
    }

    /** The coordination status at {@code instant}, as of every event added. */
    CoordinationView coordination(Instant instant) {
        return CoordinationViews.coordination(incidentId, facts(), events.size(), instant, POLICY);
    }

    /** The review at {@code instant}, as of every event added. */
    ReviewView review(Instant instant) {
        return CoordinationViews.review(incidentId, facts(), events.size(), instant, POLICY);
    }

    /** {@code events} folded in the order given. */
    static IncidentFacts fold(List<IncidentEvent> events) {
        IncidentFacts facts = IncidentFacts.empty();
        for (IncidentEvent event : events) {
            facts = facts.apply(event);
        }
        return facts;
    }
}
