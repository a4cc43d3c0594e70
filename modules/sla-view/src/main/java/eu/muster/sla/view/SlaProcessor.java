package eu.muster.sla.view;

import eu.muster.contract.SlaBreach;
import eu.muster.contract.SlaClockKind;
import eu.muster.contract.SlaClockState;
import eu.muster.contract.SlaView;
import eu.muster.sla.ClockChange;
import eu.muster.sla.ClockReading;
import eu.muster.sla.IncidentTimeline;
import eu.muster.sla.SlaClocks;
import eu.muster.sla.SlaPolicy;
import eu.muster.sla.SlaViews;
import eu.muster.view.clock.TimedIncidentProcessor;
import eu.muster.view.clock.Track;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every incident's SLA clocks: each reading (at an event's recording or at an instant the
 * clocks name, see {@link TimedIncidentProcessor}) writes the incident's view, one alert per change
 * worth paging for, and the breach indexes. What it writes is what {@link eu.muster.sla.SlaReplay}
 * computes from the same log at the same instants.
 */
final class SlaProcessor extends TimedIncidentProcessor<IncidentTimeline, SlaOutput> {

    private final SlaPolicy policy;
    private KeyValueStore<String, SlaView> views;
    private KeyValueStore<String, SlaBreach> openBreaches;
    private KeyValueStore<String, SlaBreach> breachesByMssp;
    private KeyValueStore<String, SlaBreach> breachesByMemberState;

    SlaProcessor(SlaSettings settings) {
        super(new SlaFold(settings.policy()), SlaTopology.TRACK_STORE, SlaTopology.DUE_STORE, settings.checkInterval());
        this.policy = settings.policy();
    }

    @Override
    public void init(ProcessorContext<String, SlaOutput> context) {
        super.init(context);
        views = context.getStateStore(SlaTopology.VIEW_STORE);
        openBreaches = context.getStateStore(SlaTopology.OPEN_BREACHES_STORE);
        breachesByMssp = context.getStateStore(SlaTopology.BREACHES_BY_MSSP_STORE);
        breachesByMemberState = context.getStateStore(SlaTopology.BREACHES_BY_MEMBER_STATE_STORE);
    }

    @Override
    protected void emit(String incidentId, Track<IncidentTimeline> before, Track<IncidentTimeline> after, Instant asOf) {
        List<ClockReading> then = lastRead(before).map(at -> SlaClocks.at(before.facts(), at, policy)).orElse(List.of());
        List<ClockReading> now = SlaClocks.at(after.facts(), asOf, policy);

        SlaView view = SlaViews.view(incidentId, after.facts(), after.throughSequence(), now);
        views.put(incidentId, view);
        context().forward(new Record<String, SlaOutput>(incidentId, new SlaOutput.View(view), after.asOf()));
        for (ClockChange change : SlaClocks.changes(then, now)) {
            context().forward(new Record<String, SlaOutput>(incidentId,
                    new SlaOutput.Alert(SlaViews.alert(incidentId, after.facts(), after.throughSequence(), change, asOf)), after.asOf()));
        }
        index(incidentId, before, then, after, now);
    }

    /**
     * Replaces the incident's entries in the breach indexes with those of its new reading. A breach
     * that reads the same as before keeps its entries: most events change no breach, and rewriting
     * each one (and its changelog record) at every event showed in the benchmark's profile.
     */
    private void index(String incidentId, Track<IncidentTimeline> before, List<ClockReading> then, Track<IncidentTimeline> after,
            List<ClockReading> now) {
        Map<String, SlaBreach> previous = breaches(incidentId, before.facts(), then);
        Map<String, SlaBreach> current = breaches(incidentId, after.facts(), now);
        previous.forEach((clock, old) -> {
            if (!same(old, current.get(clock))) {
                openBreaches.delete(BreachKeys.clock(old));
                ownersOf(old).forEach((store, owner) -> store.delete(BreachKeys.owned(owner, old)));
            }
        });
        current.forEach((clock, breach) -> {
            if (!same(breach, previous.get(clock))) {
                if (breach.getClock().getState() == SlaClockState.BREACHED) {
                    openBreaches.put(BreachKeys.clock(breach), breach);
                }
                ownersOf(breach).forEach((store, owner) -> store.put(BreachKeys.owned(owner, breach), breach));
            }
        });
    }

    /** Compared by their JSON renderings, as the coordination entries are: Avro 1.12 cannot compare records with optional instants (see CoordinationReplay). */
    private static boolean same(SlaBreach one, SlaBreach other) {
        return other != null && one.toString().equals(other.toString());
    }

    private static Map<String, SlaBreach> breaches(String incidentId, IncidentTimeline timeline, List<ClockReading> readings) {
        Map<String, SlaBreach> breaches = new HashMap<>();
        for (ClockReading reading : readings) {
            if (reading.breached()) {
                SlaBreach breach = SlaViews.breach(incidentId, timeline, reading);
                breaches.put(BreachKeys.clock(breach), breach);
            }
        }
        return breaches;
    }
    /** The per-provider and per-member-state indexes an entry belongs in. The match clock is ENISA's, not the provider's. */
    private Map<KeyValueStore<String, SlaBreach>, String> ownersOf(SlaBreach breach) {
        Map<KeyValueStore<String, SlaBreach>, String> owners = new HashMap<>();
        if (breach.getMsspId() != null && breach.getClock().getKind() != SlaClockKind.REQUEST_TO_MATCH) {
            owners.put(breachesByMssp, breach.getMsspId());
        }
        if (breach.getRequestingMemberState() != null) {
            owners.put(breachesByMemberState, breach.getRequestingMemberState());
        }
        return owners;
    }
}
