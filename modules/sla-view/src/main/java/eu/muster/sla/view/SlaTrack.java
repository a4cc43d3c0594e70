package eu.muster.sla.view;

import eu.muster.sla.IncidentTimeline;

/**
 * What the SLA processor keeps per incident between records (store {@link SlaTopology#TRACK_STORE}).
 *
 * @param timeline        the incident's facts so far
 * @param throughSequence the highest sequence number applied
 * @param asOf            the instant (epoch millis) the incident's clocks were last read at; it never goes back
 * @param dueAt           when its clocks next change with no new event (epoch millis), null when they never will;
 *                        the incident's key in {@link SlaTopology#DUE_STORE}
 */
record SlaTrack(IncidentTimeline timeline, long throughSequence, long asOf, Long dueAt) {

    /** An incident never seen before. */
    static SlaTrack none() {
        return new SlaTrack(IncidentTimeline.empty(), 0, Long.MIN_VALUE, null);
    }

    boolean seen() {
        return throughSequence > 0;
    }
}
