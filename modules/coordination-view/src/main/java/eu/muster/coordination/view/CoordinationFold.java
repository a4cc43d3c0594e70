package eu.muster.coordination.view;

import eu.muster.contract.IncidentEvent;
import eu.muster.coordination.CoordinationPolicy;
import eu.muster.coordination.CoordinationViews;
import eu.muster.coordination.IncidentFacts;
import eu.muster.view.clock.IncidentFold;
import java.time.Instant;
import java.util.Optional;

/** The coordination and review views' facts, and when they next change by themselves. */
record CoordinationFold(CoordinationPolicy policy) implements IncidentFold<IncidentFacts> {

    @Override
    public IncidentFacts empty() {
        return IncidentFacts.empty();
    }

    @Override
    public IncidentFacts apply(IncidentFacts facts, IncidentEvent event) {
        return facts.apply(event);
    }

    @Override
    public Optional<Instant> nextChange(IncidentFacts facts, Instant instant) {
        return CoordinationViews.nextChange(facts, instant, policy);
    }
}
