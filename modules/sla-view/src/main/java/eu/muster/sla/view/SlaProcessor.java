package eu.muster.sla.view;

import eu.muster.contract.RecordedEvent;
import eu.muster.contract.SlaBreach;
import eu.muster.contract.SlaClockKind;
import eu.muster.contract.SlaClockState;
import eu.muster.contract.SlaView;
import eu.muster.sla.ClockChange;
import eu.muster.sla.ClockReading;
import eu.muster.sla.SlaClocks;
import eu.muster.sla.SlaPolicy;
import eu.muster.sla.SlaViews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every incident's SLA clocks. An event moves its incident's clocks at the instant it was
 * recorded; time moves them at the instants {@link SlaClocks#nextChange} names, found through the
 * due index by wall-clock punctuation (so a breach appears with no new event) and by stream-time
 * punctuation (so a backlog read in one go is timed as it was recorded). Each reading is taken at
 * an instant derived from the log (a recording or a due instant), never at "whenever the
 * punctuation happened to run", so the records it writes are what {@link eu.muster.sla.SlaReplay}
 * computes from the same log at the same instants.
 */
final class SlaProcessor implements Processor<String, RecordedEvent, String, SlaOutput> {

    /** At most this many incidents are moved on per punctuation, so one punctuation stays short after a long pause; the rest follow at the next. */
    static final int MAX_DUE_PER_PUNCTUATION = 10_000;

    private final SlaSettings settings;
    private ProcessorContext<String, SlaOutput> context;
    private KeyValueStore<String, SlaTrack> tracks;
    private KeyValueStore<String, SlaView> views;
    private KeyValueStore<String, String> due;
    private KeyValueStore<String, SlaBreach> openBreaches;
    private KeyValueStore<String, SlaBreach> breachesByMssp;
    private KeyValueStore<String, SlaBreach> breachesByMemberState;

    SlaProcessor(SlaSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, SlaOutput> context) {
        this.context = context;
        tracks = context.getStateStore(SlaTopology.TRACK_STORE);
        views = context.getStateStore(SlaTopology.VIEW_STORE);
        due = context.getStateStore(SlaTopology.DUE_STORE);
        openBreaches = context.getStateStore(SlaTopology.OPEN_BREACHES_STORE);
        breachesByMssp = context.getStateStore(SlaTopology.BREACHES_BY_MSSP_STORE);
        breachesByMemberState = context.getStateStore(SlaTopology.BREACHES_BY_MEMBER_STATE_STORE);
        context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::moveOnTo);
        context.schedule(settings.checkInterval(), PunctuationType.STREAM_TIME, this::moveOnTo);
    }

    @Override
    public void process(Record<String, RecordedEvent> record) {
        RecordedEvent recorded = record.value();
        if (recorded == null) {
            throw new IllegalStateException("a null value on the log of record at key " + record.key() + "; the log holds only recorded events");
        }
        String incidentId = recorded.getIncidentId();
        long recordedAt = recorded.getRecordedAt().toEpochMilli();
        // Time first: what came due before this event was recorded happened without it.
        SlaTrack before = moveOn(incidentId, tracks.get(incidentId), recordedAt);
        if (before == null) {
            before = SlaTrack.none();
        }
        SlaTrack after = new SlaTrack(before.timeline().apply(recorded.getEvent()),
                Math.max(before.throughSequence(), recorded.getSequence()), Math.max(before.asOf(), recordedAt), null);
        write(incidentId, before, after);
    }

    /** Moves on every incident whose clocks came due by {@code instant}, oldest first. */
    private void moveOnTo(long instant) {
        List<KeyValue<String, String>> dueNow = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = due.all()) {
            while (entries.hasNext() && dueNow.size() < MAX_DUE_PER_PUNCTUATION) {
                KeyValue<String, String> entry = entries.next();
                if (BreachKeys.dueAt(entry.key) > instant) {
                    break;
                }
                dueNow.add(entry);
            }
        }
        for (KeyValue<String, String> entry : dueNow) {
            moveOn(entry.value, tracks.get(entry.value), instant);
        }
    }

    /** Reads the incident's clocks at each instant they change by {@code instant}, writing each reading; returns where it ends. */
    private SlaTrack moveOn(String incidentId, SlaTrack track, long instant) {
        while (track != null && track.dueAt() != null && track.dueAt() <= instant) {
            SlaTrack next = new SlaTrack(track.timeline(), track.throughSequence(), track.dueAt(), null);
            track = write(incidentId, track, next);
        }
        return track;
    }

    /** Writes the incident's new reading: the view, the alerts, the breach indexes and its next due instant. */
    private SlaTrack write(String incidentId, SlaTrack before, SlaTrack after) {
        SlaPolicy policy = settings.policy();
        Instant asOf = Instant.ofEpochMilli(after.asOf());
        List<ClockReading> then = before.seen() ? SlaClocks.at(before.timeline(), Instant.ofEpochMilli(before.asOf()), policy) : List.of();
        List<ClockReading> now = SlaClocks.at(after.timeline(), asOf, policy);

        SlaView view = SlaViews.view(incidentId, after.timeline(), after.throughSequence(), now);
        views.put(incidentId, view);
        context.forward(new Record<String, SlaOutput>(incidentId, new SlaOutput.View(view), after.asOf()));
        for (ClockChange change : SlaClocks.changes(then, now)) {
            context.forward(new Record<String, SlaOutput>(incidentId,
                    new SlaOutput.Alert(SlaViews.alert(incidentId, after.timeline(), after.throughSequence(), change, asOf)), after.asOf()));
        }
        index(incidentId, before, then, after, now);

        Optional<Instant> next = SlaClocks.nextChange(after.timeline(), asOf, policy);
        Long dueAt = next.map(Instant::toEpochMilli).orElse(null);
        if (before.dueAt() != null) {
            due.delete(BreachKeys.due(before.dueAt(), incidentId));
        }
        if (dueAt != null) {
            due.put(BreachKeys.due(dueAt, incidentId), incidentId);
        }
        SlaTrack kept = new SlaTrack(after.timeline(), after.throughSequence(), after.asOf(), dueAt);
        tracks.put(incidentId, kept);
        return kept;
    }

    /** Replaces the incident's entries in the breach indexes with those of its new reading. */
    private void index(String incidentId, SlaTrack before, List<ClockReading> then, SlaTrack after, List<ClockReading> now) {
        for (SlaBreach old : breaches(incidentId, before, then).values()) {
            openBreaches.delete(BreachKeys.clock(old));
            ownersOf(old).forEach((store, owner) -> store.delete(BreachKeys.owned(owner, old)));
        }
        for (SlaBreach breach : breaches(incidentId, after, now).values()) {
            if (breach.getClock().getState() == SlaClockState.BREACHED) {
                openBreaches.put(BreachKeys.clock(breach), breach);
            }
            ownersOf(breach).forEach((store, owner) -> store.put(BreachKeys.owned(owner, breach), breach));
        }
    }

    private static Map<String, SlaBreach> breaches(String incidentId, SlaTrack track, List<ClockReading> readings) {
        Map<String, SlaBreach> breaches = new HashMap<>();
        for (ClockReading reading : readings) {
            if (reading.breached()) {
                SlaBreach breach = SlaViews.breach(incidentId, track.timeline(), reading);
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
