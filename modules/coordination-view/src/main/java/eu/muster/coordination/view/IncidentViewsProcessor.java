package eu.muster.coordination.view;

import eu.muster.contract.CoordinationView;
import eu.muster.contract.GroupEntry;
import eu.muster.contract.ReviewView;
import eu.muster.coordination.CoordinationPolicy;
import eu.muster.coordination.CoordinationViews;
import eu.muster.coordination.IncidentFacts;
import eu.muster.view.clock.TimedIncidentProcessor;
import eu.muster.view.clock.Track;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every incident's coordination status and review, and its entries in the cross-incident
 * views. Each reading (see {@link TimedIncidentProcessor}) writes both views, and an entry for
 * every group the incident joined, changed in or left; the group processors fold those into the
 * member-state, scorecard and lessons views.
 */
final class IncidentViewsProcessor extends TimedIncidentProcessor<IncidentFacts, CoordinationOutput> {

    private final CoordinationPolicy policy;
    private KeyValueStore<String, CoordinationView> coordinationViews;
    private KeyValueStore<String, ReviewView> reviewViews;

    IncidentViewsProcessor(CoordinationSettings settings) {
        super(new CoordinationFold(settings.policy()), CoordinationTopology.TRACK_STORE, CoordinationTopology.DUE_STORE, settings.checkInterval());
        this.policy = settings.policy();
    }

    @Override
    public void init(ProcessorContext<String, CoordinationOutput> context) {
        super.init(context);
        coordinationViews = context.getStateStore(CoordinationTopology.COORDINATION_STORE);
        reviewViews = context.getStateStore(CoordinationTopology.REVIEW_STORE);
    }

    @Override
    protected void emit(String incidentId, Track<IncidentFacts> before, Track<IncidentFacts> after, Instant asOf) {
        Readings then = lastRead(before).map(at -> read(incidentId, before, at)).orElse(Readings.NONE);
        Readings now = read(incidentId, after, asOf);

        coordinationViews.put(incidentId, now.coordination());
        reviewViews.put(incidentId, now.review());
        forward(incidentId, new CoordinationOutput.Coordination(now.coordination()), after.asOf());
        forward(incidentId, new CoordinationOutput.Review(now.review()), after.asOf());
        for (Grouping grouping : Grouping.values()) {
            Map<String, ?> old = then.entries().getOrDefault(grouping, Map.of());
            Map<String, ?> current = now.entries().get(grouping);
            TreeSet<String> groups = new TreeSet<>(old.keySet());
            groups.addAll(current.keySet());
            for (String group : groups) {
                Object entry = current.get(group);
                // Avro 1.12's equals cannot compare these records (see CoordinationReplay); their JSON renderings can.
                if (!Objects.equals(String.valueOf(old.get(group)), String.valueOf(entry))) {
                    GroupEntry change = GroupEntry.newBuilder().setGroup(group).setIncidentId(incidentId).setEntry(entry).build();
                    forward(group, new CoordinationOutput.Entry(grouping, change), after.asOf());
                }
            }
        }
    }

    private void forward(String key, CoordinationOutput output, long timestamp) {
        context().forward(new Record<>(key, output, timestamp));
    }

    private Readings read(String incidentId, Track<IncidentFacts> track, Instant at) {
        CoordinationView coordination = CoordinationViews.coordination(incidentId, track.facts(), track.throughSequence(), at, policy);
        ReviewView review = CoordinationViews.review(incidentId, track.facts(), track.throughSequence(), at, policy);
        Map<Grouping, Map<String, ?>> entries = new EnumMap<>(Grouping.class);
        entries.put(Grouping.MEMBER_STATE, CoordinationViews.memberStates(coordination));
        entries.put(Grouping.MSSP, CoordinationViews.engagements(incidentId, track.facts(), at, policy));
        entries.put(Grouping.LESSONS, CoordinationViews.lessons(review));
        return new Readings(coordination, review, entries);
    }

    /** One reading of an incident: its two views and its entries in each grouping. */
    private record Readings(CoordinationView coordination, ReviewView review, Map<Grouping, Map<String, ?>> entries) {
        static final Readings NONE = new Readings(null, null, Map.of());
    }
}
