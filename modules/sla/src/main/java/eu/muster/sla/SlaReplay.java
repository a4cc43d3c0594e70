package eu.muster.sla;

import eu.muster.contract.RecordedEvent;
import eu.muster.contract.SlaView;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SLA view as it stood at an instant, rebuilt from the log of record: for every incident, the
 * events recorded up to the instant, folded into a timeline and read at the instant. This is the
 * auditor's half of the determinism rule; the live processor builds its records with the same
 * {@link IncidentTimeline}, {@link SlaClocks} and {@link SlaViews}, so the two agree field for field
 * wherever the live processor had read the log up to the instant.
 */
public final class SlaReplay {

    private final SlaPolicy policy;
    private final Instant asOf;
    private final Map<String, IncidentTimeline> timelines = new TreeMap<>();
    private final Map<String, Long> sequences = new TreeMap<>();

    /** A replay to {@code asOf} under {@code policy}; feed it the log with {@link #accept}. */
    public SlaReplay(SlaPolicy policy, Instant asOf) {
        this.policy = policy;
        this.asOf = asOf;
    }

    /**
     * Takes one record of the log, in any order. Records recorded after the instant are not part of
     * the log up to it and are skipped; the return value says whether this one counted.
     */
    public boolean accept(RecordedEvent recorded) {
        if (recorded.getRecordedAt().isAfter(asOf)) {
            return false;
        }
        String incidentId = recorded.getIncidentId();
        timelines.put(incidentId, timelines.getOrDefault(incidentId, IncidentTimeline.empty()).apply(recorded.getEvent()));
        sequences.merge(incidentId, recorded.getSequence(), Math::max);
        return true;
    }

    /** The view of every incident with an event recorded by the instant, by incident id. */
    public Map<String, SlaView> views() {
        Map<String, SlaView> views = new TreeMap<>();
        timelines.forEach((incidentId, timeline) -> views.put(incidentId,
                SlaViews.view(incidentId, timeline, sequences.get(incidentId), SlaClocks.at(timeline, asOf, policy))));
        return views;
    }

    /** The view of the records in {@code log} as it stood at {@code asOf}. */
    public static Map<String, SlaView> of(Iterable<RecordedEvent> log, SlaPolicy policy, Instant asOf) {
        SlaReplay replay = new SlaReplay(policy, asOf);
        log.forEach(replay::accept);
        return replay.views();
    }
}
