package eu.muster.sla;

import eu.muster.contract.SlaAlert;
import eu.muster.contract.SlaBreach;
import eu.muster.contract.SlaClock;
import eu.muster.contract.SlaClockKind;
import eu.muster.contract.SlaClockState;
import eu.muster.contract.SlaView;
import java.time.Instant;
import java.util.List;

/**
 * The contract's form of the clocks: the records on the view and alert topics and in the breach
 * indexes. The live processor and the replay both build their records here, so the two cannot
 * drift apart field by field.
 */
public final class SlaViews {

    private SlaViews() {
    }

    /** The view of one incident: its clocks as read at an instant, from its events up to {@code throughSequence}. */
    public static SlaView view(String incidentId, IncidentTimeline timeline, long throughSequence, List<ClockReading> readings) {
        return SlaView.newBuilder()
                .setIncidentId(incidentId)
                .setThroughSequence(throughSequence)
                .setRequestingMemberState(timeline.requestingMemberState())
                .setMsspId(timeline.msspId())
                .setClocks(readings.stream().map(SlaViews::clock).toList())
                .build();
    }

    /** The alert for one change, raised for the instant {@code raisedAt}. */
    public static SlaAlert alert(String incidentId, IncidentTimeline timeline, long throughSequence, ClockChange change, Instant raisedAt) {
        return SlaAlert.newBuilder()
                .setIncidentId(incidentId)
                .setRequestingMemberState(timeline.requestingMemberState())
                .setMsspId(timeline.msspId())
                .setPreviousState(change.from() == null ? null : state(change.from().state()))
                .setClock(clock(change.to()))
                .setRaisedAt(raisedAt)
                .setThroughSequence(throughSequence)
                .build();
    }

    /** The breach index entry of a clock that passed its deadline. */
    public static SlaBreach breach(String incidentId, IncidentTimeline timeline, ClockReading reading) {
        if (!reading.breached()) {
            throw new IllegalArgumentException(reading.kind() + " of " + incidentId + " never passed its deadline");
        }
        return SlaBreach.newBuilder()
                .setIncidentId(incidentId)
                .setRequestingMemberState(timeline.requestingMemberState())
                .setMsspId(timeline.msspId())
                .setClock(clock(reading))
                .build();
    }

    /** One clock; the lateness is kept only once it is fixed, so a BREACHED clock reads the same whenever it is read. */
    public static SlaClock clock(ClockReading reading) {
        boolean ended = reading.endedAt() != null;
        return SlaClock.newBuilder()
                .setKind(SlaClockKind.valueOf(reading.kind().name()))
                .setCycle(reading.cycle())
                .setState(state(reading.state()))
                .setWindowMillis(reading.window().toMillis())
                .setStartedAt(reading.startedAt())
                .setDeadline(reading.deadline())
                .setEndedAt(reading.endedAt())
                .setLatenessMillis(ended && reading.overdue() != null ? reading.overdue().toMillis() : null)
                .build();
    }

    private static SlaClockState state(ClockState state) {
        return SlaClockState.valueOf(state.name());
    }
}
