package eu.muster.sla.view;

import eu.muster.contract.IncidentEvent;
import eu.muster.sla.IncidentTimeline;
import eu.muster.sla.SlaClocks;
import eu.muster.sla.SlaPolicy;
import eu.muster.view.clock.IncidentFold;
import java.time.Instant;
import java.util.Optional;

/** The SLA view's facts: the incident's timeline, and when its clocks next change by themselves. */
record SlaFold(SlaPolicy policy) implements IncidentFold<IncidentTimeline> {

    @Override
    public IncidentTimeline empty() {
        return IncidentTimeline.empty();
    }

    @Override
    public IncidentTimeline apply(IncidentTimeline facts, IncidentEvent event) {
        return facts.apply(event);
    }

    @Override
    public Optional<Instant> nextChange(IncidentTimeline facts, Instant instant) {
        return SlaClocks.nextChange(facts, instant, policy);
    }
}
